import { tf } from '../tfjs';
import { z } from 'zod';
import { map4, tensor, isProblemValue } from '../shape';
import { defineNode, problem } from '../types';
import { numberedInputs, numberedPorts, portNames, zInputCount } from './ports';

export const zConcatParams = z.object({
  count: zInputCount,
});

export const concat = defineNode({
  kind: 'concat',
  label: 'Concat',
  category: 'block',
  summary: 'Stacks feature maps of the same size along their channels, in port order.',
  docs:
    'The output has the channels of in1, then those of in2, and so on, so a 8×8×128 and a 8×8×128 map give ' +
    '8×8×256. All inputs need the same height and width. U-Net skip connections are concats of a decoder ' +
    'map with the matching encoder map; a conditional discriminator sees its condition concatenated with ' +
    'the image. An input with a batch of 1 (a single style image) is repeated to match the others.',
  params: zConcatParams,
  where: 'both',
  inputs: (p) => numberedPorts('in', p.count, 'tensor'),
  outputs: [{ name: 'out', label: 'out', type: 'tensor' }],
  infer(ctx) {
    const xs = numberedInputs(ctx, 'in', ctx.params.count, map4, (first, x, port) => {
      const [, h1, w1] = first.shape as [number, number, number, number];
      const [, h, w] = x.shape as [number, number, number, number];
      if (h !== h1 || w !== w1)
        return problem('sizeMismatch', { node: ctx.name, what: 'height and width', a: `${h1}×${w1}`, b: `${h}×${w}` }, port);
      return undefined;
    });
    if (isProblemValue(xs)) return xs;
    const [, h, w] = xs.signals[0]!.shape as [number, number, number, number];
    const channels = xs.signals.reduce((sum, x) => sum + x.shape[3]!, 0);
    return { out: tensor([xs.batch, h, w, channels]) };
  },
  build(ctx, inputs) {
    const xs = portNames('in', ctx.params.count).map((p) => inputs[p] as tf.Tensor4D);
    const batch = Math.max(...xs.map((x) => x.shape[0]));
    const full = xs.map((x) => (x.shape[0] === batch ? x : tf.tile(x, [batch, 1, 1, 1])));
    return { out: tf.concat(full, 3) };
  },
  summarize: (p) => `${p.count} inputs`,
  example: {
    params: { count: 3 },
    inputs: { in1: tensor([2, 3, 3, 2]), in2: tensor([1, 3, 3, 1]), in3: tensor([2, 3, 3, 4]) },
  },
});
