import { tf } from '../tfjs';
import { z } from 'zod';
import { kernelAndBias, zBias, zFilters, zInit } from './init-params';
import { map4, samePadding, tensor, isProblemValue } from '../shape';
import { defineNode } from '../types';
import { windowedSize } from './ports';
import { fusable } from './fusable';
import { padEdge } from '../transforms/image-ops';

export const zConv2dParams = z.object({
  ...zFilters,
  kernel: z.int().min(1).max(15).default(3).describe('Kernel height and width'),
  stride: z.int().min(1).max(8).default(1).describe('Step between kernel positions'),
  padding: z
    .enum(['same', 'valid', 'replicate'])
    .default('same')
    .describe("'same' keeps ceil(size/stride) (TensorFlow's rule), padding with zeros; 'replicate' keeps the same size, padding with copies of the border pixels; 'valid' does not pad"),
  ...zBias,
  ...zInit,
});

/**
 * The input and the padding tf.conv2d takes for a block's padding: 'replicate' pads H, then W, by
 * the amounts 'same' would, with copies of the border pixels, and then convolves 'valid'.
 */
export function padded(x: tf.Tensor4D, padding: 'same' | 'valid' | 'replicate', k: number, s: number): [tf.Tensor4D, 'same' | 'valid'] {
  if (padding !== 'replicate') return [x, padding];
  const ph = samePadding(x.shape[1], k, s);
  const pw = samePadding(x.shape[2], k, s);
  return [padEdge(padEdge(x, 1, ph.before, ph.after), 2, pw.before, pw.after), 'valid'];
}

export const conv2d = defineNode({
  kind: 'conv2d',
  label: 'Conv2D',
  category: 'block',
  summary: 'A 2-D convolution: slides learned filters over the image.',
  docs:
    'Each output channel is a learned filter of kernel×kernel×input-channels weights, slid over the input ' +
    'with the given stride. Stride 2 halves the height and width. With "same" padding the output is ' +
    'ceil(size/stride) pixels, padding the extra pixel at the bottom and right as TensorFlow does. ' +
    '"Same" pads with zeros, which a generator sees as a dark frame around every image; "replicate" pads ' +
    'the same amounts with copies of the border pixels instead (the edge-padding image transformers use ' +
    'to keep their borders like their middles), and "valid" does not pad.',
  params: zConv2dParams,
  where: 'network',
  inputs: [{ name: 'in', label: 'in', type: 'tensor' }],
  outputs: [{ name: 'out', label: 'out', type: 'tensor' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    const [b, h, w] = x.shape as [number, number, number, number];
    const { kernel, stride, padding } = ctx.params;
    const size = windowedSize(ctx, [h, w], kernel, stride, padding === 'valid' ? 'valid' : 'same', 'kernel');
    if (isProblemValue(size)) return size;
    return { out: tensor([b, ...size, ctx.params.filters]) };
  },
  weights(p, inputs) {
    const cin = inputs.in?.shape[3] ?? 0;
    return kernelAndBias([p.kernel, p.kernel, cin, p.filters], p, p.kernel * p.kernel * cin, p.filters);
  },
  build(ctx, inputs) {
    const { kernel, stride, bias } = ctx.params;
    const [x, padding] = padded(inputs.in as tf.Tensor4D, ctx.params.padding, kernel, stride);
    const w = ctx.weight('kernel') as tf.Tensor4D;
    if (!bias) return { out: tf.conv2d(x, w, stride, padding) };
    const out = fusable(ctx)
      ? tf.fused.conv2d({ x, filter: w, strides: stride, pad: padding, bias: ctx.weight('bias') })
      : tf.add(tf.conv2d(x, w, stride, padding), ctx.weight('bias'));
    return { out };
  },
  summarize: (p) => `${p.filters} · ${p.kernel}×${p.kernel}${p.stride > 1 ? ` /${p.stride}` : ''}`,
  example: { params: { filters: 3, kernel: 4, stride: 2 }, inputs: { in: tensor([2, 5, 5, 2]) } },
});
