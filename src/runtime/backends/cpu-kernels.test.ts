/**
 * Ganvas's cpu Conv2DBackpropFilter against tfjs-backend-cpu's own, over the table of
 * convolutions the wasm kernels are checked on; through tf.grads; and for leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpuKernelOptions } from './cpu-kernels';
import { initNodeBackend } from './node';
import { caseShapes, convCases, data, describeCase, expectAgree, type ConvCase } from './testing';

let tensorsAtStart = 0;
beforeAll(async () => {
  await initNodeBackend('cpu');
  tensorsAtStart = tf.memory().numTensors;
  tf.env().set('IS_TEST', true);
});

afterAll(() => tf.env().set('IS_TEST', false));

function filterGrad(c: ConvCase, fast: boolean): Float32Array {
  cpuKernelOptions.fastBackpropFilter = fast;
  try {
    const { filter, dy } = caseShapes(c);
    return tf.tidy(() => {
      const inputs = { x: tf.tensor(data(c.x, 1).values, c.x), dy: tf.tensor(data(dy, 2).values, dy) };
      const attrs = { strides: c.s, pad: c.pad, dimRoundingMode: c.rounding, dataFormat: 'NHWC', dilations: 1, filterShape: filter };
      return (tf.engine().runKernel(tf.Conv2DBackpropFilter, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor).dataSync() as Float32Array;
    });
  } finally {
    cpuKernelOptions.fastBackpropFilter = true;
  }
}

describe('Conv2DBackpropFilter on cpu', () => {
  it.each(convCases().map((c) => [describeCase(c), c] as const))("equals tfjs's own: %s", (_n, c) => {
    expectAgree(filterGrad(c, true), filterGrad(c, false), describeCase(c), 1e-5);
  });

  it('is the weight gradient tf.grads computes for a strided conv', () => {
    const g = tf.tidy(() => {
      const x = tf.tensor(data([2, 9, 9, 3], 4).values, [2, 9, 9, 3]) as tf.Tensor4D;
      const f = (k: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, k as tf.Tensor4D, 2, 'same')));
      const k = tf.tensor(data([4, 4, 3, 5], 5).values, [4, 4, 3, 5]);
      const fast = tf.grad(f)(k).dataSync();
      cpuKernelOptions.fastBackpropFilter = false;
      const own = tf.grad(f)(k).dataSync();
      cpuKernelOptions.fastBackpropFilter = true;
      return { fast, own };
    });
    expectAgree(g.fast, g.own, 'grad', 1e-5);
  });

  it('leaves nothing behind', () => {
    expect(tf.memory().numTensors).toBe(tensorsAtStart);
  });
});
