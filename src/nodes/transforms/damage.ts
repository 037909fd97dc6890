import { tf } from '../tfjs';
import { z } from 'zod';
import { image, isProblemValue } from '../shape';
import { defineNode } from '../types';
import { damageMaps } from './damage-maps';
import { imageIn, rangeBounds } from './image-ops';

export const zDamageParams = z.object({
  scratches: z.int().min(0).max(64).default(4).describe('Thin scratch lines per image'),
  holes: z.int().min(0).max(64).default(2).describe('Round losses per image, filled with the fill colour'),
  stains: z.int().min(0).max(32).default(2).describe('Soft brownish stains per image'),
  strength: z.number().min(0).max(1).default(0.7).describe('How strongly scratches and stains show (holes are always solid)'),
  fill: z.number().min(0).max(1).default(1).describe('Colour of holes and scratches, from 0 (black) to 1 (white)'),
});
export type DamageParams = z.infer<typeof zDamageParams>;

export const damage = defineNode({
  kind: 'damage',
  label: 'Damage',
  category: 'transform',
  summary: 'Adds random scratches, holes and stains, to train a restoration network.',
  docs:
    'Ages each image the way old paintings and photos age: thin scratch lines, round losses where the ' +
    'paint is gone (filled with the fill colour, white like bare ground by default) and soft brownish ' +
    'stains that darken what is underneath. The damage is drawn anew for every image from the graph\'s ' +
    'seeded random stream, so a run can be repeated exactly. Wire the damaged image into a pix2pix ' +
    "generator and the clean one into its loss, and it learns to restore. The second output, \"mask\", " +
    'is 1 where an image was damaged and 0 where it was left exactly as it was: a restoration network can ' +
    'take it as an extra input, and a loss can weight the damaged areas. The value range is kept.',
  params: zDamageParams,
  where: 'graph',
  random: true,
  inputs: [{ name: 'in', label: 'in', type: 'image', doc: 'Clean images' }],
  outputs: [
    { name: 'out', label: 'damaged', type: 'image' },
    { name: 'mask', label: 'mask', type: 'image', doc: '1 where damaged, 0 where untouched; one channel' },
  ],
  infer(ctx) {
    const x = imageIn(ctx);
    if (isProblemValue(x)) return x;
    const [b, h, w] = x.shape as [number, number, number, number];
    return { out: image([...x.shape], x.range), mask: image([b, h, w, 1], '[0,1]') };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const range = ctx.inputs.in?.type === 'image' ? ctx.inputs.in.range : undefined;
    const maps = damageMaps(ctx.rng(), x.shape, ctx.params, rangeBounds(range));
    const [b, h, w] = x.shape;
    const out = tf.add(tf.mul(x, tf.tensor4d(maps.gain, x.shape)), tf.tensor4d(maps.offset, x.shape));
    return { out, mask: tf.tensor4d(maps.mask, [b, h, w, 1]) };
  },
  summarize: (p) => `${p.scratches} scratches · ${p.holes} holes · ${p.stains} stains`,
  example: { params: { scratches: 2, holes: 2, stains: 1 }, inputs: { in: image([2, 16, 16, 3], '[-1,1]') } },
});
