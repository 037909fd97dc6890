/**
 * The geometry of the Damage transform, in plain JS: drawn from the random stream, painted
 * into per-pixel maps, and applied by the node as out = x·gain + offset. Keeping it out of
 * tfjs makes it deterministic across backends and leaves the image exactly untouched
 * (gain 1, offset 0) wherever nothing was painted.
 */
import type { Rng } from '../prng';

export interface DamageSettings {
  scratches: number;
  holes: number;
  stains: number;
  /** Opacity of scratches and stains, 0..1. */
  strength: number;
  /** Colour of holes and scratches in [0,1] terms (0 black, 1 white). */
  fill: number;
}

export interface DamageMaps {
  /** [B,H,W,C] multipliers and [B,H,W,C] offsets, in the image's own range. */
  gain: Float32Array;
  offset: Float32Array;
  /** [B,H,W] in [0,1]: how damaged each pixel is (1 = fully). */
  mask: Float32Array;
}

/** A stain at full opacity multiplies red, green and blue by 1 − darkness·(1 − SEPIA). */
const SEPIA = [0.62, 0.45, 0.25];
const SEPIA_GREY = 0.45;

interface Layer {
  /** Pixel box the layer can touch, end exclusive. */
  box: [number, number, number, number];
  /** Opacity at a pixel centre (x, y). */
  alpha(x: number, y: number): number;
  /** Colour painted (opaque layers) or null for a multiplying stain. */
  fill: number | null;
  tint: number[];
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

function boxOf(x0: number, y0: number, x1: number, y1: number, h: number, w: number): Layer['box'] {
  return [Math.max(0, Math.floor(y0)), Math.min(h, Math.ceil(y1)), Math.max(0, Math.floor(x0)), Math.min(w, Math.ceil(x1))];
}

/**
 * Draws one sample's damage. Uniforms, in this order: per scratch x0, y0, x1, y1, half-width;
 * per hole cx, cy, radius; per stain cx, cy, radius, darkness.
 */
function drawLayers(rng: Rng, h: number, w: number, c: number, p: DamageSettings): Layer[] {
  const s = Math.min(h, w);
  const scratches: Layer[] = [];
  for (let k = 0; k < p.scratches; k++) {
    const ax = rng.uniform() * w, ay = rng.uniform() * h, bx = rng.uniform() * w, by = rng.uniform() * h;
    const hw = 0.3 + 0.7 * rng.uniform();
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const e = hw + 0.5;
    scratches.push({
      box: boxOf(Math.min(ax, bx) - e, Math.min(ay, by) - e, Math.max(ax, bx) + e, Math.max(ay, by) + e, h, w),
      alpha(x, y) {
        const t = len2 > 0 ? clamp01(((x - ax) * dx + (y - ay) * dy) / len2) : 0;
        const d = Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
        return p.strength * clamp01(hw + 0.5 - d);
      },
      fill: p.fill,
      tint: [],
    });
  }
  const holes: Layer[] = [];
  for (let k = 0; k < p.holes; k++) {
    const cx = rng.uniform() * w, cy = rng.uniform() * h;
    const r = (0.02 + 0.06 * rng.uniform()) * s + 0.5;
    holes.push({
      box: boxOf(cx - r - 0.5, cy - r - 0.5, cx + r + 0.5, cy + r + 0.5, h, w),
      alpha: (x, y) => clamp01(r + 0.5 - Math.hypot(x - cx, y - cy)),
      fill: p.fill,
      tint: [],
    });
  }
  const stains: Layer[] = [];
  for (let k = 0; k < p.stains; k++) {
    const cx = rng.uniform() * w, cy = rng.uniform() * h;
    const r = (0.08 + 0.17 * rng.uniform()) * s;
    const darkness = 0.4 + 0.6 * rng.uniform();
    const base = c === 3 ? SEPIA : Array.from({ length: c }, () => SEPIA_GREY);
    stains.push({
      box: boxOf(cx - r, cy - r, cx + r, cy + r, h, w),
      alpha(x, y) {
        const q = ((x - cx) ** 2 + (y - cy) ** 2) / (r * r);
        return q < 1 ? p.strength * (1 - q) ** 2 : 0;
      },
      fill: null,
      tint: base.map((t) => 1 - darkness * (1 - t)),
    });
  }
  // Painted bottom to top: stains, then scratches, then holes, so a hole always shows the fill.
  return [...stains, ...scratches, ...holes];
}

/** Draws and paints the damage of a batch, sample by sample in batch order. */
export function damageMaps(
  rng: Rng,
  shape: readonly [number, number, number, number],
  p: DamageSettings,
  range: { lo: number; span: number },
): DamageMaps {
  const [b, h, w, c] = shape;
  const gain = new Float32Array(b * h * w * c).fill(1);
  const unit = new Float32Array(b * h * w * c); // offset in [0,1] terms
  const mask = new Float32Array(b * h * w);
  for (let n = 0; n < b; n++) {
    for (const layer of drawLayers(rng, h, w, c, p)) {
      const [y0, y1, x0, x1] = layer.box;
      for (let i = y0; i < y1; i++)
        for (let j = x0; j < x1; j++) {
          const a = layer.alpha(j + 0.5, i + 0.5);
          if (a <= 0) continue;
          const px = (n * h + i) * w + j;
          mask[px] = mask[px]! + a * (1 - mask[px]!);
          for (let ch = 0; ch < c; ch++) {
            const m = layer.fill === null ? 1 - a * (1 - layer.tint[ch]!) : 1 - a;
            gain[px * c + ch]! *= m;
            unit[px * c + ch] = unit[px * c + ch]! * m + (layer.fill === null ? 0 : a * layer.fill);
          }
        }
    }
  }
  // In [0,1] terms y = gain·x + unit; in a range [lo, lo+span] that is y = gain·x + lo·(1−gain) + span·unit.
  const offset = new Float32Array(unit.length);
  for (let k = 0; k < unit.length; k++) {
    const g = gain[k]!;
    offset[k] = g === 1 && unit[k] === 0 ? 0 : range.lo * (1 - g) + range.span * unit[k]!;
  }
  return { gain, offset, mask };
}
