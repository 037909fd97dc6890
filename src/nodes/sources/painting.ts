import { z } from 'zod';
import { sizeParam, sourceParams } from '../common';
import { defineNode } from '../types';
import { squareBatch, squareImages } from './batch';
import { paintingStyles, paintPainting } from './painting-styles';
import { rangeMap, zImageRange } from './pixels';
import { pick, Raster } from './raster';
import { sampleRng } from './sample-rng';

export const zPaintingParams = z.object({
  style: z
    .enum([...paintingStyles, 'mixed'])
    .default('swirls')
    .describe('Which painting: swirls (a starry night), mosaic, woodcut (waves), pointillism, brushstrokes, or mixed (any of them)'),
  ...sizeParam,
  detail: z
    .number()
    .min(0.25)
    .max(4)
    .default(1)
    .describe('How fine the marks are (tiles, dots, strokes, bands): 1 is the usual, 2 makes them half as large'),
  range: zImageRange('[0,1]'),
  fixed: z.boolean().default(true).describe('Paint one batch at the start and keep it (a style image); off: new paintings every iteration'),
  ...sourceParams,
});

export const painting = defineNode({
  kind: 'painting',
  label: 'Painting',
  category: 'source',
  summary: 'Built-in artworks made by code: swirling night skies, mosaics, woodcut waves, pointillism, brushstrokes.',
  docs:
    'Style images that need no files. "swirls" smears brush marks along a flow field of eddies, in the manner of ' +
    'a starry night; "mosaic" lays coloured tiles with grout over a hidden scene; "woodcut" prints curling wave ' +
    'bands in a few flat blues, as Japanese prints do; "pointillism" paints a hidden scene in dense dots of pure ' +
    'colour; "brushstrokes" lays short strokes of a small palette along a smooth direction field; "mixed" picks ' +
    'one of these for every picture. Each image is ' +
    'painted from one number of the random stream, so the same seed gives the same painting at any size, and the ' +
    'held-out split gives paintings the training split never shows. With "fixed" (the default) one batch is ' +
    'painted at the start and kept, as a style image; without it every iteration paints new ones, a dataset.',
  params: zPaintingParams,
  where: 'graph',
  random: true,
  isStatic: (p) => p.fixed,
  inputs: [],
  outputs: [{ name: 'out', label: 'images', type: 'image' }],
  infer: (ctx) => ({ out: squareImages(ctx, 3, ctx.params.range) }),
  build(ctx) {
    const { style, detail, range, split } = ctx.params;
    const rng = ctx.rng();
    const map = rangeMap(range);
    return {
      out: squareBatch(ctx, 3, (v, offset, s) => {
        const r = new Raster(s);
        const own = sampleRng(rng, split);
        paintPainting(r, own, style === 'mixed' ? pick(own, paintingStyles) : style, detail);
        r.writeInto(v, offset, map);
      }),
    };
  },
  summarize: (p) => `${p.style}${p.detail !== 1 ? ` ×${p.detail}` : ''}${p.fixed ? ' · fixed' : ''}`,
  example: { params: { style: 'mosaic', size: 16, batch: 2 } },
});
