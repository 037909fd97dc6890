import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { image } from '../shape';
import { isProblem } from '../types';
import { sobel } from './sobel';
import { expectClose, inferNode } from '../testing';
import { runTransform } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Plain-JS Sobel magnitude of a one-channel h×w image, edges replicated. */
function sobelMagnitude(g: number[][]): number[][] {
  const h = g.length;
  const w = g[0]!.length;
  const v = (i: number, j: number) => g[Math.min(h - 1, Math.max(0, i))]![Math.min(w - 1, Math.max(0, j))]!;
  return g.map((row, i) =>
    row.map((_, j) => {
      const gx = v(i - 1, j + 1) + 2 * v(i, j + 1) + v(i + 1, j + 1) - v(i - 1, j - 1) - 2 * v(i, j - 1) - v(i + 1, j - 1);
      const gy = v(i + 1, j - 1) + 2 * v(i + 1, j) + v(i + 1, j + 1) - v(i - 1, j - 1) - 2 * v(i - 1, j) - v(i - 1, j + 1);
      return Math.hypot(gx, gy);
    }),
  );
}

function run(params: object, x: number[], shape: [number, number, number, number], range: '[0,1]' | '[-1,1]' = '[0,1]') {
  return tf.tidy(() => {
    const out = runTransform(sobel, { params, inputs: { in: tf.tensor4d(x, shape) }, range }).outputs.out!;
    return { data: Array.from(out.dataSync()), shape: out.shape };
  });
}

describe('sobel', () => {
  // A step edge, dark on the left, light on the right, with a notch so both directions occur.
  const grey = [
    [0, 0, 0, 1, 1, 1],
    [0, 0, 0, 1, 1, 1],
    [0, 0, 1, 1, 1, 1],
    [0, 0, 0, 1, 1, 1],
    [0, 0, 0, 1, 1, 1],
  ];
  const mag = sobelMagnitude(grey).flat();
  const peak = Math.max(...mag);

  it('finds a step edge, scaled so the strongest edge is 1 ([0,1])', () => {
    const r = run({ channels: 1, range: '[0,1]' }, grey.flat(), [1, 5, 6, 1]);
    expect(r.shape).toEqual([1, 5, 6, 1]);
    expectClose(r.data, mag.map((m) => m / peak), 0, 1e-5);
    expect(r.data[0]).toBe(0); // flat corner, away from the edge
  });

  it('scales each image of a batch by its own strongest edge', () => {
    const r = run({ channels: 1, range: '[0,1]' }, [...grey.flat(), ...grey.flat().map((v) => 0.2 + 0.5 * v)], [2, 5, 6, 1]);
    expectClose(r.data, [...mag, ...mag].map((m) => m / peak), 0, 1e-5);
  });

  it('works on the luma of colour images, into [-1,1] with three channels', () => {
    // Equal channels have luma equal to the grey value; a [-1,1] input only changes the scale.
    const rgb = grey.flat().flatMap((v) => [2 * v - 1, 2 * v - 1, 2 * v - 1]);
    const r = run({ channels: 3, range: '[-1,1]' }, rgb, [1, 5, 6, 3], '[-1,1]');
    expectClose(r.data, mag.flatMap((m) => [2 * (m / peak) - 1, 2 * (m / peak) - 1, 2 * (m / peak) - 1]), 0, 1e-5);
  });

  it('gives a flat image no edges and a finite gradient', () => {
    const r = run({ channels: 1, range: '[0,1]' }, new Array(12).fill(0.4), [1, 3, 4, 1]);
    // The filter's float32 rounding leaves at most a trace; MIN_PEAK keeps it from being amplified.
    expect(Math.max(...r.data.map(Math.abs))).toBeLessThan(1e-5);
    const g = tf.tidy(() => {
      const f = (t: tf.Tensor) => tf.sum(runTransform(sobel, { params: { channels: 1 }, inputs: { in: t }, range: '[0,1]' }).outputs.out!);
      return Array.from(tf.grad(f)(tf.fill([1, 3, 4, 3], 0.4)).dataSync());
    });
    expect(g.every(Number.isFinite)).toBe(true);
  });

  it('says the output range and refuses 2-channel images', () => {
    expect(inferNode(sobel, { range: '[0,1]' }, { in: image([2, 4, 4, 3], '[-1,1]') })).toEqual({ out: image([2, 4, 4, 3], '[0,1]') });
    const r = inferNode(sobel, {}, { in: image([2, 4, 4, 2], '[-1,1]') });
    expect(isProblem(r) && r.code).toBe('channelsMismatch');
  });
});
