import { tf } from '../tfjs';
import { z } from 'zod';
import { image, isProblemValue } from '../shape';
import { defineNode, valueRanges, type ValueRange } from '../types';
import { imageIn } from './image-ops';

export const zRescaleParams = z.object({
  to: z.enum(valueRanges).default('[-1,1]').describe('The value range the output images are in'),
});
export type RescaleParams = z.infer<typeof zRescaleParams>;

/** out = clip(x·scale + shift): the map from one range to another (WORKLOADS.md conventions). */
export function rescaleMap(
  from: ValueRange,
  to: ValueRange,
): { scale: number; shift: number; clip?: [number, number] } {
  if (from === to || to === 'unbounded') return { scale: 1, shift: 0 };
  if (from === 'unbounded') return { scale: 1, shift: 0, clip: to === '[0,1]' ? [0, 1] : [-1, 1] };
  // Between the two bounded ranges the map is linear: [-1,1] → [0,1] is (x+1)/2, and back 2x−1.
  return to === '[0,1]' ? { scale: 0.5, shift: 0.5 } : { scale: 2, shift: -1 };
}

export const rescale = defineNode({
  kind: 'rescale',
  label: 'Rescale',
  category: 'transform',
  summary: "Converts images from one value range to another, e.g. [0,1] to [-1,1].",
  docs:
    'Images carry the range their values lie in: [-1,1] (what a tanh output gives), [0,1] (photos, most ' +
    'losses and previews) or unbounded. Ganvas never converts between them silently: when you wire images ' +
    'into a port that expects another range, the editor refuses the wire and offers this node instead. ' +
    'It reads the range of whatever is wired in and maps it to the one chosen here: between [-1,1] and ' +
    '[0,1] the map is linear ((x+1)/2 one way, 2x−1 the other); from unbounded values to a bounded range ' +
    'it clamps anything outside; to "unbounded" it leaves the values as they are and only drops the promise.',
  params: zRescaleParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: ['image', 'tensor'], doc: 'Images in any range (a tensor counts as unbounded)' }],
  outputs: [{ name: 'out', label: 'out', type: 'image' }],
  infer(ctx) {
    const x = imageIn(ctx);
    if (isProblemValue(x)) return x;
    return { out: image([...x.shape], ctx.params.to) };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const from = ctx.inputs.in?.type === 'image' ? (ctx.inputs.in.range ?? 'unbounded') : 'unbounded';
    const m = rescaleMap(from, ctx.params.to);
    let y: tf.Tensor4D = x;
    if (m.scale !== 1 || m.shift !== 0) y = tf.add(tf.mul(y, m.scale), m.shift);
    if (m.clip) y = tf.clipByValue(y, m.clip[0], m.clip[1]);
    return { out: y };
  },
  summarize: (p) => `→ ${p.to}`,
  example: { params: { to: '[0,1]' }, inputs: { in: image([2, 4, 4, 3], '[-1,1]') } },
});
