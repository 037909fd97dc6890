import { tf } from '../tfjs';
import { z } from 'zod';
import { kernelAndBias, zBias, zInit } from './init-params';
import { vec2, vector, isProblemValue } from '../shape';
import { defineNode } from '../types';
import { fusable } from './fusable';

export const zDenseParams = z.object({
  units: z.int().min(1).max(1 << 20).default(128).describe('Output values per sample'),
  ...zBias,
  ...zInit,
});

export const dense = defineNode({
  kind: 'dense',
  label: 'Dense',
  category: 'block',
  summary: 'A fully connected layer: every output is a learned weighted sum of every input value.',
  docs:
    'Multiplies a vector of N values by a learned N×units matrix (and adds a bias). A DCGAN generator ' +
    'starts with one to turn noise into a small feature map (follow it with Reshape); a discriminator ' +
    'ends with one after Flatten to give a single score.',
  params: zDenseParams,
  where: 'network',
  inputs: [{ name: 'in', label: 'in', type: 'vector' }],
  outputs: [{ name: 'out', label: 'out', type: 'vector' }],
  infer(ctx) {
    const x = vec2(ctx, 'in');
    if (isProblemValue(x)) return x;
    return { out: vector([x.shape[0]!, ctx.params.units]) };
  },
  weights(p, inputs) {
    const n = inputs.in?.shape[1] ?? 0;
    return kernelAndBias([n, p.units], p, n, p.units);
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor2D;
    const w = ctx.weight('kernel') as tf.Tensor2D;
    if (!ctx.params.bias) return { out: tf.matMul(x, w) };
    return { out: fusable(ctx) ? tf.fused.matMul({ a: x, b: w, bias: ctx.weight('bias') }) : tf.add(tf.matMul(x, w), ctx.weight('bias')) };
  },
  summarize: (p) => `${p.units}`,
  example: { params: { units: 5 }, inputs: { in: vector([2, 4]) } },
});
