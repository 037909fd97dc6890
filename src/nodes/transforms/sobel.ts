import { tf } from '../tfjs';
import { z } from 'zod';
import { image, isProblemValue } from '../shape';
import { defineNode, problem } from '../types';
import { imageIn, luma, padEdge, toChannels } from './image-ops';

export const zSobelParams = z.object({
  channels: z.literal([1, 3]).default(3).describe('Output channels: 1, or 3 identical ones'),
  range: z.enum(['[0,1]', '[-1,1]']).default('[-1,1]').describe('The value range of the edge image'),
});
export type SobelParams = z.infer<typeof zSobelParams>;

/** Sobel kernels as a [3,3,1,2] conv2d filter: output channel 0 is d/dx, channel 1 is d/dy. */
const SOBEL_XY = [
  [-1, -1], [0, -2], [1, -1],
  [-2, 0], [0, 0], [2, 0],
  [-1, 1], [0, 2], [1, 1],
].flat();

/**
 * Keeps the magnitude's gradient finite where the image is flat (d sqrt(u)/du is infinite
 * at 0); subtracting sqrt(EPS), computed by the same op, keeps flat regions at 0 (up to the
 * convolution's rounding) and moves the others by less than 1e-6.
 */
const EPS = 1e-12;
/**
 * The smallest peak an image is scaled by: a weaker strongest edge (below one 8-bit grey
 * level, whose Sobel response is at least 1/255 in [0,1]) would only amplify rounding noise,
 * and a flat image stays 0 instead of dividing by zero.
 */
const MIN_PEAK = 1e-3;

export const sobel = defineNode({
  kind: 'sobel',
  label: 'Edges (Sobel)',
  category: 'transform',
  summary: 'Draws the edges of an image: bright where brightness changes sharply.',
  docs:
    'Measures how fast the brightness (luma) changes at each pixel with the Sobel filter, in both ' +
    'directions, and keeps the strength of the change: flat areas become dark and outlines bright. Each ' +
    "image is scaled so that its strongest edge is 1, then put in the chosen range. Wiring a painting's " +
    'edges into a pix2pix generator and the painting into its loss teaches it to turn line drawings into ' +
    'artwork. Borders repeat the edge pixels, so the image border itself is not an edge.',
  params: zSobelParams,
  where: 'both',
  inputs: [{ name: 'in', label: 'in', type: 'image', doc: 'A colour (3 channels) or grey (1 channel) image' }],
  outputs: [{ name: 'out', label: 'out', type: 'image' }],
  infer(ctx) {
    const x = imageIn(ctx);
    if (isProblemValue(x)) return x;
    const [b, h, w, c] = x.shape as [number, number, number, number];
    if (c !== 3 && c !== 1) return problem('channelsMismatch', { node: ctx.name, expected: 3, got: c }, 'in');
    return { out: image([b, h, w, ctx.params.channels], ctx.params.range) };
  },
  build(ctx, inputs) {
    const x = inputs.in as tf.Tensor4D;
    const [b] = x.shape;
    const grey = x.shape[3] === 3 ? luma(x) : x;
    const padded = padEdge(padEdge(grey, 1, 1, 1), 2, 1, 1);
    const g = tf.conv2d(padded, tf.tensor4d(SOBEL_XY, [3, 3, 1, 2]), 1, 'valid');
    const sq = tf.sum(tf.square(g), 3, true);
    const mag = tf.sub(tf.sqrt(tf.add(sq, EPS)), tf.sqrt(tf.scalar(EPS)));
    const peak = tf.maximum(tf.max(tf.reshape(mag, [b, -1]), 1), MIN_PEAK).reshape([b, 1, 1, 1]);
    let e: tf.Tensor4D = tf.div(mag, peak);
    if (ctx.params.range === '[-1,1]') e = tf.sub(tf.mul(e, 2), 1);
    return { out: toChannels(e, ctx.params.channels) };
  },
  summarize: (p) => `edges ${p.range}`,
  example: { params: { channels: 1 }, inputs: { in: image([2, 5, 6, 3], '[0,1]') } },
});
