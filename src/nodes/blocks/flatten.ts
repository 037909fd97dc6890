import { tf } from '../tfjs';
import { z } from 'zod';
import { map4, vector, isProblemValue } from '../shape';
import { defineNode } from '../types';

export const flatten = defineNode({
  kind: 'flatten',
  label: 'Flatten',
  category: 'block',
  summary: 'Turns each feature map into one long vector of its values.',
  docs:
    'A H×W×C map becomes a vector of H·W·C values per sample, read row by row with the channels of a ' +
    'pixel side by side (index = (row·W + column)·C + channel, the TensorFlow order). Use it before a Dense ' +
    'layer, for example at the end of a discriminator.',
  params: z.object({}),
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: 'tensor' }],
  outputs: [{ name: 'out', label: 'out', type: 'vector' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    const [b, h, w, c] = x.shape as [number, number, number, number];
    return { out: vector([b, h * w * c]) };
  },
  build(_ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const [b, h, w, c] = x.shape;
    return { out: tf.reshape(x, [b, h * w * c]) };
  },
  example: { inputs: { in: { type: 'tensor', shape: [2, 3, 2, 4] } } },
});
