/**
 * The procedural scenes of the `scene` source, drawn into a Raster from the random stream:
 * simple content images with large shapes, soft shading and a clear layout, the kind of
 * photo a style-transfer pipeline repaints. All geometry is in unit coordinates.
 */
import type { Rng } from '../prng';
import { clamp01, hsv, jitter, mix, pick, scaleRgb, type Raster, type Rgb } from './raster';

export const sceneKinds = ['landscape', 'still-life', 'buildings'] as const;
export type SceneKind = (typeof sceneKinds)[number];

const u = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();

/** A ridge line: y at x from a few random sines. */
function ridge(rng: Rng, base: number, amp: number): (x: number) => number {
  const waves = [0, 1, 2].map((k) => ({ f: (k + 1) * u(rng, 1, 2.5), p: u(rng, 0, 2 * Math.PI), a: amp / (k + 1) }));
  return (x) => base + waves.reduce((s, w) => s + w.a * Math.sin(2 * Math.PI * w.f * x + w.p), 0);
}

/** Sky from top to horizon, a glowing sun, three hill ranges fading with distance, trees. */
function landscape(r: Raster, rng: Rng): void {
  const evening = rng.uniform() < 0.4;
  const top: Rgb = evening ? hsv(u(rng, 0.6, 0.75), 0.6, 0.55) : hsv(u(rng, 0.55, 0.62), 0.55, 0.85);
  const horizon: Rgb = evening ? hsv(u(rng, 0.02, 0.1), 0.6, 0.95) : hsv(u(rng, 0.5, 0.58), 0.2, 0.97);
  const sun = { x: u(rng, 0.15, 0.85), y: u(rng, 0.12, 0.35), r: u(rng, 0.05, 0.09) };
  const sunRgb: Rgb = evening ? [1, 0.75, 0.4] : [1, 0.97, 0.8];
  r.each((x, y) => {
    const sky = mix(top, horizon, clamp01(y / 0.65));
    const glow = Math.exp(-Math.hypot(x - sun.x, y - sun.y) / 0.12) * 0.6;
    return mix(sky, sunRgb, clamp01(glow));
  });
  r.disc(sun.x, sun.y, sun.r, sunRgb);
  const green = u(rng, 0.22, 0.36);
  for (let layer = 0; layer < 3; layer++) {
    const line = ridge(rng, 0.48 + 0.13 * layer, 0.07 - 0.015 * layer);
    const far = 1 - layer / 2;
    const base = mix(hsv(green + 0.02 * layer, 0.45 + 0.15 * layer, 0.35 + 0.15 * layer), horizon, 0.55 * far);
    r.shape([0, 0.25, 1, 1], (x, y) => (line(x) - y) * 0.6, (x, y) => scaleRgb(base, 1.1 - 0.5 * clamp01((y - line(x)) * 2.5)));
    if (layer === 2) {
      const trees = 3 + Math.floor(5 * rng.uniform());
      for (let t = 0; t < trees; t++) {
        const tx = u(rng, 0.05, 0.95);
        const ty = line(tx) + u(rng, 0.03, 0.18);
        const h = u(rng, 0.1, 0.2);
        const crown = hsv(green + u(rng, -0.05, 0.05), 0.6, u(rng, 0.25, 0.45));
        r.rect(tx - 0.008, ty - h * 0.4, tx + 0.008, ty, [0.3, 0.2, 0.12]);
        if (rng.uniform() < 0.5) r.disc(tx, ty - h * 0.6, h * 0.3, (x, y) => scaleRgb(crown, 1.25 - 2.5 * (y - (ty - h * 0.8)) - 2 * (x - tx)));
        else
          r.shape([tx - h * 0.3, ty - h * 1.1, tx + h * 0.3, ty - h * 0.3], (x, y) => {
            // A triangle: the larger of the two slanted sides and the base.
            const k = (y - (ty - h * 1.1)) / (h * 0.8);
            return Math.max(Math.abs(x - tx) - 0.3 * h * k, y - (ty - h * 0.3), -k * h * 0.8);
          }, (x) => scaleRgb(crown, 1.1 - 3 * (x - tx)));
      }
    }
  }
}

