import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../tests/png-reader';
import { crc32, encodePng } from './png';

const deflate = (d: Uint8Array) => new Uint8Array(deflateSync(d));

describe('encodePng', () => {
  it('computes the standard CRC-32 (check value and zlib agree)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131 + 7) % 256);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('frames a 1×1 image exactly like a known-good PNG file', () => {
    // The well-known 1×1 PNG (IHDR CRC 1F15C489); its IDAT is reused so the framing is compared byte for byte.
    const known = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const knownIdat = known.subarray(41, 54);
    let given: number[] = [];
    const file = encodePng({ width: 1, height: 1, pixels: Uint8Array.of(0, 0, 255, 127) }, (d) => {
      given = Array.from(d);
      return new Uint8Array(knownIdat);
    });
    expect(given).toEqual([0, 0, 0, 255, 127]);
    expect(Buffer.from(file).equals(known)).toBe(true);
  });

  it.each([
    [1, 1],
    [16, 16],
    [7, 3],
    [3, 40],
  ])('round-trips a %i×%i RGBA image', (width, height) => {
    const pixels = Uint8ClampedArray.from({ length: width * height * 4 }, (_, i) => (i * 97 + (i >> 4)) % 256);
    const png = decodePng(encodePng({ width, height, pixels }, deflate));
    expect(png).toMatchObject({ width, height, chunks: ['IHDR', 'IDAT', 'IEND'] });
    expect(Array.from(png.pixels)).toEqual(Array.from(pixels));
  });

  it('writes CRCs a reader checks (a flipped data byte is caught)', () => {
    const file = encodePng({ width: 2, height: 2, pixels: new Uint8Array(16).fill(200) }, deflate);
    file[45] = file[45]! ^ 1; // inside the IDAT data
    expect(() => decodePng(file)).toThrow(/bad CRC in IDAT/);
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(15) }, deflate)).toThrow(/16 bytes/);
    expect(() => encodePng({ width: 0, height: 2, pixels: new Uint8Array(0) }, deflate)).toThrow(/positive/);
  });
});
