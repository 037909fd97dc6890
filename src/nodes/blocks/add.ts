import { tf } from '../tfjs';
import { z } from 'zod';
import { formatShape, isProblemValue, tensor } from '../shape';
import { defineNode, problem } from '../types';
import { mapOrVector, numberedInputs, numberedPorts, portNames, sameKind, zInputCount } from './ports';

export const zAddParams = z.object({
  count: zInputCount,
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
    const xs = numberedInputs(ctx, 'in', ctx.params.count, mapOrVector, (first, x, port) => {
      const want = formatShape(first.shape.slice(1));
      const got = formatShape(x.shape.slice(1));
      return want === got ? undefined : problem('sizeMismatch', { node: ctx.name, what: 'shape', a: want, b: got }, port);
    });
    if (isProblemValue(xs)) return xs;
    const shape = xs.signals[0]!.shape;
    return { out: sameKind({ type: 'tensor', shape }, [xs.batch, ...shape.slice(1)]) };
  },
  build(ctx, inputs) {
    const xs = portNames('in', ctx.params.count).map((p) => inputs[p] as tf.Tensor);
    // tf.add broadcasts a batch of 1; addN would not.
    return { out: xs.slice(1).reduce((sum, x) => tf.add(sum, x), xs[0]!) };
  },
  summarize: (p) => `${p.count} inputs`,
  example: { params: { count: 3 }, inputs: { in1: tensor([2, 3, 3, 2]), in2: tensor([1, 3, 3, 2]), in3: tensor([2, 3, 3, 2]) } },
});
