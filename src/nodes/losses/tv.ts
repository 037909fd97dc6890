import { tf } from '../tfjs';
import { z } from 'zod';
import { image, isProblemValue, map4, scalar } from '../shape';
import { defineNode, problem } from '../types';
import { meanAll } from './reduce';

/** Total variation of [B,H,W,C] maps: the mean vertical plus the mean horizontal |step|. */
export function totalVariation(x: tf.Tensor4D): tf.Scalar {
  const [b, h, w, c] = x.shape;
  const down = tf.sub(tf.slice(x, [0, 1, 0, 0], [b, h - 1, w, c]), tf.slice(x, [0, 0, 0, 0], [b, h - 1, w, c]));
  const right = tf.sub(tf.slice(x, [0, 0, 1, 0], [b, h, w - 1, c]), tf.slice(x, [0, 0, 0, 0], [b, h, w - 1, c]));
  return tf.add(meanAll(tf.abs(down)), meanAll(tf.abs(right)));
}

export const tv = defineNode({
  kind: 'tv',
  label: 'Total variation',
  category: 'loss',
  summary: 'How much neighbouring pixels differ: a small weight of it smooths out speckle.',
  docs:
    'The mean absolute difference between each pixel and the one below it, plus the same for the pixel to ' +
    'its right (each a mean over its own pairs). Optimising an image for style alone leaves high-frequency ' +
    'noise; adding a little total variation (0.1 in the fast style transfer preset) removes it without ' +
    'blurring edges much.',
  params: z.object({}),
  where: 'graph',
  inputs: [{ name: 'in', label: 'in', type: ['image', 'tensor'], doc: 'The image to smooth' }],
  outputs: [{ name: 'loss', label: 'loss', type: 'scalar' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    const [, h, w] = x.shape as [number, number, number, number];
    if (h < 2 || w < 2)
      return problem('tooSmall', { node: ctx.name, detail: `a ${h}×${w} image has no neighbouring pixels to compare` }, 'in');
    return { loss: scalar };
  },
  build: (_ctx, inputs) => ({ loss: totalVariation(inputs.in as tf.Tensor4D) }),
  summarize: () => 'mean |Δx| + mean |Δy|',
  example: { inputs: { in: image([2, 5, 4, 3], '[0,1]') } },
});
