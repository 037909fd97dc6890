import { tf } from '../tfjs';
import { z } from 'zod';
import { formatShape, isProblemValue, vector } from '../shape';
import { defineNode, problem } from '../types';
import { mapOrVector, sameKind } from './ports';

export const zReshapeParams = z.object({
  shape: z
    .array(z.int().min(1).max(1 << 24))
    .min(1)
    .max(3)
    .default([7, 7, 128])
    .describe('Shape of each sample, without the batch: [values] for a vector, [height, width, channels] for a map'),
});

export const reshape = defineNode({
  kind: 'reshape',
  label: 'Reshape',
  category: 'block',
  summary: 'Rearranges the values of each sample into a new shape, without changing them.',
  docs:
    'Reads the values of each sample in TensorFlow order (row by row, the channels of a pixel side by side) ' +
    'and lays them out in the new shape. The number of values must stay the same: a Dense layer with ' +
    '6272 units can be reshaped to 7×7×128. One number gives a vector, three give a feature map.',
  params: zReshapeParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: ['tensor', 'vector'] }],
  outputs: (p) => [{ name: 'out', label: 'out', type: p.shape.length === 1 ? 'vector' : 'tensor' }],
  infer(ctx) {
    const x = mapOrVector(ctx, 'in');
    if (isProblemValue(x)) return x;
    const target = ctx.params.shape;
    if (target.length === 2) return problem('reshapeRank', { node: ctx.name, got: formatShape(target) });
    const per = x.shape.slice(1);
    const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
    if (count(per) !== count(target))
      return problem('badReshape', { node: ctx.name, from: formatShape(per), to: formatShape(target) }, 'in');
    return { out: sameKind(x, [x.shape[0]!, ...target]) };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor;
    return { out: tf.reshape(x, [x.shape[0]!, ...ctx.params.shape]) };
  },
  summarize: (p) => `→ ${formatShape(p.shape)}`,
  example: { params: { shape: [2, 3, 4] }, inputs: { in: vector([2, 24]) } },
});
