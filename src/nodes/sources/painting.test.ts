/**
 * The built-in paintings and scenes: deterministic from the stream, one draw per picture,
 * in range, the same picture at any size, and each style or scene recognisably itself by
 * simple statistics (colour, edges, how many distinct colours).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyNodeDef } from '../types';
import { runNode, valuesOf, type RunOptions } from '../testing';
import { painting } from './painting';
import { paintingStyles } from './painting-styles';
import { scene } from './scene';
import { sceneKinds } from './scene-painters';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function run(def: AnyNodeDef, opts: RunOptions): { v: number[]; shape: number[]; drawn: number } {
  const r = runNode(def, opts);
  const out = r.outputs.out as tf.Tensor;
  const res = { v: valuesOf(out), shape: out.shape, drawn: r.rng.drawn };
  tf.dispose(Object.values(r.outputs));
  return res;
}

/** Per-picture statistics of an S×S×3 image in [0,1]. */
function stats(v: number[], s: number) {
  const mean = [0, 1, 2].map((c) => v.filter((_, k) => k % 3 === c).reduce((a, b) => a + b, 0) / (s * s));
  const lum = Array.from({ length: s * s }, (_, p) => (v[3 * p]! + v[3 * p + 1]! + v[3 * p + 2]!) / 3);
  const m = lum.reduce((a, b) => a + b, 0) / lum.length;
  const std = Math.sqrt(lum.reduce((a, b) => a + (b - m) ** 2, 0) / lum.length);
  let edges = 0;
  let changes = 0;
  for (let i = 0; i < s; i++)
    for (let j = 1; j < s; j++) {
      const d = Math.abs(lum[i * s + j]! - lum[i * s + j - 1]!);
      edges += d;
      if (d > 0.01) changes++;
    }
  const colours = new Set<string>();
  for (let p = 0; p < s * s; p++) colours.add(`${v[3 * p]},${v[3 * p + 1]},${v[3 * p + 2]}`);
    // edges: mean brightness step between neighbours; changes: how often a neighbour differs at all.
  return { mean, std, edges: edges / (s * (s - 1)), changes: changes / (s * (s - 1)), colours: colours.size / (s * s) };
}

/** Area-averages an S×S×3 image down by a whole factor. */
function shrink(v: number[], s: number, f: number): number[] {
  const t = s / f;
  const out = new Array<number>(t * t * 3).fill(0);
  for (let i = 0; i < s; i++)
    for (let j = 0; j < s; j++)
      for (let c = 0; c < 3; c++) out[(Math.floor(i / f) * t + Math.floor(j / f)) * 3 + c]! += v[(i * s + j) * 3 + c]! / (f * f);
  return out;
}

const meanAbs = (a: number[], b: number[]) => a.reduce((s, x, k) => s + Math.abs(x - b[k]!), 0) / a.length;

const kinds: [AnyNodeDef, string, readonly string[]][] = [
  [painting, 'style', [...paintingStyles, 'mixed']],
  [scene, 'scene', [...sceneKinds, 'mixed']],
];

