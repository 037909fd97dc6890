import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNorm } from './batch-norm';
import { expectNear, inferNode, runNode, uniform, valuesOf, weightsFor } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Per-channel mean and biased variance over every row of a [rows, C] view. */
function stats(v: ArrayLike<number>, C: number): { mean: number[]; variance: number[]; n: number } {
  const n = v.length / C;
  const mean = Array.from({ length: C }, (_, c) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += v[r * C + c]!;
    return s / n;
  });
  const variance = mean.map((m, c) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += (v[r * C + c]! - m) ** 2;
    return s / n;
  });
  return { mean, variance, n };
}

const weights = () => ({
  gamma: tf.tensor([1.5, 0.5]),
  beta: tf.tensor([0.2, -0.1]),
  movingMean: tf.tensor([0.3, -1]),
  movingVar: tf.tensor([2, 0.5]),
});

describe('batch-norm', () => {
  it.each([
    ['a feature map', [3, 2, 2, 2]],
    ['a vector', [5, 2]],
  ])('training on %s normalises with batch statistics and updates the running ones', (_n, shape) => {
    tf.tidy(() => {
      const x = tf.add(tf.mul(uniform(shape, 61), [1, 3]), [2, -1]);
      const r = runNode(batchNorm, { params: { momentum: 0.8 }, inputs: { in: x }, weights: weights(), training: true });
      const xv = x.dataSync();
      const { mean, variance, n } = stats(xv, 2);
      const g = [1.5, 0.5];
      const b = [0.2, -0.1];
      const want = Array.from(xv, (v, i) => g[i % 2]! * ((v - mean[i % 2]!) / Math.sqrt(variance[i % 2]! + 1e-5)) + b[i % 2]!);
      expectNear(valuesOf(r.outputs.out), want, 2e-5);
      expect(r.signals.out!.type).toBe(shape.length === 2 ? 'vector' : 'tensor');
      // running = momentum·running + (1−momentum)·batch; the variance is the unbiased one.
      expectNear(valuesOf(r.assigned.movingMean), [0.8 * 0.3 + 0.2 * mean[0]!, 0.8 * -1 + 0.2 * mean[1]!], 1e-5);
      const unbiased = variance.map((v) => (v * n) / (n - 1));
      expectNear(valuesOf(r.assigned.movingVar), [0.8 * 2 + 0.2 * unbiased[0]!, 0.8 * 0.5 + 0.2 * unbiased[1]!], 1e-5);
    });
  });

  it('outside training uses the running statistics and assigns nothing', () => {
    tf.tidy(() => {
      const x = uniform([2, 2, 2, 2], 62);
      const r = runNode(batchNorm, { inputs: { in: x }, weights: weights(), training: false });
      const mm = [0.3, -1];
      const mv = [2, 0.5];
      const want = Array.from(x.dataSync(), (v, i) => [1.5, 0.5][i % 2]! * ((v - mm[i % 2]!) / Math.sqrt(mv[i % 2]! + 1e-5)) + [0.2, -0.1][i % 2]!);
      expectNear(valuesOf(r.outputs.out), want, 1e-5);
      expect(Object.keys(r.assigned)).toEqual([]);
    });
  });

  it('running statistics never feed the training output or its gradient', () => {
    tf.tidy(() => {
      const x = uniform([4, 2, 2, 2], 63);
      const run = (mm: number, mv: number) => {
        const w = { ...weights(), movingMean: tf.fill([2], mm), movingVar: tf.fill([2], mv) };
        const f = (t: tf.Tensor) => tf.sum(tf.mul(runNode(batchNorm, { inputs: { in: t }, weights: w }).outputs.out as tf.Tensor, tf.range(0, 32).reshape([4, 2, 2, 2])));
        return { y: valuesOf(f(x)), g: valuesOf(tf.grad(f)(x)) };
      };
      const a = run(0, 1);
      const b = run(5, 9);
      expect(a.y).toEqual(b.y);
      expect(a.g).toEqual(b.g);
      expect(a.g.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    });
  });

  it('declares gamma and beta trainable, the running statistics not', () => {
    expect(weightsFor(batchNorm, {}, { in: { type: 'vector', shape: [8, 3] } })).toEqual([
      { name: 'gamma', shape: [3], init: 'ones', trainable: true },
      { name: 'beta', shape: [3], init: 'zeros', trainable: true },
      { name: 'movingMean', shape: [3], init: 'zeros', trainable: false },
      { name: 'movingVar', shape: [3], init: 'ones', trainable: false },
    ]);
    expect(inferNode(batchNorm, {}, { in: { type: 'scalar', shape: [] } })).toMatchObject({ code: 'rankMismatch', port: 'in' });
  });
});
