import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { image, isProblemValue } from '../shape';
import { defineNode, problem } from '../types';
import { imageIn, luma, toChannels } from './image-ops';

export const zGrayscaleParams = z.object({
  channels: z
    .literal([1, 3])
    .default(3)
    .describe('Output channels: 1, or 3 identical ones (to feed a network that expects colour)'),
});
export type GrayscaleParams = z.infer<typeof zGrayscaleParams>;

export const grayscale = defineNode({
  kind: 'grayscale',
  label: 'Grayscale',
  category: 'transform',
  summary: 'Turns a colour image into its brightness (luma).',
  docs:
    'Each pixel becomes 0.299·red + 0.587·green + 0.114·blue, the brightness the eye sees (ITU-R BT.601). ' +
    'With 3 output channels the grey value is copied into all three, so a colourisation pipeline can feed ' +
    'the grey image to a network built for colour images: wire a colour dataset here and into the target of ' +
    'a pix2pix loss, and the generator learns to put the colour back. The value range is kept, because the ' +
    'weights add up to 1.',
  params: zGrayscaleParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: 'image', doc: 'A colour image (3 channels)' }],
  outputs: [{ name: 'out', label: 'out', type: 'image' }],
  infer(ctx) {
    const x = imageIn(ctx);
    if (isProblemValue(x)) return x;
    const [b, h, w, c] = x.shape as [number, number, number, number];
    if (c !== 3) return problem('channelsMismatch', { node: ctx.name, expected: 3, got: c }, 'in');
    return { out: image([b, h, w, ctx.params.channels], x.range) };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    return { out: toChannels(luma(x), ctx.params.channels) };
  },
  summarize: (p) => (p.channels === 1 ? 'luma, 1 channel' : 'luma ×3'),
  example: { inputs: { in: image([2, 4, 4, 3], '[-1,1]') } },
});
