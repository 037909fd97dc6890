/**
 * A PNG reader for tests, independent of src/runtime/png.ts: zlib from node:zlib, CRCs
 * from zlib.crc32. Reads only 8-bit RGBA, non-interlaced files; throws on anything wrong.
 */
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';

/**
 * Checks the signature, every chunk's CRC, the header fields, the
 * chunk order, and undoes all five row filters (so it would also read other encoders' files).
 */
export function decodePng(file: Uint8Array): { width: number; height: number; pixels: Uint8Array; chunks: string[] } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  sig.forEach((b, i) => {
    if (file[i] !== b) throw new Error(`bad signature byte ${i}`);
  });
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const chunks: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  let at = 8;
  while (at < file.length) {
    const len = v.getUint32(at);
    const type = String.fromCharCode(...file.subarray(at + 4, at + 8));
    const body = file.subarray(at + 8, at + 8 + len);
    const crc = v.getUint32(at + 8 + len);
    if (zlibCrc32(file.subarray(at + 4, at + 8 + len)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === 'IHDR') {
      const h = new DataView(body.buffer, body.byteOffset, body.byteLength);
      width = h.getUint32(0);
      height = h.getUint32(4);
      if (body.subarray(8).join() !== '8,6,0,0,0') throw new Error(`not 8-bit RGBA: ${body.subarray(8).join()}`);
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + len;
  }
  if (at !== file.length) throw new Error('trailing bytes after the last chunk');
  if (chunks[0] !== 'IHDR' || chunks.at(-1) !== 'IEND') throw new Error(`chunks out of order: ${chunks.join()}`);
  const raw = inflateSync(Buffer.concat(idat));
  const row = width * 4;
  if (raw.length !== (row + 1) * height) throw new Error(`image data holds ${raw.length} bytes, expected ${(row + 1) * height}`);
  const px = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (row + 1)]!;
    for (let x = 0; x < row; x++) {
      const a = x >= 4 ? px[y * row + x - 4]! : 0;
      const b = y > 0 ? px[(y - 1) * row + x]! : 0;
      const c = x >= 4 && y > 0 ? px[(y - 1) * row + x - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      if (pred === undefined) throw new Error(`bad filter ${filter}`);
      px[y * row + x] = (raw[y * (row + 1) + 1 + x]! + pred) & 0xff;
    }
  }
  return { width, height, pixels: px, chunks };
}
