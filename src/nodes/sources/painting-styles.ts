/**
 * The procedural paintings of the `painting` source, each drawn into a Raster from the random
 * stream. `detail` scales the marks (tiles, dots, strokes, bands): 1 is the style's usual
 * size, 2 makes them half as large. Every style's random draws depend on its settings but not
 * on the image size, so one seed gives the same painting at 64 and at 256 pixels.
 */
import type { Rng } from '../prng';
import { paintScene, sceneKinds } from './scene-painters';
import { clamp01, hsv, jitter, lattice, mix, pick, Raster, scaleRgb, type Rgb } from './raster';

export const paintingStyles = ['swirls', 'mosaic', 'woodcut', 'pointillism', 'brushstrokes'] as const;
export type PaintingStyle = (typeof paintingStyles)[number];

const u = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();

/** Piecewise-linear lookup of t in [0,1] along a list of colours. */
function ramp(colours: readonly Rgb[], t: number): Rgb {
  const f = clamp01(t) * (colours.length - 1);
  const k = Math.min(colours.length - 2, Math.floor(f));
  return mix(colours[k]!, colours[k + 1]!, f - k);
}

/**
 * A night sky of swirling brush marks: a flow field of a few vortices over a drifting wind,
 * rendered by line-integral convolution (noise smeared along the flow) in night blues, with
 * glowing stars and a moon at the vortex centres and dark hills below.
 */
function swirls(r: Raster, rng: Rng, detail: number): void {
  const vortices = Array.from({ length: 3 + Math.floor(3 * rng.uniform()) }, () => ({
    x: u(rng, 0.1, 0.9), y: u(rng, 0.1, 0.6), k: (rng.uniform() < 0.5 ? -1 : 1) * u(rng, 2, 5), s: u(rng, 0.08, 0.16),
  }));
  const waveP = u(rng, 0, 2 * Math.PI);
  const tone = lattice(rng, 4);
  const grain = lattice(rng, Math.round(90 * detail));
  const hills = { a: u(rng, 0.04, 0.08), f: u(rng, 1, 2.5), p: u(rng, 0, 6), base: u(rng, 0.72, 0.82) };
  const flow = (x: number, y: number): [number, number] => {
    let vx = 1;
    let vy = 0.5 * Math.sin(6 * x + waveP) + 0.3 * Math.sin(9 * y);
    for (const v of vortices) {
      const dx = x - v.x;
      const dy = y - v.y;
      const w = v.k * Math.exp(-(dx * dx + dy * dy) / (v.s * v.s)) / v.s;
      vx += -dy * w * 4;
      vy += dx * w * 4;
    }
    const n = Math.hypot(vx, vy) || 1;
    return [vx / n, vy / n];
  };
  // The flow on a fixed grid, looked up bilinearly: the streamlines need it many times per pixel.
  const G = 96;
  const fxs = new Float64Array((G + 1) * (G + 1));
  const fys = new Float64Array((G + 1) * (G + 1));
  for (let i = 0; i <= G; i++)
    for (let j = 0; j <= G; j++) [fxs[i * (G + 1) + j], fys[i * (G + 1) + j]] = flow(j / G, i / G);
  /** Writes the flow at (x, y) to step[0], step[1]: no allocation in the inner loop. */
  const step = new Float64Array(2);
  const flowAt = (x: number, y: number): void => {
    const gx = Math.min(G - 1e-9, Math.max(0, x * G));
    const gy = Math.min(G - 1e-9, Math.max(0, y * G));
    const i = Math.floor(gy);
    const j = Math.floor(gx);
    const ty = gy - i;
    const tx = gx - j;
    const k = i * (G + 1) + j;
    const w00 = (1 - tx) * (1 - ty);
    const w01 = tx * (1 - ty);
    const w10 = (1 - tx) * ty;
    const w11 = tx * ty;
    step[0] = w00 * fxs[k]! + w01 * fxs[k + 1]! + w10 * fxs[k + G + 1]! + w11 * fxs[k + G + 2]!;
    step[1] = w00 * fys[k]! + w01 * fys[k + 1]! + w10 * fys[k + G + 1]! + w11 * fys[k + G + 2]!;
  };
  const sky: Rgb[] = [[0.04, 0.08, 0.25], [0.1, 0.22, 0.5], [0.25, 0.45, 0.75], [0.55, 0.7, 0.8], [0.92, 0.85, 0.45]];
  const ground: Rgb[] = [[0.02, 0.05, 0.08], [0.08, 0.15, 0.18], [0.2, 0.3, 0.25]];
  const steps = 10;
  const h = 0.006 / detail;
  r.each((x, y) => {
    // Line-integral convolution: average the grain along the streamline through (x, y).
    let sum = grain(x, y);
    for (const dir of [1, -1]) {
      let px = x;
      let py = y;
      for (let s = 0; s < steps; s++) {
        flowAt(px, py);
        px += dir * h * step[0]!;
        py += dir * h * step[1]!;
        sum += grain(px, py);
      }
    }
    const streak = (sum / (2 * steps + 1) - 0.5) * 4;
    const land = y > hills.base + hills.a * Math.sin(2 * Math.PI * hills.f * x + hills.p);
    let near = 0;
    for (const v of vortices) near = Math.max(near, Math.exp(-Math.hypot(x - v.x, y - v.y) / v.s));
    const t = clamp01(0.25 + 0.35 * tone(x, y) + 0.45 * near * near + 0.25 * streak);
    return land ? scaleRgb(ramp(ground, clamp01(0.4 + 0.5 * streak)), 1) : ramp(sky, t);
  });
  for (const v of vortices.slice(0, 2)) {
    // Stars: a bright core in concentric halo rings.
    for (let ring = 3; ring >= 1; ring--) r.disc(v.x, v.y, 0.018 * ring, [0.95, 0.9, 0.55], 0.25);
    r.disc(v.x, v.y, 0.015, [1, 0.98, 0.8]);
  }
  const moon = { x: u(rng, 0.7, 0.92), y: u(rng, 0.08, 0.2) };
  for (let ring = 4; ring >= 1; ring--) r.disc(moon.x, moon.y, 0.02 * ring, [0.98, 0.85, 0.3], 0.3);
  r.disc(moon.x, moon.y, 0.035, [1, 0.88, 0.35]);
}

