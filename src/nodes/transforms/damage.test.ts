import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../prng';
import { image } from '../shape';
import type { ValueRange } from '../types';
import { damage } from './damage';
import { expectClose, inferNode, randomValues } from '../testing';
import { runTransform } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const shape: [number, number, number, number] = [3, 24, 20, 3];
const size = 3 * 24 * 20 * 3;

function run(params: object, x: number[], seed: number, range: ValueRange = '[-1,1]') {
  return tf.tidy(() => {
    const r = runTransform(damage, { params, inputs: { in: tf.tensor4d(x, shape) }, seed, range });
    return {
      out: Array.from(r.outputs.out!.dataSync()),
      mask: Array.from(r.outputs.mask!.dataSync()),
      maskShape: r.outputs.mask!.shape,
      drawn: r.rng.drawn,
    };
  });
}

describe('damage', () => {
  const x = randomValues(size, 51);
  const params = { scratches: 3, holes: 2, stains: 2 };

  it('is deterministic given the stream, and differs between streams', () => {
    const a = run(params, x, 7);
    const b = run(params, x, 7);
    const c = run(params, x, 8);
    expect(a.mask).toEqual(b.mask);
    expect(a.out).toEqual(b.out);
    expect(a.mask).not.toEqual(c.mask);
    // Per sample: 5 numbers per scratch, 3 per hole, 4 per stain.
    expect(a.drawn).toBe(3 * (3 * 5 + 2 * 3 + 2 * 4));
  });

  it('gives a one-channel mask in [0,1] and leaves every pixel with mask 0 exactly as it was', () => {
    const r = run(params, x, 7);
    expect(r.maskShape).toEqual([3, 24, 20, 1]);
    expect(r.mask.every((m) => m >= 0 && m <= 1)).toBe(true);
    const untouched = r.mask.map((m, p) => (m === 0 ? p : -1)).filter((p) => p >= 0);
    const damaged = r.mask.filter((m) => m > 0).length;
    expect(untouched.length).toBeGreaterThan(0);
    expect(damaged).toBeGreaterThan(0);
    for (const p of untouched) for (let c = 0; c < 3; c++) expect(r.out[p * 3 + c]).toBe(x[p * 3 + c]);
    // …and changes the pixels it damages.
    const changed = r.mask.filter((m, p) => m > 0.5 && r.out[p * 3] !== x[p * 3]).length;
    expect(changed).toBe(r.mask.filter((m) => m > 0.5).length);
  });

  it('fills the centre of each hole with the fill colour, where the stream says', () => {
    const r = run({ scratches: 0, holes: 2, stains: 0, fill: 0.25 }, x, 3);
    const rng = createRng(3);
    let checked = 0;
    for (let b = 0; b < 3; b++)
      for (let k = 0; k < 2; k++) {
        const cx = rng.uniform() * 20;
        const cy = rng.uniform() * 24;
        const radius = (0.02 + 0.06 * rng.uniform()) * 20 + 0.5;
        const [i, j] = [Math.floor(cy), Math.floor(cx)];
        // Only where the pixel centre lies fully inside the (anti-aliased) disk.
        if (radius + 0.5 - Math.hypot(j + 0.5 - cx, i + 0.5 - cy) < 1) continue;
        checked++;
        const p = (b * 24 + i) * 20 + j;
        expect(r.mask[p]).toBe(1);
        // 0.25 in [0,1] terms is −0.5 in [-1,1].
        expectClose([r.out[p * 3]!, r.out[p * 3 + 1]!, r.out[p * 3 + 2]!], [-0.5, -0.5, -0.5], 0, 1e-6);
      }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('stains only darken, towards brown (red kept most, blue least)', () => {
    const light = new Array(size).fill(0.8);
    const r = run({ scratches: 0, holes: 0, stains: 3, strength: 1 }, light, 4, '[0,1]');
    let stained = 0;
    r.mask.forEach((m, p) => {
      const [red, green, blue] = [r.out[p * 3]!, r.out[p * 3 + 1]!, r.out[p * 3 + 2]!];
      expect(blue).toBeLessThanOrEqual(green);
      expect(green).toBeLessThanOrEqual(red);
      expect(red).toBeLessThanOrEqual(0.8 + 1e-7);
      if (m > 0.5) {
        stained++;
        expect(blue).toBeLessThan(0.8);
      }
    });
    expect(stained).toBeGreaterThan(0);
  });

  it('damages [-1,1] and [0,1] images alike', () => {
    const x01 = randomValues(size, 52, 0, 1);
    const a = run(params, x01, 9, '[0,1]');
    const b = run(params, x01.map((v) => 2 * v - 1), 9, '[-1,1]');
    expect(b.mask).toEqual(a.mask);
    expectClose(b.out, a.out.map((v) => 2 * v - 1), 0, 1e-5);
  });

  it('keeps the range and adds a [0,1] mask output', () => {
    expect(inferNode(damage, {}, { in: image([2, 8, 8, 3], '[0,1]') })).toEqual({
      out: image([2, 8, 8, 3], '[0,1]'),
      mask: image([2, 8, 8, 1], '[0,1]'),
    });
  });
});
