import { tf } from '../tfjs';
import { z } from 'zod';
import { map4, tensor, isProblemValue } from '../shape';
import { defineNode, type WeightSpec } from '../types';

export const zInstanceNormParams = z.object({
  eps: z.number().gt(0).max(1).default(1e-5).describe('Added to the variance so that flat maps do not divide by zero'),
  affine: z.boolean().default(true).describe('Learn a scale (gamma) and shift (beta) per channel'),
});

/**
 * (x − μ)/sqrt(σ² + eps) per sample and channel, statistics over H and W with the biased
 * variance. Reduces one axis at a time: wasm sums float32 sequentially, and means of row
 * means keep the error at PyTorch's level where one mean over H×W does not (STACK-NOTES.md).
 */
export function instanceNormalize(x: tf.Tensor4D, eps: number): tf.Tensor4D {
  const mean = tf.mean(tf.mean(x, 1, true), 2, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.mean(tf.square(centred), 1, true), 2, true);
  return tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
}

/** gamma [C] (ones) and beta [C] (zeros), named with `prefix` (the residual block's 'a.'). */
export function affineWeights(channels: number, prefix = ''): WeightSpec[] {
  return [
    { name: `${prefix}gamma`, shape: [channels], init: 'ones', trainable: true },
    { name: `${prefix}beta`, shape: [channels], init: 'zeros', trainable: true },
  ];
}

export const instanceNorm = defineNode({
  kind: 'instance-norm',
  label: 'Instance norm',
  category: 'block',
  summary: 'Normalises each channel of each image on its own to mean 0 and variance 1.',
  docs:
    'For every image and every channel, subtracts the mean over the height and width and divides by the ' +
    'standard deviation (the biased one, dividing by H·W), then applies a learned scale and shift. ' +
    'Unlike batch norm it keeps no running statistics and behaves the same in training and preview, ' +
    'which is why style-transfer and pix2pix generators use it: it removes each image\'s own contrast.',
  params: zInstanceNormParams,
  where: 'network',
  inputs: [{ name: 'in', label: 'in', type: 'tensor' }],
  outputs: [{ name: 'out', label: 'out', type: 'tensor' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    return { out: tensor([...x.shape]) };
  },
  weights: (p, inputs) => (p.affine ? affineWeights(inputs.in?.shape[3] ?? 0) : []),
  build(ctx, inputs) {
    const y = instanceNormalize(inputs.in as tf.Tensor4D, ctx.params.eps);
    return { out: ctx.params.affine ? tf.add(tf.mul(y, ctx.weight('gamma')), ctx.weight('beta')) : y };
  },
  summarize: (p) => (p.affine ? '' : 'no affine'),
  example: { inputs: { in: tensor([2, 3, 4, 2]) } },
});
