import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stopGradient } from './stop-gradient';
import { inferNode, runNode, valuesOf } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const sg = (t: tf.Tensor) => runNode(stopGradient, { inputs: { in: t } }).outputs.out as tf.Tensor;

describe('stop-gradient', () => {
  it('passes values through and blocks the gradient', () => {
    tf.tidy(() => {
      const x = tf.tensor([[1, -2, 3]]);
      expect(valuesOf(sg(x))).toEqual([1, -2, 3]);
      // d/dx Σ sg(x)·x = sg(x) = x: only the direct path carries gradient.
      expect(valuesOf(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(sg(t), t)))(x))).toEqual([1, -2, 3]);
      expect(valuesOf(tf.grad((t: tf.Tensor) => tf.sum(tf.square(sg(t))))(x))).toEqual([0, 0, 0]);
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
    expect(inferNode(stopGradient, {}, { in: img })).toEqual({ out: img });
    expect(inferNode(stopGradient, {}, { in: { type: 'features', shape: [], layers: [] } })).toMatchObject({ code: 'rankMismatch' });
  });
});
