import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isProblem } from '../types';
import { image } from '../shape';
import { grayscale } from './grayscale';
import { expectClose, inferNode, randomValues } from '../testing';
import { at, runTransform } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('grayscale', () => {
  const shape = [2, 3, 4, 3] as const;
  const values = randomValues(2 * 3 * 4 * 3, 11);

  /** Plain-JS luma, in float64 (WORKLOADS.md A.1). */
  function lumaAt(b: number, i: number, j: number): number {
    const v = (c: number) => values[at(shape, b, i, j, c)]!;
    return 0.299 * v(0) + 0.587 * v(1) + 0.114 * v(2);
  }

  it('copies the luma into all three channels, to 1e-6', () => {
    const got = tf.tidy(() => runTransform(grayscale, { inputs: { in: tf.tensor4d(values, [...shape]) } }).outputs.out!.arraySync()) as number[][][][];
    for (let b = 0; b < 2; b++)
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 4; j++) expectClose(got[b]![i]![j]!, [lumaAt(b, i, j), lumaAt(b, i, j), lumaAt(b, i, j)], 0, 1e-6);
  });

  it('gives one channel when asked', () => {
    let signal: unknown;
    const r = tf.tidy(() => {
      const { outputs, signals } = runTransform(grayscale, { params: { channels: 1 }, inputs: { in: tf.tensor4d(values, [...shape]) } });
      signal = signals.out;
      return { shape: outputs.out!.shape, data: Array.from(outputs.out!.dataSync()) };
    });
    expect(r.shape).toEqual([2, 3, 4, 1]);
    expect(signal).toEqual(image([2, 3, 4, 1], '[-1,1]'));
    const want: number[] = [];
    for (let b = 0; b < 2; b++) for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) want.push(lumaAt(b, i, j));
    expectClose(r.data, want, 0, 1e-6);
  });

  it('reproduces the first pixel of the pix2pix-lite-64 fingerprint (WORKLOADS.md appendix)', () => {
    const y = [0.30536288, -0.379412681, 0.280360937];
    const x = tf.tidy(() => Array.from(runTransform(grayscale, { inputs: { in: tf.tensor4d(y, [1, 1, 1, 3]) } }).outputs.out!.dataSync()));
    expectClose(x, [-0.0994505882, -0.0994505882, -0.0994505882], 0, 1e-6);
  });

  it('keeps the range of its input', () => {
    const r = inferNode(grayscale, {}, { in: image([1, 4, 4, 3], '[0,1]') });
    expect(r).toEqual({ out: image([1, 4, 4, 3], '[0,1]') });
  });

  it.each([1, 4])('refuses %i-channel images', (c) => {
    const r = inferNode(grayscale, {}, { in: image([1, 4, 4, c], '[0,1]') }, { name: 'Transform' });
    expect(isProblem(r) && r.code).toBe('channelsMismatch');
    expect(isProblem(r) && r.args).toEqual({ node: 'Transform', expected: 3, got: c });
  });
});
