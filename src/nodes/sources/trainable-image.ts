import { tf } from '../tfjs';
import { z } from 'zod';
import type { GraphSettingsView, Signal, WeightSpec } from '../types';
import { image, isProblemValue, map4, formatShape } from '../shape';
import { defineNode, problem } from '../types';
import { midValue, zImageRange, type ImageRange } from './pixels';

export const zTrainableImageParams = z.object({
  size: z.int().min(0).max(2048).default(0).describe('Image height and width in pixels (0: the graph setting)'),
  channels: z.int().min(1).max(4).default(3).describe('Colour channels (3 for RGB, 1 for grey)'),
  range: zImageRange('[0,1]'),
  init: z
    .enum(['noise', 'gray', 'input'])
    .default('noise')
    .describe('How the pixels start: grey plus a little noise, plain grey, or a copy of the "init" input'),
});
type TrainableImageParams = z.infer<typeof zTrainableImageParams>;

/** [H, W]: the input's when it is copied and no size is set, else the size or the graph's. */
function heightWidth(p: TrainableImageParams, init: Signal | undefined, settings: GraphSettingsView): [number, number] {
  if (p.size > 0) return [p.size, p.size];
  if (p.init === 'input' && init) return [init.shape[1]!, init.shape[2]!];
  return [settings.imageSize, settings.imageSize];
}

/**
 * How the runtime fills the 'pixels' weight, beyond its WeightSpec: add `offset` (mid-range)
 * to what the spec gives — N(0, 0.1²) for 'noise', zeros for 'gray' — and for 'input' ignore
 * the spec and copy the first sample of the `init` input as first evaluated (no offset).
 * The runtime should also clamp the pixels into the range after each update, as Gatys-style
 * optimisation does: clamping in `build` would zero the gradient of pixels that overshoot
 * and freeze them there.
 */
export function trainableImageStart(p: { init: TrainableImageParams['init']; range: ImageRange }): {
  offset: number;
  copyInput: boolean;
} {
  return p.init === 'input' ? { offset: 0, copyInput: true } : { offset: midValue(p.range), copyInput: false };
}

export const trainableImage = defineNode({
  kind: 'trainable-image',
  label: 'Trainable image',
  category: 'source',
  summary: 'An image whose pixels are learned: what neural style transfer paints.',
  docs:
    'Instead of training a network, the optimizer changes these pixels directly, step by step, until the ' +
    'image matches a style\'s textures and a photo\'s content (Gatys et al.). Let an optimizer train it by ' +
    'naming this node in its "trains" list. It can start as grey with a little noise, as plain grey, or as a ' +
    'copy of the image wired into "init" (often the content photo, which converges faster).',
  params: zTrainableImageParams,
  where: 'graph',
  isStatic: () => false,
  inputs: (p) => [
    {
      name: 'init',
      label: 'init',
      type: 'image',
      ranges: [p.range],
      optional: true,
      doc: 'The starting picture when "init" is "input" (its first sample is copied once)',
    },
  ],
  outputs: [{ name: 'out', label: 'image', type: 'image' }],
  infer(ctx) {
    const p = ctx.params;
    let init: Signal | undefined;
    if (p.init === 'input') {
      const x = map4(ctx, 'init');
      if (isProblemValue(x)) return x;
      init = x;
      if (x.shape[3] !== p.channels)
        return problem('channelsMismatch', { node: ctx.name, expected: p.channels, got: x.shape[3]! }, 'init');
      if (p.size > 0 && (x.shape[1] !== p.size || x.shape[2] !== p.size))
        return problem(
          'sizeMismatch',
          { node: ctx.name, what: 'height and width', a: `${p.size}×${p.size}`, b: formatShape(x.shape.slice(1, 3)) },
          'init',
        );
    }
    const [h, w] = heightWidth(p, init, ctx.settings);
    return { out: image([1, h, w, p.channels], p.range) };
  },
  // The shape is the inferred output's, so the size rules live in `infer` alone.
  weights(p, _inputs, outputs): WeightSpec[] {
    const shape = outputs.out?.shape ?? [];
    return [
      p.init === 'noise'
        ? { name: 'pixels', shape, init: 'normal', std: 0.1, trainable: true }
        : { name: 'pixels', shape, init: 'zeros', trainable: true },
    ];
  },
  // A new handle on the weight, so that whoever disposes this iteration's values never disposes
  // the weight itself; gradients flow through the clone unchanged.
  build: (ctx) => ({ out: tf.clone(ctx.weight('pixels')) }),
  summarize: (p) => `${p.size > 0 ? `${p.size}×${p.size}` : 'graph size'} · ${p.init}`,
  example: { params: { size: 8 } },
});
