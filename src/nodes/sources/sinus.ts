import { z } from 'zod';
import { sizeParam, sourceParams } from '../common';
import type { Rng } from '../prng';
import { defineNode } from '../types';
import { squareBatch, squareImages } from './batch';
import { zImageRange } from './pixels';

/**
 * WORKLOADS.md's `sinus(rng, S, K, fmax)`: an S×S×3 sum of K random plane waves per channel,
 * written to out[offset…] in HWC order. Float64 maths cast to float32 on the store; with
 * `unit` the value is (v+1)/2 (fast-style-128's [0,1] images).
 */
export function sinusInto(rng: Rng, S: number, K: number, fmax: number, unit: boolean, out: Float32Array, offset: number): void {
  const waves: { fx: number; fy: number; ph: number }[][] = [];
  for (let c = 0; c < 3; c++) {
    const ch: { fx: number; fy: number; ph: number }[] = [];
    for (let k = 0; k < K; k++) {
      const u0 = rng.uniform();
      const u1 = rng.uniform();
      const u2 = rng.uniform();
      ch.push({
        fx: Math.floor(u0 * (2 * fmax + 1)) - fmax,
        fy: Math.floor(u1 * (2 * fmax + 1)) - fmax,
        ph: 2 * Math.PI * u2,
      });
    }
    waves.push(ch);
  }
  let o = offset;
  for (let i = 0; i < S; i++)
    for (let j = 0; j < S; j++)
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (const w of waves[c]!) sum += Math.sin((2 * Math.PI * (w.fx * j + w.fy * i)) / S + w.ph);
        const v = (1 / K) * sum;
        out[o++] = unit ? (v + 1) / 2 : v;
      }
}

export const zSinusParams = z.object({
  ...sizeParam,
  waves: z.int().min(1).max(64).default(4).describe('Plane waves summed per colour channel'),
  fmax: z.int().min(0).max(256).default(3).describe('Highest frequency, in periods across the image'),
  range: zImageRange('[-1,1]'),
  fixed: z.boolean().default(false).describe('Draw one batch at the start and keep it for the whole run'),
  ...sourceParams,
});

export const sinus = defineNode({
  kind: 'sinus',
  label: 'Wave patterns',
  category: 'source',
  summary: 'Colourful procedural images made of random sine waves.',
  docs:
    'Each colour channel is the average of a few plane waves with random direction, frequency and phase, ' +
    'so every image is a different smooth interference pattern. They need no files, which makes them good ' +
    'stand-ins for photos while a pipeline is being built (the reference pix2pix and fast-style workloads ' +
    'train on them). "fixed" draws one batch and keeps it, e.g. as a style image.',
  params: zSinusParams,
  where: 'graph',
  random: true,
  isStatic: (p) => p.fixed,
  inputs: [],
  outputs: [{ name: 'out', label: 'images', type: 'image' }],
  infer: (ctx) => ({ out: squareImages(ctx, 3, ctx.params.range) }),
  build(ctx) {
    const { waves, fmax, range } = ctx.params;
    const rng = ctx.rng();
    return { out: squareBatch(ctx, 3, (v, offset, s) => sinusInto(rng, s, waves, fmax, range === '[0,1]', v, offset)) };
  },
  summarize: (p) => `${p.waves} waves ≤ ${p.fmax}${p.fixed ? ' · fixed' : ''}`,
  example: { params: { size: 8, batch: 2 } },
});
