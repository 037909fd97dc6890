import { z } from 'zod';
import { sourceParams } from '../common';
import type { Rng } from '../prng';
import { defineNode } from '../types';
import { squareBatch, squareImages } from './batch';

/**
 * WORKLOADS.md's `stroke(rng)`: 1–3 thick anti-aliased line segments, written as S×S values
 * in [-1,1] to out[offset…]. The geometry (endpoints in 4..24, radius 1..2.5) is defined on a
 * 28-pixel canvas; at another size the endpoints and radius are scaled by S/28 while the
 * half-pixel anti-aliasing edge stays one pixel wide, so S = 28 is exactly the reference.
 */
export function strokeInto(rng: Rng, S: number, out: Float32Array, offset: number): void {
  const k = S / 28;
  const n = 1 + Math.floor(3 * rng.uniform());
  const segs: { x0: number; y0: number; x1: number; y1: number; r: number }[] = [];
  for (let m = 0; m < n; m++) {
    const x0 = 4 + 20 * rng.uniform();
    const y0 = 4 + 20 * rng.uniform();
    const x1 = 4 + 20 * rng.uniform();
    const y1 = 4 + 20 * rng.uniform();
    const r = 1 + 1.5 * rng.uniform();
    segs.push(k === 1 ? { x0, y0, x1, y1, r } : { x0: x0 * k, y0: y0 * k, x1: x1 * k, y1: y1 * k, r: r * k });
  }
  for (let i = 0; i < S; i++)
    for (let j = 0; j < S; j++) {
      let best = 0;
      for (const { x0, y0, x1, y1, r } of segs) {
        const dx = x1 - x0;
        const dy = y1 - y0;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((j - x0) * dx + (i - y0) * dy) / len2));
        const ex = j - (x0 + t * dx);
        const ey = i - (y0 + t * dy);
        const d = Math.sqrt(ex * ex + ey * ey);
        best = Math.max(best, Math.min(1, Math.max(0, r + 0.5 - d)));
      }
      out[offset + i * S + j] = 2 * best - 1;
    }
}

export const zStrokeParams = z.object({
  size: z
    .int()
    .min(0)
    .max(2048)
    .default(28)
    .describe('Image height and width in pixels (0: the graph setting); the strokes scale with it'),
  ...sourceParams,
});

export const stroke = defineNode({
  kind: 'stroke',
  label: 'Pen strokes',
  category: 'source',
  summary: 'Procedural greyscale images of one to three thick pen strokes.',
  docs:
    'Each image holds one to three straight strokes of random position, length and thickness, white on ' +
    'black, like a very simple handwriting data set. They need no files and a small GAN learns them in ' +
    'minutes, which makes them a quick first dataset (the reference DCGAN workload trains on them).',
  params: zStrokeParams,
  where: 'graph',
  random: true,
  isStatic: () => false,
  inputs: [],
  outputs: [{ name: 'out', label: 'images', type: 'image' }],
  infer: (ctx) => ({ out: squareImages(ctx, 1, '[-1,1]') }),
  build(ctx) {
    const rng = ctx.rng();
    return { out: squareBatch(ctx, 1, (v, offset, s) => strokeInto(rng, s, v, offset)) };
  },
  summarize: (p) => (p.size > 0 ? `${p.size}×${p.size}` : 'graph size'),
  example: { params: { batch: 2 } },
});
