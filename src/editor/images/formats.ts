/**
 * What a file is, by its first bytes, and the size its header declares: PNG, JPEG and WebP are
 * taken; a few other picture formats are named so the message can say what the file is. Pure:
 * runs in Node and in the page; a declared size is only a claim until the file decodes.
 */
import type { assetMimes } from '../../graph/schema';

export type PictureMime = (typeof assetMimes)[number];

export type Sniffed =
  | { kind: 'picture'; mime: PictureMime; width: number; height: number }
  /** A known format with a damaged or truncated header. */
  | { kind: 'damaged'; mime: PictureMime }
  /** A picture format Ganvas does not take. */
  | { kind: 'other-picture'; format: string }
  | { kind: 'unknown' };

const at = (b: Uint8Array, i: number, ...bytes: number[]) => bytes.every((x, j) => b[i + j] === x);
const ascii = (b: Uint8Array, i: number, text: string) => at(b, i, ...Array.from(text, (c) => c.charCodeAt(0)));
const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

function sized(mime: PictureMime, width: number, height: number): Sniffed {
  return width > 0 && height > 0 ? { kind: 'picture', mime, width, height } : { kind: 'damaged', mime };
}

/** PNG: the IHDR chunk comes first (PNG spec 5.6). */
function png(b: Uint8Array): Sniffed {
  if (b.length < 24 || !ascii(b, 12, 'IHDR')) return { kind: 'damaged', mime: 'image/png' };
  return sized('image/png', u32be(b, 16), u32be(b, 20));
}

/** JPEG: walk the segments to the first start-of-frame (ITU T.81 B.2). */
function jpeg(b: Uint8Array): Sniffed {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return { kind: 'damaged', mime: 'image/jpeg' };
    const m = b[i + 1]!;
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd8)) {
      i += 2; // markers without a length
      continue;
    }
    if (m === 0xd9 || m === 0xda) break; // end of image, or scan data before any frame header
    const len = u16be(b, i + 2);
    if (len < 2) break;
    const isFrame = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (isFrame) return i + 8 < b.length ? sized('image/jpeg', u16be(b, i + 7), u16be(b, i + 5)) : { kind: 'damaged', mime: 'image/jpeg' };
    i += 2 + len;
  }
  return { kind: 'damaged', mime: 'image/jpeg' };
}

/** WebP: the first chunk after the RIFF header is VP8, VP8L or VP8X (RFC 9649). */
function webp(b: Uint8Array): Sniffed {
  const bad: Sniffed = { kind: 'damaged', mime: 'image/webp' };
  if (b.length < 30) return bad;
  if (ascii(b, 12, 'VP8 ')) return at(b, 23, 0x9d, 0x01, 0x2a) ? sized('image/webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff) : bad;
  if (ascii(b, 12, 'VP8L')) {
    if (b[20] !== 0x2f) return bad;
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return sized('image/webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(b, 12, 'VP8X')) return sized('image/webp', u24le(b, 24) + 1, u24le(b, 27) + 1);
  return bad;
}

/** Reads enough of a file's start (a JPEG's frame header can sit after large metadata: pass it all). */
export function sniff(b: Uint8Array): Sniffed {
  if (at(b, 0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return png(b);
  if (at(b, 0, 0xff, 0xd8, 0xff)) return jpeg(b);
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return webp(b);
  if (ascii(b, 0, 'GIF8')) return { kind: 'other-picture', format: 'GIF' };
  if (ascii(b, 0, 'BM')) return { kind: 'other-picture', format: 'BMP' };
  if (at(b, 0, 0x49, 0x49, 0x2a, 0x00) || at(b, 0, 0x4d, 0x4d, 0x00, 0x2a)) return { kind: 'other-picture', format: 'TIFF' };
  if (ascii(b, 4, 'ftyp')) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (/^avi[fs]$/.test(brand)) return { kind: 'other-picture', format: 'AVIF' };
    if (/^(heic|heix|hevc|mif1|msf1)$/.test(brand)) return { kind: 'other-picture', format: 'HEIC' };
  }
  return { kind: 'unknown' };
}

/** The size a picture is used at: its long side at most `maxSide`, the aspect kept, never enlarged. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number; scaled: boolean } {
  const long = Math.max(width, height);
  if (long <= maxSide) return { width, height, scaled: false };
  const k = maxSide / long;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)), scaled: true };
}
