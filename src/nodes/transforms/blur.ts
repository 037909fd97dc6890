import { tf } from '../tfjs';
import { z } from 'zod';
import { image } from '../shape';
import { defineNode } from '../types';
import { padEdge, perChannel, sameImage } from './image-ops';

export const zBlurParams = z.object({
  sigma: z.number().gt(0).max(64).default(1).describe('Blur strength: the standard deviation of the Gaussian, in pixels'),
  radius: z.int().min(0).max(192).default(0).describe('Pixels on each side the blur reaches (0: ceil(3·sigma))'),
});
export type BlurParams = z.infer<typeof zBlurParams>;

/** The normalised 1-D Gaussian of 2r+1 taps, r = radius or ceil(3σ). */
export function gaussianTaps(p: BlurParams): Float32Array {
  const r = p.radius > 0 ? p.radius : Math.ceil(3 * p.sigma);
  const taps = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += taps[i + r] = Math.exp(-(i * i) / (2 * p.sigma * p.sigma));
  return Float32Array.from(taps, (t) => t / sum);
}

export const blur = defineNode({
  kind: 'blur',
  label: 'Blur',
  category: 'transform',
  summary: 'Softens images with a Gaussian blur.',
  docs:
    'Replaces each pixel with a weighted average of its neighbours, the weights falling off as a bell ' +
    'curve (a Gaussian) of width sigma. Blurring a target makes a "degraded" input for a restoration or ' +
    'sharpening pipeline, and removes fine detail before comparing images. Each channel is blurred on its ' +
    'own; at the borders the edge pixels are repeated outwards (replicate padding), so the image keeps ' +
    'its size, a flat image stays flat, and the value range is kept.',
  params: zBlurParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: 'image' }],
  outputs: [{ name: 'out', label: 'out', type: 'image' }],
  infer: sameImage,
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const taps = gaussianTaps(ctx.params);
    const k = taps.length;
    const r = (k - 1) / 2;
    // Two 1-D passes with plain conv2d ('valid' after edge padding) instead of a depthwise
    // conv: the wasm backend has no depthwise gradient kernels.
    const down = tf.tensor4d(taps, [k, 1, 1, 1]);
    const across = tf.tensor4d(taps, [1, k, 1, 1]);
    const out = perChannel(x, (y) => {
      const v = tf.conv2d(padEdge(y, 1, r, r), down, 1, 'valid');
      return tf.conv2d(padEdge(v, 2, r, r), across, 1, 'valid');
    });
    return { out };
  },
  summarize: (p) => `σ ${p.sigma}${p.radius > 0 ? `, r ${p.radius}` : ''}`,
  example: { params: { sigma: 1 }, inputs: { in: image([2, 5, 4, 3], '[-1,1]') } },
});
