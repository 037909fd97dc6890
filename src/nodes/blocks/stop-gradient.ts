import { tf } from '../tfjs';
import { z } from 'zod';
import { defineNode, problem } from '../types';

/**
 * The identity whose gradient is zero. tfjs has no stopGradient op, so a custom gradient
 * returns zeros; the forward value is a copy, since customGrad must return a new tensor.
 */
let op: ((x: tf.Tensor) => tf.Tensor) | undefined;

/** Made on first use: tfjs is provided by the runtime, after this module loads. */
export function stopGradientOp(x: tf.Tensor): tf.Tensor {
  op ??= tf.customGrad((x, _save) => {
    const t = x as tf.Tensor;
    return { value: tf.clone(t), gradFunc: () => tf.zerosLike(t) };
  }) as (x: tf.Tensor) => tf.Tensor;
  return op(x);
}

export const stopGradient = defineNode({
  kind: 'stop-gradient',
  label: 'Stop gradient',
  category: 'block',
  summary: 'Passes its input through unchanged, but lets no gradient flow back through it.',
  docs:
    'Losses downstream of this node cannot change anything upstream of it ("detach" in PyTorch). ' +
    'Usually not needed: an optimizer only ever trains the networks it names, so a discriminator\'s ' +
    'update already treats the generator as frozen. Use it for the rare explicit case, for example ' +
    'a target computed from a network that is also being trained.',
  params: z.object({}),
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: ['image', 'tensor', 'vector', 'scalar'] }],
  outputs: [{ name: 'out', label: 'out', type: ['image', 'tensor', 'vector', 'scalar'] }],
  infer(ctx) {
    const x = ctx.inputs.in;
    if (!x) return problem('missingInput', { node: ctx.name, port: 'in' }, 'in');
    if (x.type === 'features')
      return problem('rankMismatch', { node: ctx.name, port: 'in', expected: 'an image, a tensor, a vector or a number', got: 'feature maps' }, 'in');
    // An identity: images keep their range.
    return { out: { ...x, shape: [...x.shape] } };
  },
  build: (_ctx, inputs) => ({ out: stopGradientOp(inputs.in as tf.Tensor) }),
  example: { inputs: { in: { type: 'image', shape: [2, 3, 3, 3], range: '[-1,1]' } } },
});
