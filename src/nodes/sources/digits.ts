import { tf } from '../tfjs';
import { z } from 'zod';
import { batchOf, sizeOf, sourceParams } from '../common';
import { image, vector } from '../shape';
import { defineNode, problem } from '../types';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE, isDigitsAsset, type DigitsAsset } from './data/digits-format';
import { resampleBilinear } from './pixels';

const allClasses = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * Indices (into the file) of the digits of `classes` in one split. Per class, the last
 * `holdOut` digits in file order are held out and the rest are for training; the pool lists
 * them in file order, so it does not depend on how `classes` is ordered.
 */
export function digitSplit(d: DigitsAsset, classes: readonly number[], holdOut: number, split: 'train' | 'held-out'): Int32Array {
  const total = new Array<number>(DIGIT_CLASSES).fill(0);
  for (const l of d.labels) total[l]!++;
  const seen = new Array<number>(DIGIT_CLASSES).fill(0);
  const wanted = new Set(classes);
  const pool: number[] = [];
  for (let n = 0; n < d.count; n++) {
    const l = d.labels[n]!;
    const heldOut = seen[l]! >= total[l]! - holdOut;
    seen[l]!++;
    if (wanted.has(l) && heldOut === (split === 'held-out')) pool.push(n);
  }
  return Int32Array.from(pool);
}

// Pools are recomputed only when the asset or the selection changes, not every iteration.
const pools = new WeakMap<DigitsAsset, Map<string, Int32Array>>();
function poolFor(d: DigitsAsset, classes: readonly number[], holdOut: number, split: 'train' | 'held-out'): Int32Array {
  let m = pools.get(d);
  if (!m) pools.set(d, (m = new Map()));
  const key = `${[...classes].sort().join(',')}|${holdOut}|${split}`;
  let p = m.get(key);
  if (!p) m.set(key, (p = digitSplit(d, classes, holdOut, split)));
  return p;
}

export const zDigitsParams = z.object({
  classes: z
    .array(z.int().min(0).max(9))
    .min(1)
    .max(10)
    .default(() => [...allClasses])
    .describe('Which digits to use (0–9)'),
  holdOut: z.int().min(0).max(800).default(100).describe('Digits per class kept apart for the held-out split'),
  size: z.int().min(0).max(2048).default(28).describe('Image height and width in pixels (0: the graph setting)'),
  ...sourceParams,
});

export const digits = defineNode({
  kind: 'digits',
  label: 'Handwritten digits',
  category: 'source',
  summary: 'Real handwritten digits (10,000 from MNIST), with their labels.',
  docs:
    'A built-in set of 10,000 real handwritten digits, 28×28 greyscale, white on black, from the MNIST ' +
    'collection, about a thousand of each digit. Every sample is picked at random from the chosen digits. ' +
    'The last "hold out" digits of each class are kept apart: the training split never shows them, the ' +
    'held-out split shows only them, for checking a model on digits it has not seen. "label" gives the ' +
    'digit as ten numbers, a 1 at the digit and 0 elsewhere, for conditional GANs and classifiers.',
  params: zDigitsParams,
  where: 'graph',
  random: true,
  isStatic: () => false,
  assets: () => ['digits'],
  inputs: [],
  outputs: [
    { name: 'out', label: 'images', type: 'image' },
    { name: 'label', label: 'label', type: 'vector', doc: 'The digit, one-hot over 0–9' },
  ],
  infer(ctx) {
    const { split, holdOut } = ctx.params;
    if (split === 'held-out' && holdOut === 0) return problem('emptySplit', { node: ctx.name });
    const b = batchOf(ctx.params, ctx.settings);
    const s = sizeOf(ctx.params, ctx.settings);
    return { out: image([b, s, s, 1], '[-1,1]'), label: vector([b, DIGIT_CLASSES]) };
  },
  build(ctx) {
    const d = ctx.asset('digits');
    // The runtime loads declared assets before building; anything else is a runtime bug.
    if (!isDigitsAsset(d)) throw new Error('digits: the runtime did not provide the "digits" asset');
    const { classes, holdOut, split } = ctx.params;
    const pool = poolFor(d, classes, holdOut, split);
    if (pool.length === 0) throw new Error('digits: the chosen split holds no digits');
    const b = batchOf(ctx.params, ctx.settings);
    const s = sizeOf(ctx.params, ctx.settings);
    const rng = ctx.rng();
    const px = new Float32Array(b * s * s);
    const onehot = new Float32Array(b * DIGIT_CLASSES);
    const full = { x: 0, y: 0, w: DIGIT_SIDE, h: DIGIT_SIDE };
    for (let n = 0; n < b; n++) {
      const idx = pool[Math.floor(rng.uniform() * pool.length)]!;
      const src = d.images.subarray(idx * DIGIT_PIXELS, (idx + 1) * DIGIT_PIXELS);
      if (s === DIGIT_SIDE) for (let k = 0; k < DIGIT_PIXELS; k++) px[n * DIGIT_PIXELS + k] = (src[k]! / 255) * 2 - 1;
      else resampleBilinear(src, DIGIT_SIDE, 1, full, s, 1, px, n * s * s, 2 / 255, -1);
      onehot[n * DIGIT_CLASSES + d.labels[idx]!] = 1;
    }
    return { out: tf.tensor4d(px, [b, s, s, 1]), label: tf.tensor2d(onehot, [b, DIGIT_CLASSES]) };
  },
  summarize: (p) =>
    `${p.classes.length === 10 ? '0–9' : p.classes.join(' ')}${p.split === 'held-out' ? ' · held out' : ''}`,
  example: { params: { batch: 3 } },
});
