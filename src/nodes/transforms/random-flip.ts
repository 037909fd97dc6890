import { tf } from '../tfjs';
import { z } from 'zod';
import { image } from '../shape';
import type { Rng } from '../prng';
import { defineNode } from '../types';
import { sameImage } from './image-ops';

export const zRandomFlipParams = z.object({
  horizontal: z.number().min(0).max(1).default(0.5).describe('Chance that an image is mirrored left–right'),
  vertical: z.number().min(0).max(1).default(0).describe('Chance that an image is turned upside down'),
});
export type RandomFlipParams = z.infer<typeof zRandomFlipParams>;

/**
 * Each sample's decisions, in batch order: two uniforms per sample (horizontal, then
 * vertical), drawn even when a chance is 0 or 1, so the stream advances the same way
 * whatever the settings.
 */
export function flipDecisions(rng: Rng, batch: number, p: RandomFlipParams): { h: boolean; v: boolean }[] {
  const out: { h: boolean; v: boolean }[] = [];
  for (let i = 0; i < batch; i++) {
    const h = rng.uniform() < p.horizontal;
    const v = rng.uniform() < p.vertical;
    out.push({ h, v });
  }
  return out;
}

/** Picks flipped or original per sample with a 0/1 weight, which is exact and differentiable. */
function choose(x: tf.Tensor4D, flipped: tf.Tensor4D, pick: boolean[]): tf.Tensor4D {
  if (pick.every((p) => !p)) return x;
  if (pick.every((p) => p)) return flipped;
  const m = tf.tensor4d(pick.map((p) => (p ? 1 : 0)), [pick.length, 1, 1, 1]);
  return tf.add(tf.mul(flipped, m), tf.mul(x, tf.sub(1, m)));
}

export const randomFlip = defineNode({
  kind: 'random-flip',
  label: 'Random flip',
  category: 'transform',
  summary: 'Mirrors some images of the batch at random.',
  docs:
    'Each image is mirrored left–right with the "horizontal" chance and turned upside down with the ' +
    '"vertical" chance, decided anew for every image and iteration. Mirroring shows the network more ' +
    'variety without new data; leave "vertical" at 0 for photos and paintings, whose up and down matter. ' +
    "The decisions come from the graph's seeded random stream, so a run can be repeated exactly.",
  params: zRandomFlipParams,
  where: 'graph',
  random: true,
  inputs: [{ name: 'in', label: 'in', type: 'image' }],
  outputs: [{ name: 'out', label: 'out', type: 'image' }],
  infer: sameImage,
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const d = flipDecisions(ctx.rng(), x.shape[0], ctx.params);
    const hs = d.map((e) => e.h);
    const vs = d.map((e) => e.v);
    const afterH = hs.some(Boolean) ? choose(x, tf.reverse(x, 2), hs) : x;
    const out = vs.some(Boolean) ? choose(afterH, tf.reverse(afterH, 1), vs) : afterH;
    return { out };
  },
  summarize: (p) =>
    [p.horizontal > 0 ? `↔ ${p.horizontal}` : '', p.vertical > 0 ? `↕ ${p.vertical}` : ''].filter(Boolean).join(' ') ||
    'never',
  example: { params: { horizontal: 0.5, vertical: 0.5 }, inputs: { in: image([3, 4, 4, 2], '[0,1]') } },
});
