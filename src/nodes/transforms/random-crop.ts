import { tf } from '../tfjs';
import { z } from 'zod';
import { sizeOf, sizeParam } from '../common';
import { image, isProblemValue } from '../shape';
import type { Rng } from '../prng';
import { defineNode, problem } from '../types';
import { imageIn } from './image-ops';

export const zRandomCropParams = z.object({ ...sizeParam });
export type RandomCropParams = z.infer<typeof zRandomCropParams>;

/**
 * The top-left corner of each sample's crop, in batch order: two uniforms per sample,
 * top = floor(u·(H−size+1)) then left = floor(u·(W−size+1)), so every position is equally
 * likely and the stream advances by the same amount whatever the sizes.
 */
export function cropOffsets(rng: Rng, batch: number, h: number, w: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < batch; i++) {
    const top = Math.floor(rng.uniform() * (h - size + 1));
    const left = Math.floor(rng.uniform() * (w - size + 1));
    out.push([top, left]);
  }
  return out;
}

export const randomCrop = defineNode({
  kind: 'random-crop',
  label: 'Random crop',
  category: 'transform',
  summary: 'Cuts a square from a random place of each image.',
  docs:
    'For every image in the batch a position is drawn at random and a size×size square is cut out there. ' +
    'Training on random crops of one large painting is how a network learns its brushwork from a single ' +
    'artwork; on a dataset it is a cheap way to show the network more variety. The crops are drawn from ' +
    "the graph's seeded random stream, so a run can be repeated exactly. Size 0 uses the graph's image size.",
  params: zRandomCropParams,
  where: 'graph',
  random: true,
  inputs: [{ name: 'in', label: 'in', type: 'image', doc: 'Images at least as large as the crop' }],
  outputs: [{ name: 'out', label: 'out', type: 'image' }],
  infer(ctx) {
    const x = imageIn(ctx);
    if (isProblemValue(x)) return x;
    const [b, h, w, c] = x.shape as [number, number, number, number];
    const size = sizeOf(ctx.params, ctx.settings);
    if (size > h || size > w) return problem('cropTooLarge', { node: ctx.name, size, h, w }, 'in');
    return { out: image([b, size, size, c], x.range) };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const [b, h, w] = x.shape;
    const size = sizeOf(ctx.params, ctx.settings);
    const crops = cropOffsets(ctx.rng(), b, h, w, size).map(([top, left], i) =>
      tf.slice(x, [i, top, left, 0], [1, size, size, -1]),
    );
    return { out: crops.length === 1 ? crops[0]! : tf.concat(crops, 0) };
  },
  summarize: (p) => (p.size > 0 ? `${p.size}×${p.size}` : 'graph size'),
  example: { params: { size: 4 }, inputs: { in: image([2, 6, 5, 3], '[-1,1]') } },
});