/** The hidden picture under a mosaic or pointillist canvas: one of the scenes, at low resolution. */
function hiddenScene(rng: Rng, size: number): Raster {
  const kind = pick(rng, sceneKinds);
  const hidden = new Raster(size);
  paintScene(hidden, rng, kind);
  return hidden;
}

/** Voronoi tiles around jittered grid points, each the colour of the hidden scene there, in grout. */
function mosaic(r: Raster, rng: Rng, detail: number): void {
  const n = Math.max(3, Math.round(16 * detail));
  const hidden = hiddenScene(rng, 64);
  const grout: Rgb = jitter(rng, [0.82, 0.78, 0.7], 0.06);
  const pts: { x: number; y: number; c: Rgb }[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = (j + u(rng, 0.15, 0.85)) / n;
      const y = (i + u(rng, 0.15, 0.85)) / n;
      // Tiles come in a few flat tones: the scene's colour, snapped and slightly varied.
      const c = hidden.at(x, y).map((v) => Math.round(v * 5) / 5) as Rgb;
      pts.push({ x, y, c: jitter(rng, c, 0.06) });
    }
  const width = 0.12 / n;
  r.each((x, y) => {
    const ci = Math.floor(y * n);
    const cj = Math.floor(x * n);
    let best = -1;
    let d1 = Infinity;
    for (let a = ci - 1; a <= ci + 1; a++)
      for (let b = cj - 1; b <= cj + 1; b++) {
        if (a < 0 || b < 0 || a >= n || b >= n) continue;
        const p = pts[a * n + b]!;
        const d = (x - p.x) ** 2 + (y - p.y) ** 2;
        if (d < d1) [d1, best] = [d, a * n + b];
      }
    const p1 = pts[best]!;
    // Distance to the nearest tile edge: the bisector with the closest competing point.
    let edge = Infinity;
    for (let a = ci - 1; a <= ci + 1; a++)
      for (let b = cj - 1; b <= cj + 1; b++) {
        if (a < 0 || b < 0 || a >= n || b >= n || a * n + b === best) continue;
        const p = pts[a * n + b]!;
        const d = (x - p.x) ** 2 + (y - p.y) ** 2;
        edge = Math.min(edge, (d - d1) / (2 * Math.hypot(p.x - p1.x, p.y - p1.y)));
      }
    if (edge < width) return grout;
    const bevel = clamp01((edge - width) / (1.5 * width));
    return scaleRgb(p1.c, 0.75 + 0.3 * bevel);
  });
}

/**
 * Ukiyo-e waves cut in wood: the sea's height bands, curled around a few eddies, printed in a
 * few flat blues with dark outlines, under a flat sky with a distant peak.
 */
