import { tf } from '../tfjs';
import { z } from 'zod';
import { kernelAndBias, zBias, zFilters, zInit } from './init-params';
import { map4, tensor, isProblemValue } from '../shape';
import { defineNode } from '../types';

export const zConv2dTransposeParams = z.object({
  ...zFilters,
  kernel: z.int().min(1).max(15).default(4).describe('Kernel height and width'),
  stride: z.int().min(1).max(8).default(2).describe('Upscaling factor: the output is stride× the input size'),
  ...zBias,
  ...zInit,
});

export const conv2dTranspose = defineNode({
  kind: 'conv2d-transpose',
  label: 'Conv2D transpose',
  category: 'block',
  summary: 'A learned upscaling convolution: each input pixel paints a filter-sized patch of the output.',
  docs:
    'The transpose (sometimes called "deconvolution") of a strided convolution: it multiplies the height ' +
    'and width by the stride. It always uses TensorFlow\'s "same" rule, so an n-pixel input gives exactly ' +
    'n·stride pixels, with the padding of the forward "same" convolution that maps n·stride back to n ' +
    '(for a 5×5 kernel at stride 2 that is one pixel before and two after). Kernels with a size that is ' +
    'not a multiple of the stride can leave faint checkerboard patterns; upsample followed by a conv avoids them.',
  params: zConv2dTransposeParams,
  where: 'network',
  inputs: [{ name: 'in', label: 'in', type: 'tensor' }],
  outputs: [{ name: 'out', label: 'out', type: 'tensor' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    const [b, h, w] = x.shape as [number, number, number, number];
    const s = ctx.params.stride;
    return { out: tensor([b, h * s, w * s, ctx.params.filters]) };
  },
  weights(p, inputs) {
    const cin = inputs.in?.shape[3] ?? 0;
    // tfjs layout [kh, kw, Cout, Cin]. Kaiming's fan-in is k·k·Cout, as PyTorch's ConvTranspose2d
    // computes it (dim 1 of its [Cin, Cout, k, k] weight), so both start from the same bound.
    return kernelAndBias([p.kernel, p.kernel, p.filters, cin], p, p.kernel * p.kernel * p.filters, p.filters);
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const { stride: s, filters, bias } = ctx.params;
    const [b, h, w] = x.shape;
    const y = tf.conv2dTranspose(x, ctx.weight('kernel') as tf.Tensor4D, [b, h * s, w * s, filters], s, 'same');
    return { out: bias ? tf.add(y, ctx.weight('bias')) : y };
  },
  summarize: (p) => `${p.filters} · ${p.kernel}×${p.kernel} ×${p.stride}`,
  example: { params: { filters: 3, kernel: 5, stride: 2 }, inputs: { in: tensor([2, 3, 3, 2]) } },
});
