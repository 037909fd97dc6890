/**
 * The README's gallery figures: rows of small pictures (a preset's inputs, then what it made)
 * composed into one image, each picture scaled up by a whole factor (nearest neighbour, so the
 * pixels stay visible) to about `tile` pixels tall, on a dark background.
 */
import type { RgbaImage } from '../src/runtime/png';

const BACKGROUND = [24, 26, 31, 255] as const;

/** `img` scaled by the whole factor `k`, nearest neighbour. */
export function scaleUp(img: RgbaImage, k: number): RgbaImage {
  const out: RgbaImage = { width: img.width * k, height: img.height * k, pixels: new Uint8Array(img.width * k * img.height * k * 4) };
  for (let y = 0; y < out.height; y++)
    for (let x = 0; x < out.width; x++) {
      const from = (Math.floor(y / k) * img.width + Math.floor(x / k)) * 4;
      out.pixels.set(img.pixels.subarray(from, from + 4), (y * out.width + x) * 4);
    }
  return out;
}

/** Rows of pictures, left-aligned, `gap` pixels apart, each scaled to about `tile` pixels tall. */
export function contactSheet(rows: readonly (readonly RgbaImage[])[], tile = 96, gap = 6): RgbaImage {
  const scaled = rows.filter((r) => r.length > 0).map((r) => r.map((img) => scaleUp(img, Math.max(1, Math.round(tile / img.height)))));
  const rowHeights = scaled.map((r) => Math.max(...r.map((i) => i.height)));
  const width = gap + Math.max(0, ...scaled.map((r) => r.reduce((w, i) => w + i.width + gap, 0)));
  const height = gap + rowHeights.reduce((h, r) => h + r + gap, 0);
  const sheet: RgbaImage = { width, height, pixels: new Uint8Array(width * height * 4) };
  for (let p = 0; p < width * height; p++) sheet.pixels.set(BACKGROUND, p * 4);
  let top = gap;
  scaled.forEach((row, r) => {
    let left = gap;
    for (const img of row) {
      for (let y = 0; y < img.height; y++) sheet.pixels.set(img.pixels.subarray(y * img.width * 4, (y + 1) * img.width * 4), ((top + y) * width + left) * 4);
      left += img.width + gap;
    }
    top += rowHeights[r]! + gap;
  });
  return sheet;
}
