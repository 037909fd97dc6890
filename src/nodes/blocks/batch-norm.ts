import { tf } from '../tfjs';
import { z } from 'zod';
import { isProblemValue } from '../shape';
import { defineNode, type BuildCtx, type WeightSpec } from '../types';
import { affineWeights } from './instance-norm';
import { mapOrVector, sameKind } from './ports';

export const zBatchNormParams = z.object({
  eps: z.number().gt(0).max(1).default(1e-5).describe('Added to the variance so that flat channels do not divide by zero'),
  momentum: z
    .number()
    .min(0)
    .max(1)
    .default(0.9)
    .describe('How much of the running statistics each update keeps (PyTorch momentum 0.1 is 0.9 here)'),
});

/** gamma, beta, then the running statistics, named with `prefix` (the residual block's 'a.'). */
export function batchNormWeights(channels: number, prefix = ''): WeightSpec[] {
  return [
    ...affineWeights(channels, prefix),
    { name: `${prefix}movingMean`, shape: [channels], init: 'zeros', trainable: false },
    { name: `${prefix}movingVar`, shape: [channels], init: 'ones', trainable: false },
  ];
}

/**
 * Batch norm over every axis but the last. Training: batch statistics (biased variance) and
 * running = momentum·running + (1−momentum)·batch, where the running variance takes the
 * unbiased batch variance as PyTorch's running_var does. Otherwise: the running statistics.
 */
export function batchNormalize(
  ctx: Pick<BuildCtx<unknown>, 'training' | 'weight' | 'assign'>,
  x: tf.Tensor,
  eps: number,
  momentum: number,
  prefix = '',
): tf.Tensor {
  const gamma = ctx.weight(`${prefix}gamma`);
  const beta = ctx.weight(`${prefix}beta`);
  const runMean = ctx.weight(`${prefix}movingMean`);
  const runVar = ctx.weight(`${prefix}movingVar`);
  let y: tf.Tensor;
  if (ctx.training) {
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    // One axis at a time, as for instance norm: float32 sums stay short (STACK-NOTES.md).
    const blockMean = (t: tf.Tensor) => axes.reduce((m, a) => tf.mean(m, a, true), t);
    const mean = blockMean(x);
    const centred = tf.sub(x, mean);
    const variance = blockMean(tf.square(centred));
    y = tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
    const n = x.size / (x.shape[x.rank - 1] ?? 1);
    const c = runMean.shape;
    const unbiased = tf.mul(tf.reshape(variance, c), n / Math.max(n - 1, 1));
    ctx.assign(`${prefix}movingMean`, tf.add(tf.mul(runMean, momentum), tf.mul(tf.reshape(mean, c), 1 - momentum)));
    ctx.assign(`${prefix}movingVar`, tf.add(tf.mul(runVar, momentum), tf.mul(unbiased, 1 - momentum)));
  } else {
    y = tf.mul(tf.sub(x, runMean), tf.rsqrt(tf.add(runVar, eps)));
  }
  return tf.add(tf.mul(y, gamma), beta);
}

export const batchNorm = defineNode({
  kind: 'batch-norm',
  label: 'Batch norm',
  category: 'block',
  summary: 'Normalises each channel over the whole batch, then applies a learned scale and shift.',
  docs:
    'While training, each channel is normalised with the mean and (biased) variance over the batch, height ' +
    'and width, and running averages of them are kept: running = momentum·running + (1−momentum)·batch, ' +
    'where the running variance uses the unbiased batch variance, as PyTorch does. Previews and ' +
    'exports use the running averages instead. The running averages never feed the training losses. ' +
    'Works on feature maps and on vectors. DCGAN generators use it; small batches make it noisy, ' +
    'which is why style transfer prefers instance norm.',
  params: zBatchNormParams,
  where: 'network',
  inputs: [{ name: 'in', label: 'in', type: ['tensor', 'vector'] }],
  outputs: [{ name: 'out', label: 'out', type: ['tensor', 'vector'] }],
  infer(ctx) {
    const x = mapOrVector(ctx, 'in');
    return isProblemValue(x) ? x : { out: sameKind(x) };
  },
  weights: (_p, inputs) => batchNormWeights(inputs.in?.shape.at(-1) ?? 0),
  build(ctx, inputs) {
    return { out: batchNormalize(ctx, inputs.in as tf.Tensor, ctx.params.eps, ctx.params.momentum) };
  },
  summarize: (p) => `momentum ${p.momentum}`,
  example: { inputs: { in: { type: 'tensor', shape: [2, 3, 3, 4] } } },
});