describe.each(kinds)('$label', (def, key, variants) => {
  it.each(variants)('%s: shape, range, one draw per picture, deterministic, seeds and splits differ', (name) => {
    const params = { [key]: name, size: 32, batch: 3, range: '[-1,1]' };
    const a = run(def, { seed: 7, params });
    expect(a.shape).toEqual([3, 32, 32, 3]);
    expect(a.drawn).toBe(3);
    expect(Math.min(...a.v)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a.v)).toBeLessThanOrEqual(1);
    expect(Math.max(...a.v) - Math.min(...a.v)).toBeGreaterThan(0.5);
    expect(run(def, { seed: 7, params }).v).toEqual(a.v);
    const n = 32 * 32 * 3;
    const b = run(def, { seed: 8, params });
    expect(meanAbs(a.v.slice(0, n), b.v.slice(0, n))).toBeGreaterThan(0.02);
    expect(meanAbs(a.v.slice(0, n), a.v.slice(n, 2 * n))).toBeGreaterThan(0.02);
    const held = run(def, { seed: 7, params: { ...params, split: 'held-out' } });
    expect(meanAbs(a.v.slice(0, n), held.v.slice(0, n))).toBeGreaterThan(0.02);
  });

  it.each(variants)('%s: the [0,1] range is (v+1)/2 of the [-1,1] picture', (name) => {
    const a = run(def, { seed: 3, params: { [key]: name, size: 16, batch: 1, range: '[-1,1]' } });
    const b = run(def, { seed: 3, params: { [key]: name, size: 16, batch: 1, range: '[0,1]' } });
    for (let k = 0; k < a.v.length; k++) expect(b.v[k]).toBeCloseTo((a.v[k]! + 1) / 2, 5);
  });

  it.each(variants)('%s: a seed paints the same picture at 64 and at 128 pixels', (name) => {
    const small = run(def, { seed: 5, params: { [key]: name, size: 64, batch: 1 } });
    const big = run(def, { seed: 5, params: { [key]: name, size: 128, batch: 1 } });
    const other = run(def, { seed: 6, params: { [key]: name, size: 64, batch: 1 } });
    const same = meanAbs(shrink(big.v, 128, 2), small.v);
    expect(same).toBeLessThan(0.1);
    expect(same).toBeLessThan(meanAbs(other.v, small.v) / 2);
  });

  it('its variants differ in their statistics', () => {
    const s = 64;
    const all = variants.filter((v) => v !== 'mixed').map((name) => {
      const { v } = run(def, { seed: 11, params: { [key]: name, size: s, batch: 1 } });
      const t = stats(v, s);
      return [...t.mean, t.std, 4 * t.edges, t.colours];
    });
    for (let a = 0; a < all.length; a++)
      for (let b = a + 1; b < all.length; b++) {
        const d = Math.hypot(...all[a]!.map((x, k) => x - all[b]![k]!));
        expect(d, `${variants[a]} vs ${variants[b]}`).toBeGreaterThan(0.08);
      }
  });
});

describe('paintings look like their style', () => {
  const one = (style: string, size = 64) => stats(run(painting, { seed: 2, params: { style, size, batch: 1 } }).v, size);

  it('swirls are a blue night sky', () => {
    const [r, , b] = one('swirls').mean;
    expect(b! - r!).toBeGreaterThan(0.15);
  });

  it('woodcut is printed in a few flat colours, mosaic and pointillism in many', () => {
    expect(one('woodcut').colours).toBeLessThan(0.005);
    expect(one('mosaic').colours).toBeGreaterThan(0.02);
    expect(one('pointillism').colours).toBeGreaterThan(0.3);
  });

  it('woodcut prints flat areas; dots, strokes and swirls change from pixel to pixel', () => {
    expect(one('woodcut').changes).toBeLessThan(0.3);
    for (const style of ['pointillism', 'brushstrokes', 'swirls']) expect(one(style).changes, style).toBeGreaterThan(0.6);
  });

  it('detail makes mosaic tiles smaller: more grout edges', () => {
    const coarse = stats(run(painting, { seed: 2, params: { style: 'mosaic', size: 96, batch: 1, detail: 0.5 } }).v, 96).edges;
    const fine = stats(run(painting, { seed: 2, params: { style: 'mosaic', size: 96, batch: 1, detail: 2 } }).v, 96).edges;
    expect(fine).toBeGreaterThan(1.5 * coarse);
  });
});

describe('static flags', () => {
  it('a painting is fixed by default (a style image), a scene is not', () => {
    expect(painting.isStatic!(painting.params.parse({}))).toBe(true);
    expect(painting.isStatic!(painting.params.parse({ fixed: false }))).toBe(false);
    expect(scene.isStatic!(scene.params.parse({}))).toBe(false);
  });
});
