/**
 * A tiny software canvas for the procedural paintings and scenes: an S×S RGB image in [0,1]
 * drawn in unit coordinates (x right, y down, both 0..1), so a picture drawn from the same
 * random numbers looks the same at any size. Shapes are signed-distance functions painted with
 * a one-pixel anti-aliased edge; plain JS, so every backend sees the same pixels.
 */
import type { Rng } from '../prng';

export type Rgb = [number, number, number];

export const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
export const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
export const scaleRgb = (a: Rgb, k: number): Rgb => [clamp01(a[0] * k), clamp01(a[1] * k), clamp01(a[2] * k)];

/** A colour from hue (turns), saturation and value, all 0..1. */
export function hsv(h: number, s: number, v: number): Rgb {
  const f = (n: number) => {
    const k = (n + 6 * (h - Math.floor(h))) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

/** `c` moved by up to ±amount per channel: three uniforms. */
export function jitter(rng: Rng, c: Rgb, amount: number): Rgb {
  return [clamp01(c[0] + amount * (2 * rng.uniform() - 1)), clamp01(c[1] + amount * (2 * rng.uniform() - 1)), clamp01(c[2] + amount * (2 * rng.uniform() - 1))];
}

/** One entry of a list, chosen by one uniform. */
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(rng.uniform() * xs.length))]!;

/** A bounding box in unit coordinates: x0, y0, x1, y1. */
export type Box = [number, number, number, number];

export class Raster {
  readonly px: Float32Array;

  constructor(readonly size: number, background: Rgb = [0, 0, 0]) {
    this.px = new Float32Array(size * size * 3);
    for (let k = 0; k < this.px.length; k += 3) this.px.set(background, k);
  }

  /** Sets every pixel from its centre's unit coordinates. */
  each(colour: (x: number, y: number) => Rgb): void {
    const s = this.size;
    for (let i = 0; i < s; i++)
      for (let j = 0; j < s; j++) this.px.set(colour((j + 0.5) / s, (i + 0.5) / s), (i * s + j) * 3);
  }

  /** Blends `rgb` over the pixel (i, j) with opacity a. */
  blend(i: number, j: number, rgb: Rgb, a: number): void {
    const k = (i * this.size + j) * 3;
    const p = this.px;
    p[k] = p[k]! + (rgb[0] - p[k]!) * a;
    p[k + 1] = p[k + 1]! + (rgb[1] - p[k + 1]!) * a;
    p[k + 2] = p[k + 2]! + (rgb[2] - p[k + 2]!) * a;
  }

  /**
   * Paints a shape: `sdf(x, y)` is the signed distance to its edge in unit coordinates
   * (negative inside), `box` bounds it, `colour` may vary over it (shading).
   */
  shape(box: Box, sdf: (x: number, y: number) => number, colour: Rgb | ((x: number, y: number) => Rgb), alpha = 1): void {
    const s = this.size;
    const i0 = Math.max(0, Math.floor(box[1] * s - 1));
    const i1 = Math.min(s, Math.ceil(box[3] * s + 1));
    const j0 = Math.max(0, Math.floor(box[0] * s - 1));
    const j1 = Math.min(s, Math.ceil(box[2] * s + 1));
    for (let i = i0; i < i1; i++)
      for (let j = j0; j < j1; j++) {
        const x = (j + 0.5) / s;
        const y = (i + 0.5) / s;
        const cover = clamp01(0.5 - sdf(x, y) * s);
        if (cover > 0) this.blend(i, j, typeof colour === 'function' ? colour(x, y) : colour, cover * alpha);
      }
  }

  disc(cx: number, cy: number, r: number, colour: Rgb | ((x: number, y: number) => Rgb), alpha = 1): void {
    this.shape([cx - r, cy - r, cx + r, cy + r], (x, y) => Math.hypot(x - cx, y - cy) - r, colour, alpha);
  }

  /** A stroke of radius r from (x0, y0) to (x1, y1) with round ends. */
  capsule(x0: number, y0: number, x1: number, y1: number, r: number, colour: Rgb | ((x: number, y: number) => Rgb), alpha = 1): void {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len2 = dx * dx + dy * dy || 1e-12;
    const box: Box = [Math.min(x0, x1) - r, Math.min(y0, y1) - r, Math.max(x0, x1) + r, Math.max(y0, y1) + r];
    this.shape(box, (x, y) => {
      const t = clamp01(((x - x0) * dx + (y - y0) * dy) / len2);
      return Math.hypot(x - x0 - t * dx, y - y0 - t * dy) - r;
    }, colour, alpha);
  }

  rect(x0: number, y0: number, x1: number, y1: number, colour: Rgb | ((x: number, y: number) => Rgb), alpha = 1): void {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const hx = (x1 - x0) / 2;
    const hy = (y1 - y0) / 2;
    this.shape([x0, y0, x1, y1], (x, y) => Math.max(Math.abs(x - cx) - hx, Math.abs(y - cy) - hy), colour, alpha);
  }

  /** The colour at unit coordinates (nearest pixel, clamped to the edge). */
  at(x: number, y: number): Rgb {
    const s = this.size;
    const i = Math.min(s - 1, Math.max(0, Math.floor(y * s)));
    const j = Math.min(s - 1, Math.max(0, Math.floor(x * s)));
    const k = (i * s + j) * 3;
    return [this.px[k]!, this.px[k + 1]!, this.px[k + 2]!];
  }

  /** Writes scale·v + shift, clamped to [0,1] first, to out[offset…] in HWC order. */
  writeInto(out: Float32Array, offset: number, map: { scale: number; shift: number }): void {
    for (let k = 0; k < this.px.length; k++) out[offset + k] = map.scale * clamp01(this.px[k]!) + map.shift;
  }
}

/**
 * Smooth value noise in [0,1] over the unit square: an (n+1)×(n+1) lattice of uniforms,
 * drawn row by row, blended with smoothstep. Its draws do not depend on the image size.
 */
export function lattice(rng: Rng, n: number): (x: number, y: number) => number {
  const g = new Float64Array((n + 1) * (n + 1));
  for (let k = 0; k < g.length; k++) g[k] = rng.uniform();
  return (x, y) => {
    const fx = Math.min(n - 1e-9, Math.max(0, x * n));
    const fy = Math.min(n - 1e-9, Math.max(0, y * n));
    const i = Math.floor(fy);
    const j = Math.floor(fx);
    const ty = fy - i;
    const tx = fx - j;
    const sy = ty * ty * (3 - 2 * ty);
    const sx = tx * tx * (3 - 2 * tx);
    const a = g[i * (n + 1) + j]!;
    const b = g[i * (n + 1) + j + 1]!;
    const c = g[(i + 1) * (n + 1) + j]!;
    const d = g[(i + 1) * (n + 1) + j + 1]!;
    return a + (b - a) * sx + (c - a + (a - b - c + d) * sx) * sy;
  };
}
