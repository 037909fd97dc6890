import { tf } from '../tfjs';
import { z } from 'zod';
import { zInit, kernelInit } from './init-params';
import { affineWeights, instanceNormalize } from './instance-norm';
import { batchNormalize, batchNormWeights } from './batch-norm';
import { map4, tensor, isProblemValue } from '../shape';
import { defineNode, type WeightSpec } from '../types';
import { padded } from './conv2d';

export const zResidualParams = z.object({
  kernel: z.int().min(1).max(15).default(3).describe('Kernel height and width of both convolutions'),
  norm: z.enum(['instance', 'batch', 'none']).default('instance').describe('Normalisation after each convolution'),
  padding: z
    .enum(['same', 'replicate'])
    .default('same')
    .describe("How both convolutions pad: with zeros ('same'), or with copies of the border pixels ('replicate')"),
  ...zInit,
});

// The norms inside a residual block use the usual settings; a block that needs others can be
// built from conv, norm, activation and add nodes.
const EPS = 1e-5;
const MOMENTUM = 0.9;

export const residual = defineNode({
  kind: 'residual',
  label: 'Residual block',
  category: 'block',
  summary: 'Two same-size convolutions whose result is added back to the input: out = h + N(conv(relu(N(conv(h))))).',
  docs:
    'The building block of ResNet generators and fast style transfer. Both convolutions keep the channel ' +
    'count and size (stride 1, no bias; padded with zeros, or with copies of the border pixels when padding ' +
    'is "replicate", as in Conv2D) and each is followed by the chosen norm; a ReLU sits ' +
    'between them and nothing follows the addition. Because the input is added back, the block only has to ' +
    'learn a correction, and gradients reach early layers undiminished.',
  params: zResidualParams,
  where: 'network',
  inputs: [{ name: 'in', label: 'in', type: 'tensor' }],
  outputs: [{ name: 'out', label: 'out', type: 'tensor' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    return isProblemValue(x) ? x : { out: tensor([...x.shape]) };
  },
  weights(p, inputs) {
    const c = inputs.in?.shape[3] ?? 0;
    const fanIn = p.kernel * p.kernel * c;
    const part = (pre: string): WeightSpec[] => [
      kernelInit(`${pre}kernel`, [p.kernel, p.kernel, c, c], p, fanIn),
      ...(p.norm === 'none' ? [] : affineWeights(c, pre)),
    ];
    const running = (pre: string) => batchNormWeights(c, pre).filter((w) => !w.trainable);
    return [...part('a.'), ...part('b.'), ...(p.norm === 'batch' ? [...running('a.'), ...running('b.')] : [])];
  },
  build(ctx, inputs) {
    const h = inputs.in as tf.Tensor4D;
    const norm = (t: tf.Tensor4D, pre: string): tf.Tensor => {
      switch (ctx.params.norm) {
        case 'instance':
          return tf.add(tf.mul(instanceNormalize(t, EPS), ctx.weight(`${pre}gamma`)), ctx.weight(`${pre}beta`));
        case 'batch':
          return batchNormalize(ctx, t, EPS, MOMENTUM, pre);
        case 'none':
          return t;
      }
    };
    const conv = (t: tf.Tensor, pre: string) => {
      const [input, pad] = padded(t as tf.Tensor4D, ctx.params.padding, ctx.params.kernel, 1);
      return tf.conv2d(input, ctx.weight(`${pre}kernel`) as tf.Tensor4D, 1, pad);
    };
    const inner = tf.relu(norm(conv(h, 'a.'), 'a.'));
    return { out: tf.add(h, norm(conv(inner, 'b.'), 'b.')) };
  },
  summarize: (p) => `${p.kernel}×${p.kernel}${p.norm === 'none' ? '' : ` · ${p.norm} norm`}`,
  example: { params: { norm: 'batch' }, inputs: { in: tensor([2, 4, 4, 3]) } },
});
