/**
 * The chunk structure of PNG files from anywhere: split a file into its chunks (checking the
 * signature, every length and every CRC) and put chunks back together. Never throws on bad
 * bytes: a file that is not a PNG, or a damaged one, gives a sentence saying so. No tfjs here:
 * the editor's page reads the graphs PNGs carry with this.
 */
import { crc32 } from '../png';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngChunk {
  /** Four ASCII letters, e.g. IHDR, IDAT, iTXt. */
  type: string;
  data: Uint8Array;
}

export type ChunksResult = { ok: true; chunks: PngChunk[] } | { ok: false; reason: 'not-png' | 'damaged'; message: string };

/** A chunk may say it is up to 2³¹−1 bytes (PNG spec 5.3); the file has to hold them. */
const MAX_CHUNK = 0x7fffffff;

export function readPngChunks(file: Uint8Array): ChunksResult {
  if (file.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => file[i] !== b))
    return { ok: false, reason: 'not-png', message: 'This file is not a PNG image.' };
  const damaged = (detail: string): ChunksResult => ({ ok: false, reason: 'damaged', message: `This PNG is damaged: ${detail}.` });
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const chunks: PngChunk[] = [];
  let at = PNG_SIGNATURE.length;
  while (at < file.length) {
    if (at + 12 > file.length) return damaged('it ends in the middle of a chunk');
    const length = v.getUint32(at);
    const type = String.fromCharCode(...file.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return damaged(`a chunk has the type code ${JSON.stringify(type)}, which is not four letters`);
    if (length > MAX_CHUNK || at + 12 + length > file.length) return damaged(`its ${type} chunk says it holds ${length} bytes, more than the file has`);
    const crc = v.getUint32(at + 8 + length);
    if (crc32(file.subarray(at + 4, at + 8 + length)) !== crc) return damaged(`the checksum of its ${type} chunk is wrong`);
    chunks.push({ type, data: file.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') return damaged('it does not start with an image header (IHDR)');
  if (chunks.at(-1)?.type !== 'IEND') return damaged('it has no end marker (IEND); the file was probably cut short');
  return { ok: true, chunks };
}

/** The file: signature, then each chunk as length, type, data and CRC-32 of type and data. */
export function writePngChunks(chunks: readonly PngChunk[]): Uint8Array {
  const out = new Uint8Array(PNG_SIGNATURE.length + chunks.reduce((n, c) => n + 12 + c.data.length, 0));
  const v = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const { type, data } of chunks) {
    if (!/^[A-Za-z]{4}$/.test(type)) throw new RangeError(`A PNG chunk type is four letters, not ${JSON.stringify(type)}`);
    v.setUint32(at, data.length);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
    out.set(data, at + 8);
    v.setUint32(at + 8 + data.length, crc32(out.subarray(at + 4, at + 8 + data.length)));
    at += 12 + data.length;
  }
  return out;
}
