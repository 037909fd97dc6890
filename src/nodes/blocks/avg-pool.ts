import { tf } from '../tfjs';
import { z } from 'zod';
import { map4, tensor, isProblemValue } from '../shape';
import { defineNode } from '../types';
import { windowedSize } from './ports';

export const zAvgPoolParams = z.object({
  size: z.int().min(1).max(16).default(2).describe('Height and width of the averaged window'),
  stride: z.int().min(0).max(16).default(0).describe('Step between windows (0: the window size, no overlap)'),
  padding: z
    .enum(['valid', 'same'])
    .default('valid')
    .describe("'valid' uses whole windows only; 'same' keeps ceil(size/stride), averaging edge windows over the pixels they cover"),
});

export const avgPool = defineNode({
  kind: 'avg-pool',
  label: 'Average pool',
  category: 'block',
  summary: 'Shrinks feature maps by averaging each window of pixels.',
  docs:
    'Replaces each size×size window by its average, moving by the stride (by default the window size, ' +
    'so a 2×2 pool halves the height and width). With "same" padding, windows that hang over the edge ' +
    'average only the pixels inside the image, as TensorFlow does. No weights.',
  params: zAvgPoolParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: 'tensor' }],
  outputs: [{ name: 'out', label: 'out', type: 'tensor' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    const [b, h, w, c] = x.shape as [number, number, number, number];
    const { size: k, padding } = ctx.params;
    const size = windowedSize(ctx, [h, w], k, ctx.params.stride || k, padding, 'window');
    if (isProblemValue(size)) return size;
    return { out: tensor([b, ...size, c]) };
  },
  build(ctx, inputs) {
    const { size, padding } = ctx.params;
    return { out: tf.avgPool(inputs.in as tf.Tensor4D, size, ctx.params.stride || size, padding) };
  },
  summarize: (p) => `${p.size}×${p.size}${p.stride && p.stride !== p.size ? ` /${p.stride}` : ''}${p.padding === 'same' ? ' same' : ''}`,
  example: { params: { size: 3, stride: 2, padding: 'same' }, inputs: { in: tensor([2, 5, 4, 2]) } },
});
