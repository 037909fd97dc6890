import { z } from 'zod';
import { sizeParam, sourceParams } from '../common';
import type { Rng } from '../prng';
import { defineNode } from '../types';
import { squareBatch, squareImages } from './batch';
import { rangeMap, zImageRange } from './pixels';

export const texturePatterns = ['stripes', 'checker', 'dots', 'plasma'] as const;
export type TexturePattern = (typeof texturePatterns)[number];

const frac = (x: number) => x - Math.floor(x);
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Pattern strength in [0,1] at rotated, scaled coordinates (u, v) (periods), with phases a, b. */
function strength(p: TexturePattern, u: number, v: number, a: number, b: number, pxPerPeriod: number): number {
  switch (p) {
    case 'stripes':
      return 0.5 + 0.5 * Math.sin(2 * Math.PI * (u + a));
    case 'checker':
      return (Math.floor(u + a) + Math.floor(v + b)) & 1;
    case 'dots': {
      const dx = frac(u + a) - 0.5;
      const dy = frac(v + b) - 0.5;
      // A disc of radius 0.3 period with a one-pixel soft edge.
      return clamp01(0.5 + (0.3 - Math.sqrt(dx * dx + dy * dy)) * pxPerPeriod);
    }
    case 'plasma': {
      const s =
        Math.sin(2 * Math.PI * (u + a)) +
        Math.sin(2 * Math.PI * (0.7 * v + b)) +
        Math.sin(2 * Math.PI * (0.5 * (u + v) + a + b)) +
        Math.sin(2 * Math.PI * 0.8 * Math.sqrt(u * u + v * v));
      return 0.5 + s / 8;
    }
  }
}

/**
 * One S×S×3 texture in [0,1] (before the range map) into out[offset…]. Every pattern draws the
 * same 9 uniforms per sample, in this order: angle, phase a, phase b, dark colour (r,g,b),
 * light colour (r,g,b); so switching patterns does not shift a shared stream.
 */
export function textureInto(
  rng: Rng,
  pattern: TexturePattern,
  S: number,
  scale: number,
  out: Float32Array,
  offset: number,
  map: { scale: number; shift: number },
): void {
  const angle = 2 * Math.PI * rng.uniform();
  const a = rng.uniform();
  const b = rng.uniform();
  const dark = [0.5 * rng.uniform(), 0.5 * rng.uniform(), 0.5 * rng.uniform()];
  const light = [0.5 + 0.5 * rng.uniform(), 0.5 + 0.5 * rng.uniform(), 0.5 + 0.5 * rng.uniform()];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let o = offset;
  for (let i = 0; i < S; i++)
    for (let j = 0; j < S; j++) {
      const x = ((j + 0.5) / S - 0.5) * scale;
      const y = ((i + 0.5) / S - 0.5) * scale;
      const t = strength(pattern, cos * x + sin * y, cos * y - sin * x, a, b, S / scale);
      for (let c = 0; c < 3; c++) out[o++] = map.scale * (dark[c]! + (light[c]! - dark[c]!) * t) + map.shift;
    }
}

export const zTextureParams = z.object({
  pattern: z.enum(texturePatterns).default('stripes').describe('Which texture: stripes, checker, dots or plasma'),
  ...sizeParam,
  scale: z.number().min(0.25).max(256).default(4).describe('Pattern repeats across the image'),
  range: zImageRange('[0,1]'),
  ...sourceParams,
});

export const texture = defineNode({
  kind: 'texture',
  label: 'Texture',
  category: 'source',
  summary: 'Procedural two-colour textures: stripes, checkerboards, dots or plasma.',
  docs:
    'Every sample is the chosen pattern in a random orientation and position, drawn in a random dark and ' +
    'a random light colour. "scale" is how many times the pattern repeats across the image. Useful as a ' +
    'quick style image or as simple data for trying out a pipeline without files.',
  params: zTextureParams,
  where: 'graph',
  random: true,
  isStatic: () => false,
  inputs: [],
  outputs: [{ name: 'out', label: 'images', type: 'image' }],
  infer: (ctx) => ({ out: squareImages(ctx, 3, ctx.params.range) }),
  build(ctx) {
    const { pattern, scale, range } = ctx.params;
    const rng = ctx.rng();
    const map = rangeMap(range);
    return { out: squareBatch(ctx, 3, (v, offset, s) => textureInto(rng, pattern, s, scale, v, offset, map)) };
  },
  summarize: (p) => `${p.pattern} ×${p.scale}`,
  example: { params: { pattern: 'dots', size: 8, batch: 2 } },
});
