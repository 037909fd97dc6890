import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DIGIT_PIXELS,
  decodeDigits,
  encodeDigits,
  interleavedOrder,
} from '../../nodes/sources/data/digits-format';
import { loadDigitsNode } from './digits-node';

function packageClass(c: number): number[] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist/package.json')), 'src/digits');
  return (JSON.parse(readFileSync(join(dir, `${c}.json`), 'utf8')) as { data: number[] }).data;
}

describe('the committed digits file', () => {
  const d = loadDigitsNode();

  it('loads 10,000 digits once and caches them', () => {
    expect(d.count).toBe(10000);
    expect(d.images.length).toBe(10000 * 784);
    expect(loadDigitsNode()).toBe(d);
  });

  it('matches the mnist package: class counts, round-robin order, pixels to 1/510', () => {
    // Within class c, the i-th digit of the package sits at the i-th position labelled c.
    const positions: number[][] = Array.from({ length: 10 }, () => []);
    d.labels.forEach((l, n) => positions[l]!.push(n));
    expect(Array.from(d.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    for (let c = 0; c < 10; c++) {
      const pkg = packageClass(c);
      const count = pkg.length / DIGIT_PIXELS;
      expect(positions[c]!.length).toBe(count);
      // first, last, and 18 spread between
      const sample = [0, count - 1, ...Array.from({ length: 18 }, (_, k) => Math.floor(((k + 1) * count) / 19))];
      for (const i of sample) {
        const n = positions[c]![i]!;
        for (let k = 0; k < DIGIT_PIXELS; k++) {
          const want = pkg[i * DIGIT_PIXELS + k]!;
          const got = d.images[n * DIGIT_PIXELS + k]! / 255;
          if (Math.abs(got - want) > 1 / 510) throw new Error(`class ${c} digit ${i} pixel ${k}: ${got} vs ${want}`);
        }
      }
    }
  });
});

describe('digits format', () => {
  it('interleaves classes round-robin, skipping exhausted ones', () => {
    expect(interleavedOrder([2, 1, 3])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [2, 1],
      [2, 2],
    ]);
  });

  it('round-trips and rejects files that are not digits', () => {
    const images = Uint8Array.from({ length: 2 * 784 }, (_, k) => k % 251);
    const labels = Uint8Array.from([7, 3]);
    const bytes = encodeDigits({ images, labels, count: 2 });
    const back = decodeDigits(bytes);
    expect(back.count).toBe(2);
    expect(Array.from(back.labels)).toEqual([7, 3]);
    expect(Buffer.compare(back.images, images)).toBe(0);
    expect(() => decodeDigits(bytes.subarray(0, bytes.length - 1))).toThrow(/expected 2 digits/);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => decodeDigits(bad)).toThrow(/not a digits file/);
    const badLabel = bytes.slice();
    badLabel[badLabel.length - 1] = 10;
    expect(() => decodeDigits(badLabel)).toThrow(/label/);
  });
});
