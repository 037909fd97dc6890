/**
 * Pictures and graph files, for the editor's Export and Import: the export text with the
 * pictures the graph names, and storing the pictures an imported file carries.
 */
import type { GraphDoc } from '../../graph/schema';
import { MAX_FILE_BYTES, serializeDoc } from '../persist/files';
import { assetsFor, storeAssets } from './assets';
import { pictureIndex, pictures } from './default';
import { pictureMessages as say } from './messages';

export { pictureIdsOf } from './picture-store';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The .ganvas.json text with the graph's pictures in `assets`, or why it cannot be written. */
export async function exportWithPictures(doc: GraphDoc): Promise<{ text: string; notes: string[] } | { error: string }> {
  const { assets, missing } = await assetsFor(doc, pictures());
  const text = serializeDoc(Object.keys(assets).length > 0 ? { ...doc, assets } : doc);
  if (text.length > MAX_FILE_BYTES)
    return { error: `With its pictures the file would be ${mb(text.length)}, over the ${mb(MAX_FILE_BYTES)} Ganvas can open again; export it without pictures, or with fewer.` };
  return { text, notes: missing > 0 ? [say.assetsLeftOut(missing)] : [] };
}

/** Stores an imported file's pictures; the sentences say what was stored and what was left out. */
export async function importPictures(raw: unknown): Promise<string[]> {
  const { stored, problems } = await storeAssets(raw, pictures());
  pictureIndex().refresh(stored);
  const n = stored.length;
  return [...(n > 0 ? [`Stored ${n} picture${n === 1 ? '' : 's'} from the file in this browser.`] : []), ...problems];
}
