import { tf } from '../tfjs';
import { z } from 'zod';
import { sizeOf, sizeParam } from '../common';
import { image, isProblemValue } from '../shape';
import { defineNode, problem, type GraphSettingsView } from '../types';
import { imageIn } from './image-ops';
import { resample } from './resample';

export const zResizeParams = z.object({
  mode: z.enum(['size', 'factor']).default('factor').describe('Resize to a fixed size, or by a factor'),
  ...sizeParam,
  factor: z.number().gt(0).max(16).default(0.5).describe('Scale factor for height and width, e.g. 0.25, 0.5, 2, 4'),
  filter: z
    .enum(['nearest', 'bilinear', 'area'])
    .default('area')
    .describe('How new pixels are computed: nearest pixel, bilinear blend, or area average (best for shrinking)'),
});
export type ResizeParams = z.infer<typeof zResizeParams>;

/** Output height and width for an h×w input. */
export function resizedSize(h: number, w: number, p: ResizeParams, s: GraphSettingsView): [number, number] {
  if (p.mode === 'size') {
    const n = sizeOf(p, s);
    return [n, n];
  }
  return [Math.round(h * p.factor), Math.round(w * p.factor)];
}

export const resize = defineNode({
  kind: 'resize',
  label: 'Resize',
  category: 'transform',
  summary: 'Makes images smaller or larger.',
  docs:
    'Changes the height and width, either to a fixed square size or by a factor (0.25 makes a 256-pixel ' +
    'image 64 pixels; 2 doubles it). "area" averages the input pixels each output pixel covers, an exact ' +
    'box filter: the right choice for shrinking, e.g. to make the low-resolution input of a super-resolution ' +
    'pipeline. "bilinear" blends the four nearest pixels (pixel centres at half-pixel positions, as in ' +
    'PyTorch with align_corners=False); it gives smooth enlargements but skips detail when shrinking a lot. ' +
    '"nearest" copies the pixel under each new pixel\'s centre: blocky, but it never invents new values. ' +
    'All three keep the value range.',
  params: zResizeParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: 'image' }],
  outputs: [{ name: 'out', label: 'out', type: 'image' }],
  infer(ctx) {
    const x = imageIn(ctx);
    if (isProblemValue(x)) return x;
    const [b, h, w, c] = x.shape as [number, number, number, number];
    const [ho, wo] = resizedSize(h, w, ctx.params, ctx.settings);
    if (ho < 1 || wo < 1)
      return problem('resizeTooSmall', { node: ctx.name, h, w, factor: ctx.params.factor }, 'in');
    return { out: image([b, ho, wo, c], x.range) };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const [, h, w] = x.shape;
    const [ho, wo] = resizedSize(h, w, ctx.params, ctx.settings);
    const { filter } = ctx.params;
    if (ho === h && wo === w) return { out: x };
    return {
      out: filter === 'bilinear' ? tf.image.resizeBilinear(x, [ho, wo], false, true) : resample(x, ho, wo, filter),
    };
  },
  summarize: (p) => `${p.mode === 'size' ? (p.size > 0 ? `${p.size}px` : 'graph size') : `×${p.factor}`} ${p.filter}`,
  example: { params: { factor: 0.5, filter: 'area' }, inputs: { in: image([2, 8, 8, 3], '[-1,1]') } },
});
