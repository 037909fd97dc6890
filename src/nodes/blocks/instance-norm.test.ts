import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instanceNorm, instanceNormalize } from './instance-norm';
import { instanceNormRef } from './reference';
import { expectNear, inferNode, runNode, uniform, weightsFor } from '../testing';
import { toArr4 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('instance-norm', () => {
  it('matches per-sample, per-channel loops with gamma and beta', () => {
    tf.tidy(() => {
      // An offset and scale per channel, so a wrong reduction axis shows.
      const x = tf.add(tf.mul(uniform([2, 3, 5, 3], 51), [1, 4, 0.5]), [3, -2, 0]);
      const gamma = tf.tensor([1.5, -0.5, 2]);
      const beta = tf.tensor([0.1, 0.2, -0.3]);
      const r = runNode(instanceNorm, { inputs: { in: x }, weights: { gamma, beta } });
      const want = instanceNormRef(toArr4(x), 1e-5, gamma.dataSync(), beta.dataSync());
      expect(toArr4(r.outputs.out).shape).toEqual([2, 3, 5, 3]);
      expectNear(toArr4(r.outputs.out).data, want.data, 2e-5);
    });
  });

  it('uses eps and has no weights without affine', () => {
    tf.tidy(() => {
      const x = tf.mul(uniform([1, 2, 2, 2], 52), 0.01);
      const r = runNode(instanceNorm, { params: { affine: false, eps: 1e-3 }, inputs: { in: x } });
      expect(r.specs).toEqual([]);
      expectNear(toArr4(r.outputs.out).data, instanceNormRef(toArr4(x), 1e-3).data, 1e-5);
    });
  });

  it('exports the normalisation alone', () => {
    tf.tidy(() => {
      const x = uniform([2, 4, 4, 2], 53);
      expectNear(toArr4(instanceNormalize(x as tf.Tensor4D, 1e-5)).data, instanceNormRef(toArr4(x), 1e-5).data, 2e-5);
    });
  });

  it('declares gamma (ones) and beta (zeros) per channel', () => {
    const specs = weightsFor(instanceNorm, {}, { in: { type: 'tensor', shape: [1, 8, 8, 6] } });
    expect(specs).toEqual([
      { name: 'gamma', shape: [6], init: 'ones', trainable: true },
      { name: 'beta', shape: [6], init: 'zeros', trainable: true },
    ]);
    expect(inferNode(instanceNorm, {}, { in: { type: 'vector', shape: [2, 6] } })).toMatchObject({ code: 'rankMismatch' });
  });
});
