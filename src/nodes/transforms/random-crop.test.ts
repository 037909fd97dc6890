import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../prng';
import { image } from '../shape';
import { isProblem } from '../types';
import { randomCrop } from './random-crop';
import { inferNode, testSettings } from '../testing';
import { at, runTransform } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('random-crop', () => {
  const shape = [4, 7, 5, 2] as const;
  const x = Array.from({ length: 4 * 7 * 5 * 2 }, (_, i) => i);

  it('cuts each sample at the offset its own draws give, in batch order', () => {
    const size = 3;
    const r = tf.tidy(() => {
      const run = runTransform(randomCrop, { params: { size }, inputs: { in: tf.tensor4d(x, [...shape]) }, seed: 9 });
      return { data: Array.from(run.outputs.out!.dataSync()), shape: run.outputs.out!.shape, drawn: run.rng.drawn };
    });
    expect(r.shape).toEqual([4, size, size, 2]);
    // A second stream with the same seed: per sample, top from (7−3+1) rows, then left from (5−3+1) columns.
    const rng = createRng(9);
    const want: number[] = [];
    const offsets: string[] = [];
    for (let b = 0; b < 4; b++) {
      const top = Math.floor(rng.uniform() * 5);
      const left = Math.floor(rng.uniform() * 3);
      offsets.push(`${top},${left}`);
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) for (let c = 0; c < 2; c++) want.push(x[at(shape, b, top + i, left + j, c)]!);
    }
    expect(new Set(offsets).size).toBeGreaterThan(1); // the seed gives samples different crops
    expect(r.data).toEqual(want);
    expect(r.drawn).toBe(8);
  });

  it('takes the whole image when the crop is as large as it', () => {
    const data = tf.tidy(() =>
      Array.from(runTransform(randomCrop, { params: { size: 5 }, inputs: { in: tf.tensor4d(x.slice(0, 50), [1, 5, 5, 2]) } }).outputs.out!.dataSync()),
    );
    expect(data).toEqual(x.slice(0, 50));
  });

  it('uses the graph image size when size is 0, and keeps the range', () => {
    const r = inferNode(randomCrop, {}, { in: image([2, 20, 30, 3], '[0,1]') });
    expect(r).toEqual({ out: image([2, testSettings.imageSize, testSettings.imageSize, 3], '[0,1]') });
  });

  it.each([
    [6, 5],
    [5, 6],
  ])('refuses a crop larger than a %i×%i input', (h, w) => {
    const r = inferNode(randomCrop, { size: 6 }, { in: image([1, h, w, 3], '[0,1]') }, { name: 'Transform' });
    expect(isProblem(r) && r.code).toBe('cropTooLarge');
    expect(isProblem(r) && r.args).toEqual({ node: 'Transform', size: 6, h, w });
  });

  it('is a random graph node', () => {
    expect(randomCrop.random).toBe(true);
    expect(randomCrop.where).toBe('graph');
  });
});
