import { tf } from '../tfjs';
import { z } from 'zod';
import { isProblemValue, tensor } from '../shape';
import { defineNode } from '../types';
import { mapOrVector, sameKind } from './ports';

export const zActivationParams = z.object({
  fn: z.enum(['relu', 'leaky-relu', 'tanh', 'sigmoid']).default('relu').describe('The function applied to every value'),
  // tfjs layers default to 0.3; GANs (and PyTorch examples) use 0.2.
  slope: z.number().min(0).max(1).default(0.2).describe('Leaky ReLU: the slope for negative values'),
});

export const activation = defineNode({
  kind: 'activation',
  label: 'Activation',
  category: 'block',
  summary: 'Applies a non-linear function to every value: ReLU, leaky ReLU, tanh or sigmoid.',
  docs:
    'Without a non-linearity between them, stacked layers collapse into one linear map. ReLU keeps positive ' +
    'values and zeroes the rest; leaky ReLU lets negatives through scaled by the slope (0.2 is the GAN ' +
    'custom), which keeps discriminator gradients alive; tanh squashes into (−1, 1), the usual last step ' +
    'of a generator making [-1,1] images; sigmoid squashes into (0, 1).',
  params: zActivationParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: ['tensor', 'vector'] }],
  outputs: [{ name: 'out', label: 'out', type: ['tensor', 'vector'] }],
  infer(ctx) {
    const x = mapOrVector(ctx, 'in');
    return isProblemValue(x) ? x : { out: sameKind(x) };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor;
    switch (ctx.params.fn) {
      case 'relu':
        return { out: tf.relu(x) };
      case 'leaky-relu':
        return { out: tf.leakyRelu(x, ctx.params.slope) };
      case 'tanh':
        return { out: tf.tanh(x) };
      case 'sigmoid':
        return { out: tf.sigmoid(x) };
    }
  },
  summarize: (p) => (p.fn === 'leaky-relu' ? `leaky ${p.slope}` : p.fn),
  example: { params: { fn: 'leaky-relu' }, inputs: { in: tensor([2, 3, 3, 2]) } },
});
