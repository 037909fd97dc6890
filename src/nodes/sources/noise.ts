import { tf } from '../tfjs';
import { z } from 'zod';
import { batchOf, sourceParams } from '../common';
import { vector } from '../shape';
import { defineNode } from '../types';

export const zNoiseParams = z.object({
  dim: z.int().min(1).max(4096).default(64).describe('Values per sample: the latent size'),
  distribution: z
    .enum(['normal', 'uniform'])
    .default('normal')
    .describe('Standard normal N(0,1), or uniform in [-1,1)'),
  ...sourceParams,
});

export const noise = defineNode({
  kind: 'noise',
  label: 'Noise',
  category: 'source',
  summary: 'Random vectors: the latent codes a generator turns into images.',
  docs:
    'Draws a fresh batch of random vectors every iteration. A GAN generator maps each vector to an image, ' +
    'so different vectors give different images, and nearby vectors similar ones. "dim" is the length of ' +
    'each vector. Values are drawn sample by sample from the seeded stream, so a run can be repeated exactly.',
  params: zNoiseParams,
  where: 'graph',
  random: true,
  isStatic: () => false,
  inputs: [],
  outputs: [{ name: 'out', label: 'z', type: 'vector' }],
  infer: (ctx) => ({ out: vector([batchOf(ctx.params, ctx.settings), ctx.params.dim]) }),
  build(ctx) {
    const b = batchOf(ctx.params, ctx.settings);
    const n = ctx.params.dim;
    const rng = ctx.rng();
    // Row-major [B, dim], as dcgan-28's z (WORKLOADS.md C.1).
    const v = new Float32Array(b * n);
    if (ctx.params.distribution === 'normal') for (let i = 0; i < v.length; i++) v[i] = rng.normal();
    else for (let i = 0; i < v.length; i++) v[i] = 2 * rng.uniform() - 1;
    return { out: tf.tensor2d(v, [b, n]) };
  },
  summarize: (p) => `${p.dim} · ${p.distribution}`,
  example: { params: { dim: 8, batch: 2 } },
});
