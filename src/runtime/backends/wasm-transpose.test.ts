/**
 * The wasm Transpose of wasm-overrides.ts / wasm-transpose.ts against tfjs's cpu kernel, exactly,
 * over ranks, dtypes, axes of size 1 and sizes on both sides of where it takes over from wasm's
 * own; the axis merging it rests on; and for leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { data, wasmKernelSuite, on } from './testing';
import { mergeAxes, swapPlan } from './wasm-transpose';

const suite = wasmKernelSuite();



const t = (shape: number[], dtype: 'float32' | 'int32' | 'bool') => {
  const d = data(shape, 3).values;
  return tf.tensor(dtype === 'float32' ? d : d.map((v) => (dtype === 'bool' ? (v > 0 ? 1 : 0) : Math.round(v * 1000))), shape, dtype);
};

describe('merging axes', () => {
  it.each([
    [[16384, 32], [1, 0], [16384, 32], [1, 0]],
    [[2, 128, 128, 16], [1, 2, 0, 3], [2, 16384, 16], [1, 0, 2]],
    [[3, 3, 64, 128], [0, 1, 3, 2], [9, 64, 128], [0, 2, 1]],
    [[2, 1, 5, 7], [2, 1, 0, 3], [2, 5, 7], [1, 0, 2]],
    [[2, 5, 1, 7], [3, 2, 0, 1], [10, 7], [1, 0]],
    [[1, 4, 1], [2, 1, 0], [4], [0]],
    [[2, 3, 4], [2, 1, 0], [2, 3, 4], [2, 1, 0]],
  ])('%j by %j is %j by %j', (shape, perm, merged, mergedPerm) => {
    expect(mergeAxes(shape, perm)).toEqual({ shape: merged, perm: mergedPerm });
  });
  it('takes only a swap of two blocks', () => {
    expect(swapPlan([2, 3, 4], [2, 1, 0])).toBeUndefined();
    expect(swapPlan([5, 6, 7, 8], [0, 2, 1, 3])).toEqual({ outer: 5, r: 6, q: 7, run: 8 });
    expect(swapPlan([5, 6], [0, 1])).toEqual({ outer: 1, r: 1, q: 1, run: 30 });
  });
});

describe('Transpose on wasm', () => {
  const cases: [number[], number[]][] = [
    [[16384, 32], [1, 0]],
    [[300, 97], [1, 0]],
    [[2, 4096, 9], [0, 2, 1]],
    [[3, 70, 1, 90], [0, 3, 2, 1]],
    [[2, 129, 131, 3], [0, 1, 3, 2]],
    [[3, 3, 64, 128], [0, 1, 3, 2]],
    [[2, 33, 35, 16], [1, 2, 0, 3]],
    [[2, 128, 128, 3], [3, 1, 2, 0]],
    [[5, 7], [1, 0]],
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('equals cpu: %s', async (_n, [shape, perm]) => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const want = await on('cpu', () => tf.transpose(t(shape, dtype), perm));
      const got = await on('wasm', () => tf.transpose(t(shape, dtype), perm));
      expect(got, `${dtype} transpose`).toEqual(want);
    }
  });
  it('gives a Gram matrix over many pixels its value and gradient', async () => {
    const f = () => tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.matMul(x as tf.Tensor3D, x as tf.Tensor3D, true, false))))(t([2, 4096, 8], 'float32'));
    const want = await on('cpu', f);
    const got = await on('wasm', f);
    expect(got[0]!.shape).toEqual(want[0]!.shape);
    got[0]!.values.forEach((v, i) => expect(Math.abs(v - want[0]!.values[i]!)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(want[0]!.values[i]!))));
  });
});

it('leaves no tensor and no buffer behind on wasm', async () => {
  await tf.setBackend('wasm');
  const x = tf.ones([300, 97]);
  tf.tidy(() => {
    tf.transpose(x);
    tf.transpose(tf.reshape(x, [3, 100, 97]), [0, 2, 1]);
  });
  x.dispose();
  expect(suite.counts(), 'tensors, backend buffers').toEqual(suite.atStart);
});
