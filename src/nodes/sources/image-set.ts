import { tf } from '../tfjs';
import { z } from 'zod';
import { batchOf, sizeOf, sizeParam, sourceParams } from '../common';
import { defineNode } from '../types';
import { squareBatch, squareImages } from './batch';
import { centreSquare, midValue, rangeMap, resampleBilinear, zImageRange } from './pixels';

/** A decoded picture, as the runtime hands it over (PNG/JPEG decoded to RGBA). */
export interface ImageAsset {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export function isImageAsset(v: unknown): v is ImageAsset {
  const a = v as { width: number; height: number; data: unknown } | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    Number.isInteger(a.width) &&
    Number.isInteger(a.height) &&
    a.width > 0 &&
    a.height > 0 &&
    (a.data instanceof Uint8ClampedArray || a.data instanceof Uint8Array) &&
    a.data.length >= a.width * a.height * 4
  );
}

export const zImageSetParams = z.object({
  images: z.array(z.string().max(200)).max(10000).default(() => []).describe('Ids of the images in this set'),
  ...sizeParam,
  crop: z.enum(['center']).default('center').describe('Which square of each image is used: the centred one'),
  range: zImageRange('[-1,1]'),
  order: z
    .enum(['random', 'sequential'])
    .default('random')
    .describe('random: each sample picks an image at random; sequential: the batch holds the images in order'),
  paired: z
    .enum(['none', 'left', 'right'])
    .default('none')
    .describe('For side-by-side A|B pair files (as pix2pix datasets are saved): use the left or the right half of each image'),
  ...sourceParams,
});

export const imageSet = defineNode({
  kind: 'image-set',
  label: 'Image set',
  category: 'source',
  summary: 'Your own pictures (PNG, JPEG or WebP), cropped square and resized.',
  docs:
    'Holds images you add (in the inspector, or by dropping files on the node): photos, paintings, a style ' +
    'image. Each is cropped to its centred square and ' +
    'resized to the image size. With "random" order every sample is a random image of the set; with ' +
    '"sequential" the batch holds the images in order (the first ones, repeating if there are fewer than ' +
    'the batch) and stays the same all run — the usual choice for one content or style image. For ' +
    'pix2pix data saved as side-by-side A|B pairs, "paired" takes the left or the right half of each file. ' +
    'A set with no images gives mid-grey images, so a graph opened without its pictures still runs.',
  params: zImageSetParams,
  where: 'graph',
  random: true,
  isStatic: (p) => p.order === 'sequential' || p.images.length === 0,
  assets: (p) => p.images.map((id) => 'image:' + id),
  inputs: [],
  outputs: [{ name: 'out', label: 'images', type: 'image' }],
  infer: (ctx) => ({ out: squareImages(ctx, 3, ctx.params.range) }),
  build(ctx) {
    const { range, order, paired } = ctx.params;
    // An image the runtime could not provide is skipped (the editor marks it missing).
    const pics = ctx.params.images.map((id) => ctx.asset('image:' + id)).filter(isImageAsset);
    if (pics.length === 0) {
      const s = sizeOf(ctx.params, ctx.settings);
      return { out: tf.fill([batchOf(ctx.params, ctx.settings), s, s, 3], midValue(range)) };
    }
    const { scale, shift } = rangeMap(range);
    const rng = ctx.rng();
    const out = squareBatch(ctx, 3, (v, offset, s, n) => {
      const k = order === 'random' ? Math.floor(rng.uniform() * pics.length) : n % pics.length;
      const p = pics[k]!;
      const region = centreSquare(p.width, p.height, paired);
      resampleBilinear(p.data, p.width, 4, region, s, 3, v, offset, scale / 255, shift);
    });
    return { out };
  },
  summarize: (p) =>
    `${p.images.length} image${p.images.length === 1 ? '' : 's'}${p.paired === 'none' ? '' : ` · ${p.paired} half`}`,
  example: { params: { size: 8, batch: 2 } },
});
