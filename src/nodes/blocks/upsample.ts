import { tf } from '../tfjs';
import { z } from 'zod';
import { map4, tensor, isProblemValue } from '../shape';
import { defineNode } from '../types';

export const zUpsampleParams = z.object({
  factor: z.int().min(1).max(8).default(2).describe('Height and width are multiplied by this'),
  mode: z
    .enum(['nearest', 'bilinear'])
    .default('nearest')
    .describe('nearest copies pixels; bilinear blends neighbours (PyTorch align_corners=False)'),
});

/**
 * Nearest-neighbour upsampling from reshape + concat: every value is repeated factor times
 * along W, then each row factor times along H. Its gradient is exact, where tfjs-backend-cpu
 * 4.22's resizeNearestNeighbor gradient is wrong for batch > 1 (STACK-NOTES.md).
 */
export function upsampleNearest(x: tf.Tensor4D, f: number): tf.Tensor4D {
  if (f === 1) return x;
  const [b, h, w, c] = x.shape;
  const copies = (t: tf.Tensor, axis: number) => tf.concat(Array.from({ length: f }, () => t), axis);
  const wide = tf.reshape(copies(tf.reshape(x, [b, h, w, 1, c]), 3), [b, h, 1, w * f * c]);
  return tf.reshape(copies(wide, 2), [b, h * f, w * f, c]);
}

export const upsample = defineNode({
  kind: 'upsample',
  label: 'Upsample',
  category: 'block',
  summary: 'Enlarges feature maps by a whole factor, by copying or blending pixels.',
  docs:
    'Multiplies the height and width by the factor, without weights. "nearest" repeats each pixel in a ' +
    'factor×factor square; "bilinear" blends the four nearest pixels, with pixel centres aligned as in ' +
    'PyTorch (align_corners=False). Upsample followed by a 3×3 conv is the checkerboard-free alternative ' +
    'to a transposed convolution used by fast style transfer.',
  params: zUpsampleParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: 'tensor' }],
  outputs: [{ name: 'out', label: 'out', type: 'tensor' }],
  infer(ctx) {
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    const [b, h, w, c] = x.shape as [number, number, number, number];
    const f = ctx.params.factor;
    return { out: tensor([b, h * f, w * f, c]) };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const { factor: f, mode } = ctx.params;
    if (mode === 'nearest') return { out: upsampleNearest(x, f) };
    const [, h, w] = x.shape;
    return { out: tf.image.resizeBilinear(x, [h * f, w * f], false, true) };
  },
  summarize: (p) => `×${p.factor} ${p.mode}`,
  example: { inputs: { in: tensor([2, 3, 2, 2]) } },
});
