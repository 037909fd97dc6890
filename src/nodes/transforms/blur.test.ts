import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { blur } from './blur';
import { expectClose, randomValues } from '../testing';
import { at, runTransform } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A direct 2-D Gaussian (not separable passes): weights exp(−(dy²+dx²)/2σ²) over the
 * (2r+1)² window, normalised, with coordinates clamped to the image (replicate padding).
 */
function gaussian2d(x: number[], shape: [number, number, number, number], sigma: number, r: number): number[] {
  const [b, h, w, c] = shape;
  const out: number[] = [];
  for (let n = 0; n < b; n++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let k = 0; k < c; k++) {
          let sum = 0;
          let norm = 0;
          for (let dy = -r; dy <= r; dy++)
            for (let dx = -r; dx <= r; dx++) {
              const wt = Math.exp(-(dy * dy + dx * dx) / (2 * sigma * sigma));
              const p = Math.min(h - 1, Math.max(0, i + dy));
              const q = Math.min(w - 1, Math.max(0, j + dx));
              sum += wt * x[at(shape, n, p, q, k)]!;
              norm += wt;
            }
          out.push(sum / norm);
        }
  return out;
}

function run(params: object, x: number[], shape: [number, number, number, number]): number[] {
  return tf.tidy(() => Array.from(runTransform(blur, { params, inputs: { in: tf.tensor4d(x, shape) } }).outputs.out!.dataSync()));
}

describe('blur', () => {
  it('keeps a constant image (and so its mean)', () => {
    const shape: [number, number, number, number] = [2, 5, 4, 3];
    const x = new Array(120).fill(0.3);
    const out = run({ sigma: 1.5 }, x, shape);
    expectClose(out, x, 0, 1e-6);
    expect(Math.abs(out.reduce((a, b) => a + b) / out.length - 0.3)).toBeLessThan(1e-6);
  });

  it.each([
    { sigma: 1, radius: 0, r: 3 },
    { sigma: 0.8, radius: 1, r: 1 },
    { sigma: 1.2, radius: 0, r: 4 }, // a radius as large as the image: padding still holds
  ])('matches a direct 2-D Gaussian (σ $sigma, radius $radius)', ({ sigma, radius, r }) => {
    const shape: [number, number, number, number] = [2, 4, 6, 3];
    const x = randomValues(144, 41);
    expectClose(run({ sigma, radius }, x, shape), gaussian2d(x, shape, sigma, r), 0, 1e-5);
  });

  it('passes gradients back with plain conv2d; every output row of the blur sums to 1', () => {
    const shape: [number, number, number, number] = [2, 4, 5, 2];
    const wts = randomValues(80, 42);
    const g = tf.tidy(() => {
      const weights = tf.tensor4d(wts, shape);
      const f = (t: tf.Tensor) => tf.sum(tf.mul(runTransform(blur, { inputs: { in: t } }).outputs.out!, weights));
      return Array.from(tf.grad(f)(tf.tensor4d(randomValues(80, 43), shape)).dataSync());
    });
    // Σ_inputs dL/dx = Σ_outputs w · (row sum of the blur matrix) = Σ w.
    expect(g.reduce((a, b) => a + b)).toBeCloseTo(wts.reduce((a, b) => a + b), 4);
    expect(g.every(Number.isFinite)).toBe(true);
  });
});