/** A wall, a table edge, a vase and fruit: lit from one side, with shadows on the table. */
function stillLife(r: Raster, rng: Rng): void {
  const wall = hsv(u(rng, 0, 1), u(rng, 0.15, 0.4), u(rng, 0.55, 0.8));
  const wood = hsv(u(rng, 0.05, 0.1), u(rng, 0.5, 0.7), u(rng, 0.35, 0.55));
  const edge = u(rng, 0.58, 0.7);
  const light = { x: rng.uniform() < 0.5 ? -0.6 : 0.6, y: -0.6 };
  r.each((x, y) =>
    y < edge ? scaleRgb(wall, 1.15 - 0.4 * Math.abs(x - 0.5 + light.x * 0.3)) : scaleRgb(wood, 1.1 - 0.5 * (y - edge) + 0.05 * Math.sin(60 * y + 8 * x)));
  r.rect(0, edge - 0.012, 1, edge + 0.012, scaleRgb(wood, 1.35));
  /** Lambert shading of a sphere-like body at (cx, cy) of radius rad. */
  const lit = (c: Rgb, cx: number, cy: number, rad: number) => (x: number, y: number): Rgb => {
    const nx = (x - cx) / rad;
    const ny = (y - cy) / rad;
    const nz = Math.sqrt(Math.max(0, 1 - nx * nx - ny * ny));
    const d = Math.max(0, -nx * light.x - ny * light.y + nz * 0.55) / 1.1;
    const hi = Math.pow(d, 24) * 0.6;
    return mix(scaleRgb(c, 0.3 + 0.85 * d), [1, 1, 1], hi);
  };
  // The vase: a profile r(y) swept around its axis, shaded as a cylinder.
  const vx = u(rng, 0.3, 0.7);
  const vh = u(rng, 0.3, 0.45);
  const vTop = edge + 0.03 - vh;
  const vw = u(rng, 0.07, 0.11);
  const vase = hsv(u(rng, 0, 1), u(rng, 0.4, 0.8), u(rng, 0.5, 0.85));
  const profile = (y: number) => {
    const t = (y - vTop) / vh;
    return vw * (0.45 + 0.55 * Math.sin(Math.PI * Math.pow(clamp01(t), 0.8)) + 0.15 * Math.cos(3 * Math.PI * t));
  };
  r.shape([vx - vw * 2, edge - 0.01, vx + vw * 2.6, edge + 0.06], (x, y) => Math.hypot((x - vx - vw * 0.6 * -light.x) / 1.6, (y - edge - 0.03) * 2) - vw, [0, 0, 0], 0.3);
  r.shape([vx - vw * 1.4, vTop, vx + vw * 1.4, edge + 0.03], (x, y) => Math.max(Math.abs(x - vx) - profile(y), vTop - y, y - edge - 0.03), (x, y) =>
    lit(vase, vx, (vTop + edge) / 2, profile(y) + 1e-6)(x, (vTop + edge) / 2));
  // Fruit in front of and beside the vase.
  const fruit: Rgb[] = [[0.85, 0.15, 0.1], [0.95, 0.6, 0.1], [0.55, 0.75, 0.15], [0.45, 0.15, 0.4], [0.95, 0.85, 0.2]];
  const n = 3 + Math.floor(3 * rng.uniform());
  const placed = Array.from({ length: n }, () => ({ x: u(rng, 0.12, 0.88), rad: u(rng, 0.045, 0.08), c: jitter(rng, pick(rng, fruit), 0.08), dy: u(rng, 0.02, 0.2) }));
  placed.sort((a, b) => a.dy - b.dy);
  for (const f of placed) {
    const cy = edge + f.dy - f.rad * 0.6;
    r.shape([f.x - f.rad * 1.6, cy, f.x + f.rad * 2.2, cy + f.rad * 1.4], (x, y) => Math.hypot((x - f.x + light.x * f.rad * 0.7) / 1.5, (y - cy - f.rad * 0.9) * 3) - f.rad, [0, 0, 0], 0.3);
    r.disc(f.x, cy, f.rad, lit(f.c, f.x, cy, f.rad));
  }
}

/** A skyline of blocks with rows of lit and dark windows, over a street. */
function buildings(r: Raster, rng: Rng): void {
  const night = rng.uniform() < 0.5;
  const top: Rgb = night ? [0.05, 0.06, 0.2] : hsv(u(rng, 0.55, 0.6), 0.5, 0.9);
  const low: Rgb = night ? [0.25, 0.15, 0.35] : hsv(u(rng, 0.08, 0.12), 0.25, 0.98);
  const street = u(rng, 0.8, 0.88);
  r.each((_x, y) => (y < street ? mix(top, low, clamp01(y / street)) : scaleRgb([0.32, 0.32, 0.34], 1.2 - (y - street) * 2)));
  for (let lane = 0; lane < 6; lane++) r.rect(lane / 6 + 0.03, (street + 1) / 2 - 0.006, lane / 6 + 0.11, (street + 1) / 2 + 0.006, [0.9, 0.85, 0.6]);
  for (let row = 0; row < 2; row++) {
    let x = -u(rng, 0, 0.1);
    while (x < 1) {
      const w = u(rng, 0.1, 0.22);
      const h = row === 0 ? u(rng, 0.35, 0.65) : u(rng, 0.2, 0.45);
      const y0 = street - h;
      const wallRgb = row === 0 ? scaleRgb(hsv(u(rng, 0, 1), u(rng, 0.1, 0.3), u(rng, 0.35, 0.55)), night ? 0.5 : 0.85) : hsv(u(rng, 0.02, 0.12), u(rng, 0.2, 0.5), night ? u(rng, 0.2, 0.35) : u(rng, 0.5, 0.8));
      const x0 = x;
      r.rect(x0, y0, x0 + w, street, (px) => scaleRgb(wallRgb, 1.1 - 0.4 * ((px - x0) / w)));
      if (rng.uniform() < 0.4) r.rect(x0 + w * 0.3, y0 - 0.04, x0 + w * 0.4, y0, wallRgb);
      const cols = 2 + Math.floor(3 * rng.uniform());
      const rows = Math.max(2, Math.floor(h / 0.06));
      const cw = w / cols;
      for (let a = 0; a < rows; a++)
        for (let b = 0; b < cols; b++) {
          const on = rng.uniform() < (night ? 0.55 : 0.2);
          const glass: Rgb = on ? [1, 0.85, 0.45] : night ? [0.08, 0.08, 0.15] : [0.55, 0.7, 0.85];
          const wy = y0 + 0.025 + a * (h - 0.04) / rows;
          r.rect(x0 + b * cw + cw * 0.25, wy, x0 + (b + 1) * cw - cw * 0.25, wy + (h - 0.04) / rows * 0.55, glass);
        }
      x += w + u(rng, 0.005, 0.04) - (row === 1 ? 0.02 : 0);
    }
  }
}

export function paintScene(r: Raster, rng: Rng, kind: SceneKind): void {
  if (kind === 'landscape') landscape(r, rng);
  else if (kind === 'still-life') stillLife(r, rng);
  else buildings(r, rng);
}
