import { z } from 'zod';
import { sizeParam, sourceParams } from '../common';
import { defineNode } from '../types';
import { squareBatch, squareImages } from './batch';
import { rangeMap, zImageRange } from './pixels';
import { pick, Raster } from './raster';
import { sampleRng } from './sample-rng';
import { paintScene, sceneKinds } from './scene-painters';

export const zSceneParams = z.object({
  scene: z
    .enum([...sceneKinds, 'mixed'])
    .default('landscape')
    .describe('What the pictures show: a landscape, a still life, buildings, or mixed (any of them)'),
  ...sizeParam,
  range: zImageRange('[0,1]'),
  fixed: z.boolean().default(false).describe('Draw one batch at the start and keep it (one content image); off: new scenes every iteration'),
  ...sourceParams,
});

export const scene = defineNode({
  kind: 'scene',
  label: 'Scene',
  category: 'source',
  summary: 'Built-in content pictures made by code: landscapes, still lifes and streets of buildings.',
  docs:
    'Simple stand-ins for photos, to be repainted by a style-transfer pipeline or translated by pix2pix and ' +
    'CycleGAN. "landscape" has a sky, a sun, hills fading into the distance and trees; "still-life" a vase and ' +
    'shaded fruit on a table; "buildings" a skyline with rows of windows over a street, by day or night; "mixed" picks one for every picture. Each ' +
    'picture is drawn from one number of the random stream, so a seed gives the same scene at any size, and the ' +
    'held-out split gives scenes the training split never shows (to measure a network on pictures it has not ' +
    'seen). Every iteration draws new scenes unless "fixed" is on.',
  params: zSceneParams,
  where: 'graph',
  random: true,
  isStatic: (p) => p.fixed,
  inputs: [],
  outputs: [{ name: 'out', label: 'images', type: 'image' }],
  infer: (ctx) => ({ out: squareImages(ctx, 3, ctx.params.range) }),
  build(ctx) {
    const { scene: kind, range, split } = ctx.params;
    const rng = ctx.rng();
    const map = rangeMap(range);
    return {
      out: squareBatch(ctx, 3, (v, offset, s) => {
        const r = new Raster(s);
        const own = sampleRng(rng, split);
        paintScene(r, own, kind === 'mixed' ? pick(own, sceneKinds) : kind);
        r.writeInto(v, offset, map);
      }),
    };
  },
  summarize: (p) => `${p.scene}${p.fixed ? ' · fixed' : ''}`,
  example: { params: { scene: 'buildings', size: 16, batch: 2 } },
});
