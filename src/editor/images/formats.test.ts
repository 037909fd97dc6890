import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../runtime/png';
import { fitWithin, sniff } from './formats';
import { pictureId } from './hash';

const bytes = (...xs: (number | string)[]) =>
  Uint8Array.from(xs.flatMap((x) => (typeof x === 'string' ? Array.from(x, (c) => c.charCodeAt(0)) : [x])));
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

// Two real 16×16 files from CPython's test data (Lib/test/imghdrdata, PSF licence).
const realJpeg = b64(
  '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
);
const realWebp = b64(
  'UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA',
);

const png = (w: number, h: number) => encodePng({ width: w, height: h, pixels: new Uint8Array(w * h * 4).fill(200) }, (d) => deflateSync(d));

/** A JPEG's start: SOI, an APP1 segment of `pad` bytes, fill bytes, DQT, then a baseline frame header. */
function jpegHead(w: number, h: number, pad = 20, sof = 0xc0): Uint8Array {
  return bytes(
    0xff, 0xd8,
    0xff, 0xe1, (pad + 2) >> 8, (pad + 2) & 255, ...new Array(pad).fill(0x41),
    0xff, 0xff, 0xff, 0xdb, 0, 3, 0,
    0xff, sof, 0, 11, 8, h >> 8, h & 255, w >> 8, w & 255, 1, 1, 0x11, 0,
  );
}

const riff = (chunk: string, body: number[]) => bytes('RIFF', 0, 0, 0, 0, 'WEBP', chunk, body.length, 0, 0, 0, ...body);

describe('sniff: what a file is, by its first bytes', () => {
  it('reads a PNG header (our encoder; width and height told apart)', () => {
    expect(sniff(png(37, 5))).toEqual({ kind: 'picture', mime: 'image/png', width: 37, height: 5 });
  });

  it.each([
    ['baseline', 0xc0],
    ['progressive', 0xc2],
  ])('reads a %s JPEG frame header after metadata and fill bytes', (_name, sof) => {
    expect(sniff(jpegHead(640, 480, 300, sof))).toEqual({ kind: 'picture', mime: 'image/jpeg', width: 640, height: 480 });
  });

  it('does not take a Huffman table (FFC4) for a frame header', () => {
    const b = jpegHead(3, 2);
    const withDht = bytes(0xff, 0xd8, 0xff, 0xc4, 0, 6, 9, 9, 9, 9, ...b.subarray(2));
    expect(sniff(withDht)).toEqual({ kind: 'picture', mime: 'image/jpeg', width: 3, height: 2 });
  });

  it('reads the three WebP headers: lossy, lossless and extended', () => {
    // VP8: frame tag (3 bytes), start code, 14-bit width and height (RFC 6386 9.1).
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 300 & 255, (300 >> 8) | 0x40, 200 & 255, 200 >> 8]);
    expect(sniff(lossy)).toEqual({ kind: 'picture', mime: 'image/webp', width: 300, height: 200 });
    // VP8L: signature 0x2f, then width-1 and height-1 in 14 bits each, little-endian.
    const bits = (1023 - 1) | ((17 - 1) << 14);
    const lossless = riff('VP8L', [0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >>> 24) & 255, 0, 0, 0, 0, 0]);
    expect(sniff(lossless)).toEqual({ kind: 'picture', mime: 'image/webp', width: 1023, height: 17 });
    // VP8X: flags, reserved, then canvas width-1 and height-1 in 24 bits each.
    const extended = riff('VP8X', [0x10, 0, 0, 0, 4999 & 255, 4999 >> 8, 0, 99, 0, 0]);
    expect(sniff(extended)).toEqual({ kind: 'picture', mime: 'image/webp', width: 5000, height: 100 });
  });

  it('reads real JPEG and WebP files', () => {
    expect(sniff(realJpeg)).toEqual({ kind: 'picture', mime: 'image/jpeg', width: 16, height: 16 });
    expect(sniff(realWebp)).toEqual({ kind: 'picture', mime: 'image/webp', width: 16, height: 16 });
  });

  it.each([
    ['a PNG cut after its signature', png(4, 4).subarray(0, 12), 'image/png'],
    ['a PNG whose first chunk is not IHDR', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IDAT', ...new Array(13).fill(1)), 'image/png'],
    ['a PNG of width 0', (() => { const b = png(4, 4); b.set([0, 0, 0, 0], 16); return b; })(), 'image/png'],
    ['a JPEG with no frame header', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 0xff, 0xd9), 'image/jpeg'],
    ['a JPEG cut inside its metadata', jpegHead(8, 8, 500).subarray(0, 100), 'image/jpeg'],
    ['a JPEG with garbage between segments', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 0x12, 0x34, 0x56, 0x78), 'image/jpeg'],
    ['a WebP with an unknown first chunk', riff('ABCD', new Array(12).fill(0)), 'image/webp'],
    ['a lossy WebP without its start code', riff('VP8 ', new Array(12).fill(0)), 'image/webp'],
    ['a WebP cut short', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8L'), 'image/webp'],
  ])('calls %s damaged', (_what, b, mime) => {
    expect(sniff(b)).toEqual({ kind: 'damaged', mime });
  });

  it.each([
    ['GIF', bytes('GIF89a', 1, 0, 1, 0)],
    ['BMP', bytes('BM', 0, 0, 0, 0)],
    ['TIFF', bytes(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0)],
    ['TIFF', bytes(0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8)],
    ['AVIF', bytes(0, 0, 0, 0x1c, 'ftypavif', 0, 0, 0, 0)],
    ['HEIC', bytes(0, 0, 0, 0x18, 'ftypheic', 0, 0, 0, 0)],
  ])('names a %s file', (format, b) => {
    expect(sniff(b)).toEqual({ kind: 'other-picture', format });
  });

  it.each([
    ['text', bytes('hello, world')],
    ['JSON', bytes('{"format":"ganvas-graph"}')],
    ['an empty file', bytes()],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt ')],
    ['an MP4 video', bytes(0, 0, 0, 0x18, 'ftypisom', 0, 0, 0, 0)],
  ])('knows nothing of %s', (_what, b) => {
    expect(sniff(b)).toEqual({ kind: 'unknown' });
  });
});

describe('fitWithin', () => {
  it.each([
    [4000, 3000, 2048, { width: 2048, height: 1536, scaled: true }],
    [3000, 4000, 2048, { width: 1536, height: 2048, scaled: true }],
    [2048, 10, 2048, { width: 2048, height: 10, scaled: false }],
    [5000, 1, 2048, { width: 2048, height: 1, scaled: true }],
    [10, 10, 96, { width: 10, height: 10, scaled: false }],
  ])('%i×%i within %i', (w, h, side, want) => {
    expect(fitWithin(w, h, side)).toEqual(want);
  });
});

describe('pictureId', () => {
  it('is the SHA-256 of the bytes (node:crypto agrees), hex, 32 characters', async () => {
    for (const b of [bytes(), png(3, 2), realJpeg, new Uint8Array(100_000).map((_, i) => (i * 7) & 255)]) {
      const want = createHash('sha256').update(b).digest('hex').slice(0, 32);
      await expect(pictureId(b)).resolves.toBe(want);
    }
  });

  it('differs for files that differ in one byte', async () => {
    const a = png(3, 2);
    const b = a.slice();
    b[b.length - 20]! ^= 1;
    expect(await pictureId(a)).not.toBe(await pictureId(b));
  });
});
