/** Pixel helpers shared by the sources: value ranges, crops and a bilinear resampler. */
import { z } from 'zod';

export const imageRanges = ['[-1,1]', '[0,1]'] as const;
export type ImageRange = (typeof imageRanges)[number];

export function zImageRange(fallback: ImageRange) {
  return z.enum(imageRanges).default(fallback).describe('Value range of the images: [-1,1] (tanh outputs) or [0,1]');
}

/** The range's scale and shift applied to a value in [0,1]. */
export function rangeMap(range: ImageRange): { scale: number; shift: number } {
  return range === '[0,1]' ? { scale: 1, shift: 0 } : { scale: 2, shift: -1 };
}

/** The middle of the range: mid-grey. */
export function midValue(range: ImageRange): number {
  return range === '[0,1]' ? 0.5 : 0;
}

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The centred square of an image, or of its left or right half (pix2pix datasets ship each
 * pair side by side as one A|B file). Odd leftovers go to the right and bottom.
 */
export function centreSquare(width: number, height: number, half: 'none' | 'left' | 'right' = 'none'): Region {
  const w = half === 'none' ? width : Math.floor(width / 2);
  const x0 = half === 'right' ? width - w : 0;
  const side = Math.min(w, height);
  return { x: x0 + Math.floor((w - side) / 2), y: Math.floor((height - side) / 2), w: side, h: side };
}

/**
 * Resamples `region` of an interleaved image (`srcChannels` values per pixel, rows of
 * `srcWidth` pixels) to size×size, keeping the first `channels` channels, and writes
 * scale·v + shift to out[offset…]. Bilinear with half-pixel centres, the rule of
 * tf.image.resizeBilinear(x, size, false, true) and of PIL/OpenCV; done in JS so that only
 * the pixels a sample needs are read, not a whole photo uploaded.
 */
export function resampleBilinear(
  src: ArrayLike<number>,
  srcWidth: number,
  srcChannels: number,
  region: Region,
  size: number,
  channels: number,
  out: Float32Array,
  offset: number,
  scale = 1,
  shift = 0,
): void {
  const ry = region.h / size;
  const rx = region.w / size;
  const cols: { x0: number; x1: number; f: number }[] = [];
  for (let j = 0; j < size; j++) {
    const s = rx * (j + 0.5) - 0.5;
    const x0 = Math.max(0, Math.floor(s));
    cols.push({ x0: region.x + x0, x1: region.x + Math.min(region.w - 1, Math.ceil(s)), f: s - x0 });
  }
  let o = offset;
  for (let i = 0; i < size; i++) {
    const s = ry * (i + 0.5) - 0.5;
    const y0 = Math.max(0, Math.floor(s));
    const fy = s - y0;
    const top = (region.y + y0) * srcWidth;
    const bottom = (region.y + Math.min(region.h - 1, Math.ceil(s))) * srcWidth;
    for (const { x0, x1, f } of cols) {
      for (let c = 0; c < channels; c++) {
        const tl = src[(top + x0) * srcChannels + c]!;
        const tr = src[(top + x1) * srcChannels + c]!;
        const bl = src[(bottom + x0) * srcChannels + c]!;
        const br = src[(bottom + x1) * srcChannels + c]!;
        const t = tl + (tr - tl) * f;
        const b = bl + (br - bl) * f;
        out[o++] = scale * (t + (b - t) * fy) + shift;
      }
    }
  }
}
