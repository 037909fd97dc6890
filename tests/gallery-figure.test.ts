import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../src/runtime/png';
import { contactSheet, scaleUp } from '../scripts/gallery-figure';

/** A w×h picture whose pixel (x, y) is (x, y, 7, 255). */
const ramp = (w: number, h: number): RgbaImage => {
  const pixels = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pixels.set([x, y, 7, 255], (y * w + x) * 4);
  return { width: w, height: h, pixels };
};
const at = (img: RgbaImage, x: number, y: number) => [...img.pixels.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('gallery figures', () => {
  it('scale a picture up by a whole factor, each pixel a k×k block', () => {
    const big = scaleUp(ramp(3, 2), 4);
    expect([big.width, big.height]).toEqual([12, 8]);
    expect(at(big, 0, 0)).toEqual([0, 0, 7, 255]);
    expect(at(big, 3, 3)).toEqual([0, 0, 7, 255]);
    expect(at(big, 4, 3)).toEqual([1, 0, 7, 255]);
    expect(at(big, 11, 7)).toEqual([2, 1, 7, 255]);
  });

  it('lay rows out left-aligned with gaps, each picture about the tile height', () => {
    const sheet = contactSheet([[ramp(28, 28), ramp(28, 28)], [ramp(64, 64)]], 96, 6);
    // 28 px pictures scale ×3 (84 px), the 64 px one ×2 (128 px).
    expect(sheet.width).toBe(6 + 84 + 6 + 84 + 6);
    expect(sheet.height).toBe(6 + 84 + 6 + 128 + 6);
    expect(at(sheet, 6, 6)).toEqual([0, 0, 7, 255]); // first picture's first pixel
    expect(at(sheet, 6 + 84 + 6 + 3, 6 + 5)).toEqual([1, 1, 7, 255]); // second picture, pixel (1, 1)
    expect(at(sheet, 6, 6 + 84 + 6 + 127)).toEqual([0, 63, 7, 255]); // second row's last line
    expect(at(sheet, 2, 2)).toEqual([24, 26, 31, 255]); // background
  });
});
