/**
 * A picture the user hands to Apply, checked and decoded like pictures added to an image set:
 * PNG, JPEG or WebP by content, within the byte limit, fitted within MAX_SIDE.
 */
import { MAX_ASSET_BYTES } from '../../graph/schema';
import type { WireImage } from '../../runtime/protocol';
import { decodeInPage } from '../images/decode';
import { sniff } from '../images/formats';
import { formatName, pictureMessages } from '../images/messages';
import { MAX_SIDE } from '../images/picture-store';

export async function readPicture(file: File): Promise<{ image: WireImage } | { error: string }> {
  const say = (text: string) => ({ error: text.replace(/ It was not added\.$| and add it again\.$/, '.') });
  if (file.size > MAX_ASSET_BYTES) return say(pictureMessages.tooManyBytes(file.name, file.size, MAX_ASSET_BYTES));
  const bytes = new Uint8Array(await file.arrayBuffer());
  const s = sniff(bytes);
  if (s.kind === 'unknown') return say(pictureMessages.notAPicture(file.name));
  if (s.kind === 'other-picture') return say(pictureMessages.otherFormat(file.name, s.format));
  if (s.kind === 'damaged') return say(pictureMessages.damaged(file.name, formatName[s.mime] ?? s.mime));
  try {
    return { image: (await decodeInPage(bytes, s.mime, MAX_SIDE)).image };
  } catch {
    return say(pictureMessages.damaged(file.name, formatName[s.mime] ?? s.mime));
  }
}
