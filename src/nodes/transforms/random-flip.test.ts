import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../prng';
import { randomFlip } from './random-flip';
import { randomValues } from '../testing';
import { at, runTransform } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('random-flip', () => {
  const shape = [8, 3, 4, 2] as const;
  const x = randomValues(8 * 3 * 4 * 2, 31);

  function flipped(params: { horizontal: number; vertical: number }, seed: number) {
    return tf.tidy(() => {
      const run = runTransform(randomFlip, { params, inputs: { in: tf.tensor4d(x, [...shape]) }, seed });
      return { data: Array.from(run.outputs.out!.dataSync()), drawn: run.rng.drawn };
    });
  }

  it('flips each sample as its own draws decide, in batch order', () => {
    const p = { horizontal: 0.5, vertical: 0.4 };
    const r = flipped(p, 5);
    // A second stream with the same seed: per sample, the horizontal draw, then the vertical one.
    const rng = createRng(5);
    const want: number[] = [];
    const kinds = new Set<string>();
    for (let b = 0; b < 8; b++) {
      const h = rng.uniform() < p.horizontal;
      const v = rng.uniform() < p.vertical;
      kinds.add(`${h}${v}`);
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 4; j++) for (let c = 0; c < 2; c++) want.push(x[at(shape, b, v ? 2 - i : i, h ? 3 - j : j, c)]!);
    }
    expect(kinds.size).toBe(4); // this seed exercises every combination
    expect(r.data).toEqual(want);
    expect(r.drawn).toBe(16);
  });

  it('leaves images alone at chance 0 but still draws two numbers per sample', () => {
    const r = flipped({ horizontal: 0, vertical: 0 }, 5);
    expect(r.data).toEqual(x);
    expect(r.drawn).toBe(16);
  });

  it('mirrors every image at chance 1', () => {
    const r = flipped({ horizontal: 1, vertical: 0 }, 5);
    const want: number[] = [];
    for (let b = 0; b < 8; b++)
      for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) for (let c = 0; c < 2; c++) want.push(x[at(shape, b, i, 3 - j, c)]!);
    expect(r.data).toEqual(want);
  });
});