function woodcut(r: Raster, rng: Rng, detail: number): void {
  const inks: Rgb[] = [[0.08, 0.14, 0.32], [0.16, 0.33, 0.55], [0.55, 0.7, 0.78], [0.93, 0.9, 0.8]];
  const paper: Rgb = jitter(rng, [0.93, 0.86, 0.7], 0.04);
  const line: Rgb = [0.05, 0.07, 0.15];
  const curls = Array.from({ length: 2 + Math.floor(3 * rng.uniform()) }, () => ({
    x: u(rng, 0.1, 0.9), y: u(rng, 0.35, 0.85), a: (rng.uniform() < 0.5 ? -1 : 1) * u(rng, 2.5, 4), s: u(rng, 0.1, 0.2),
  }));
  const swell = [0, 1, 2].map((k) => ({ f: (k + 1) * u(rng, 1, 2), p: u(rng, 0, 6), a: u(rng, 0.02, 0.05) / (k + 1) }));
  const sea = u(rng, 0.3, 0.42);
  const peak = { x: u(rng, 0.3, 0.7), h: u(rng, 0.12, 0.2) };
  const bands = 16 * detail;
  r.each((x, y) => {
    let wx = x;
    let wy = y;
    for (const c of curls) {
      // Rotate the point around the eddy by an angle that fades with distance: the bands curl.
      const dx = wx - c.x;
      const dy = wy - c.y;
      const ang = c.a * Math.exp(-(dx * dx + dy * dy) / (c.s * c.s));
      const cs = Math.cos(ang);
      const sn = Math.sin(ang);
      wx = c.x + cs * dx - sn * dy;
      wy = c.y + sn * dx + cs * dy;
    }
    const height = wy + swell.reduce((s, w) => s + w.a * Math.sin(2 * Math.PI * w.f * wx + w.p), 0);
    if (height < sea) {
      const mountain = y > sea - peak.h + Math.abs(x - peak.x) * 0.9;
      if (mountain) return y < sea - peak.h * 0.6 + Math.abs(x - peak.x) * 0.9 ? [0.95, 0.95, 0.92] : inks[1]!;
      return Math.floor(y * 10) % 3 === 0 ? mix(paper, inks[2]!, 0.25) : paper;
    }
    const v = (height - sea) * bands;
    const f = v - Math.floor(v);
    if (f < 0.14) return line;
    const k = Math.floor(v);
    return inks[(k % 4 + 4) % 4 === 3 && height - sea > 0.05 ? 3 : k % 3]!;
  });
}

/** A hidden scene painted in dense dots of brightened colour on a pale canvas. */
function pointillism(r: Raster, rng: Rng, detail: number): void {
  const hidden = hiddenScene(rng, 96);
  const canvas: Rgb = jitter(rng, [0.94, 0.92, 0.86], 0.03);
  r.each(() => canvas);
  const n = Math.max(8, Math.round(70 * detail));
  const rad = 0.62 / n;
  for (let pass = 0; pass < 2; pass++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const x = (j + pass * 0.5 + u(rng, -0.4, 0.4)) / n;
        const y = (i + pass * 0.5 + u(rng, -0.4, 0.4)) / n;
        const c = hidden.at(x, y);
        const grey = (c[0] + c[1] + c[2]) / 3;
        // Pure, saturated touches: push the colour away from its grey and jitter the hue.
        const vivid = c.map((v) => clamp01(grey + (v - grey) * 1.5)) as Rgb;
        r.disc(x, y, rad * u(rng, 0.75, 1.1), jitter(rng, vivid, 0.15));
      }
}

/** Short oriented strokes of a small palette, laid along a smooth direction field. */
function brushstrokes(r: Raster, rng: Rng, detail: number): void {
  const palettes: Rgb[][] = [
    [[0.85, 0.65, 0.2], [0.75, 0.3, 0.15], [0.3, 0.45, 0.2], [0.95, 0.85, 0.55], [0.2, 0.25, 0.35]],
    [[0.2, 0.35, 0.6], [0.45, 0.65, 0.8], [0.9, 0.9, 0.85], [0.35, 0.5, 0.3], [0.85, 0.75, 0.4]],
    [[0.7, 0.2, 0.35], [0.95, 0.6, 0.55], [0.4, 0.2, 0.45], [0.95, 0.9, 0.7], [0.3, 0.55, 0.55]],
  ];
  const hue = rng.uniform();
  const palette = pick(rng, palettes).map((c) => {
    const shift = hsv(hue, 0.3, 1);
    return mix(c, [c[0] * shift[0], c[1] * shift[1], c[2] * shift[2]], 0.4);
  });
  const angle = lattice(rng, 3);
  const which = lattice(rng, 4);
  r.each((x, y) => scaleRgb(ramp(palette, which(x, y)), 0.8));
  const count = Math.round(1600 * detail * detail);
  const len = 0.05 / detail;
  const rad = 0.011 / detail;
  for (let s = 0; s < count; s++) {
    const x = rng.uniform();
    const y = rng.uniform();
    const a = 2 * Math.PI * angle(x, y) + u(rng, -0.25, 0.25);
    const l = len * u(rng, 0.6, 1.3);
    const dx = (Math.cos(a) * l) / 2;
    const dy = (Math.sin(a) * l) / 2;
    const k = Math.min(palette.length - 1, Math.floor(clamp01(which(x, y) + u(rng, -0.15, 0.15)) * palette.length));
    const base = jitter(rng, palette[k]!, 0.07);
    const phase = u(rng, 0, 6);
    // Bristle marks: the colour ripples across the stroke.
    r.capsule(x - dx, y - dy, x + dx, y + dy, rad, (px, py) => {
      const across = (px - x) * -Math.sin(a) + (py - y) * Math.cos(a);
      return scaleRgb(base, 0.92 + 0.12 * Math.sin((across / rad) * 5 + phase));
    }, 0.9);
  }
}

export function paintPainting(r: Raster, rng: Rng, style: PaintingStyle, detail: number): void {
  const painters: Record<PaintingStyle, (r: Raster, rng: Rng, detail: number) => void> = { swirls, mosaic, woodcut, pointillism, brushstrokes };
  painters[style](r, rng, detail);
}
