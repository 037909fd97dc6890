import { tf } from '../tfjs';
import { z } from 'zod';
import { kernelAndBias, zBias, zFilters, zInit } from './init-params';
import { map4, tensor, isProblemValue } from '../shape';
import { defineNode } from '../types';
import { windowedSize } from './ports';
import { fusable } from './fusable';

export const zConv2dParams = z.object({
  ...zFilters,
  kernel: z.int().min(1).max(15).default(3).describe('Kernel height and width'),
  stride: z.int().min(1).max(8).default(1).describe('Step between kernel positions'),
  padding: z.enum(['same', 'valid']).default('same').describe("'same' keeps ceil(size/stride) (TensorFlow's rule)"),
  ...zBias,
  ...zInit,
});

export const conv2d = defineNode({
  kind: 'conv2d',
  label: 'Conv2D',
  category: 'block',
  summary: 'A 2-D convolution: slides learned filters over the image.',
  docs:
    'Each output channel is a learned filter of kernel×kernel×input-channels weights, slid over the input ' +
    'with the given stride. Stride 2 halves the height and width. With "same" padding the output is ' +
    'ceil(size/stride) pixels, padding the extra pixel at the bottom and right as TensorFlow does.',
  params: zConv2dParams,
  where: 'network',
  inputs: [{ name: 'in', label: 'in', type: 'tensor' }],
  outputs: [{ name: 'out', label: 'out', type: 'tensor' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    const [b, h, w] = x.shape as [number, number, number, number];
    const { kernel, stride, padding } = ctx.params;
    const size = windowedSize(ctx, [h, w], kernel, stride, padding, 'kernel');
    if (isProblemValue(size)) return size;
    return { out: tensor([b, ...size, ctx.params.filters]) };
  },
  weights(p, inputs) {
    const cin = inputs.in?.shape[3] ?? 0;
    return kernelAndBias([p.kernel, p.kernel, cin, p.filters], p, p.kernel * p.kernel * cin, p.filters);
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const { stride, padding, bias } = ctx.params;
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
