import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { broadcastBatch, formatShape, isProblemValue, tensor } from '../shape';
import { defineNode, problem } from '../types';
import { mapOrVector, numberedPorts, portNames, sameKind } from './ports';

export const zAddParams = z.object({
  count: z.int().min(2).max(8).default(2).describe('Number of inputs'),
});

export const add = defineNode({
  kind: 'add',
  label: 'Add',
  category: 'block',
  summary: 'Adds inputs of the same shape value by value.',
  docs:
    'Sums its inputs element by element; they must have the same shape (a batch of 1 is added to every ' +
    'sample of a larger batch). A skip connection that adds a block\'s input back to its output makes a ' +
    'residual block, which lets gradients flow straight through deep networks.',
  params: zAddParams,
  where: 'both',
  inputs: (p) => numberedPorts('in', p.count, ['tensor', 'vector']),
  outputs: [{ name: 'out', label: 'out', type: ['tensor', 'vector'] }],
  infer(ctx) {
    let first: number[] | undefined;
    let batch = 0;
    for (const port of portNames('in', ctx.params.count)) {
      const x = mapOrVector(ctx, port);
      if (isProblemValue(x)) return x;
      const b = x.shape[0]!;
      if (!first) [first, batch] = [x.shape, b];
      else {
        const want = formatShape(first.slice(1));
        const got = formatShape(x.shape.slice(1));
        if (want !== got) return problem('sizeMismatch', { node: ctx.name, what: 'shape', a: want, b: got }, port);
        const joint = broadcastBatch(batch, b);
        if (joint === undefined) return problem('batchMismatch', { node: ctx.name, a: batch, b }, port);
        batch = joint;
      }
    }
    const shape = first as number[];
    return { out: sameKind({ type: 'tensor', shape }, [batch, ...shape.slice(1)]) };
  },
  build(ctx, inputs) {
    const xs = portNames('in', ctx.params.count).map((p) => inputs[p] as tf.Tensor);
    // tf.add broadcasts a batch of 1; addN would not.
    return { out: xs.slice(1).reduce((sum, x) => tf.add(sum, x), xs[0]!) };
  },
  summarize: (p) => `${p.count} inputs`,
  example: { params: { count: 3 }, inputs: { in1: tensor([2, 3, 3, 2]), in2: tensor([1, 3, 3, 2]), in3: tensor([2, 3, 3, 2]) } },
});
