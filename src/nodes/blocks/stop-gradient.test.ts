import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stopGradient } from './stop-gradient';
import { arr, inferFor, runBlock } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const sg = (t: tf.Tensor) => runBlock(stopGradient, { inputs: { in: t } }).outputs.out as tf.Tensor;

describe('stop-gradient', () => {
  it('passes values through and blocks the gradient', () => {
    tf.tidy(() => {
      const x = tf.tensor([[1, -2, 3]]);
      expect(arr(sg(x))).toEqual([1, -2, 3]);
      // d/dx Σ sg(x)·x = sg(x) = x: only the direct path carries gradient.
      expect(arr(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(sg(t), t)))(x))).toEqual([1, -2, 3]);
      expect(arr(tf.grad((t: tf.Tensor) => tf.sum(tf.square(sg(t))))(x))).toEqual([0, 0, 0]);
    });
  });

  it('leaks no tensor', () => {
    const x = tf.tensor([[1, 2], [3, 4]]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((t: tf.Tensor) => tf.sum(tf.mul(sg(t), t)))(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('keeps an image an image, with its range', () => {
    const img = { type: 'image' as const, shape: [2, 8, 8, 3], range: '[0,1]' as const };
    expect(inferFor(stopGradient, {}, { in: img })).toEqual({ out: img });
    expect(inferFor(stopGradient, {}, { in: { type: 'features', shape: [], layers: [] } })).toMatchObject({ code: 'rankMismatch' });
  });
});
