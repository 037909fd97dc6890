/**
 * Pictures in graph files: the `assets` map an export can carry (base64 of each original
 * file, by id) and storing a file's pictures on import. An imported picture goes through the
 * same checks as a picked file, and its bytes must hash to its id.
 */
import { zAsset, type Asset, type GraphDoc } from '../../graph/schema';
import { pictureMessages as say } from './messages';
import { pictureIdsOf, type PictureStore } from './picture-store';

// A multiple of 3 bytes encodes without padding, so the chunks' base64 can be joined.
const CHUNK = 3 * 10_000;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) out += btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  return out;
}

/** The bytes, or undefined when the text is not canonical base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** The pictures of `doc` that this browser holds, for an export; `missing` counts those it does not. */
export async function assetsFor(doc: GraphDoc, store: PictureStore): Promise<{ assets: Record<string, Asset>; missing: number }> {
  const assets: Record<string, Asset> = {};
  let missing = 0;
  for (const id of pictureIdsOf(doc)) {
    const f = await store.file(id);
    if (!f) {
      missing++;
      continue;
    }
    assets[id] = { mime: f.meta.mime, name: f.meta.name, data: toBase64(f.bytes) };
  }
  return { assets, missing };
}

/** Stores the pictures a file carried; returns a sentence for each one left out. Never throws. */
export async function storeAssets(raw: unknown, store: PictureStore): Promise<{ stored: string[]; problems: string[] }> {
  const stored: string[] = [];
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { stored, problems };
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = zAsset.safeParse(value);
    const name = parsed.success && parsed.data.name ? parsed.data.name : id;
    const bytes = parsed.success && /^[0-9a-f]{16,64}$/.test(id) ? fromBase64(parsed.data.data) : undefined;
    if (!bytes) {
      problems.push(say.assetDamaged(name));
      continue;
    }
    const r = await store.addBytes(name, bytes);
    if (!r.ok) problems.push(r.message);
    else if (id !== r.id) problems.push(say.assetMismatch(name));
    else stored.push(r.id);
  }
  return { stored, problems };
}
