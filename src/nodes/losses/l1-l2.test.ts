import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { image, tensor, vector } from '../shape';
import { l1 } from './l1';
import { l2 } from './l2';
import { expectClose, inferNode, randomValues } from '../testing';
import { lossValue } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const shape = [2, 3, 2, 2];
const n = 24;
const a = randomValues(n, 11);
const b = randomValues(n, 12);
const b1 = randomValues(n / 2, 13); // a batch of 1

function lossValueTensor(def: typeof l1 | typeof l2, a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return def.build!({ params: {} } as never, { a, b }).loss as tf.Scalar;
}

/** mean over all pairs, b's single item repeated over a's batch when it has one item. */
function pixelLoss(f: (d: number) => number, x: number[], y: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += f(x[i]! - y[i % y.length]!);
  return s / x.length;
}

describe.each([
  ['l1', l1, (d: number) => Math.abs(d)],
  ['l2', l2, (d: number) => d * d],
] as const)('%s', (_name, def, f) => {
  it('matches plain loops on equal batches', () => {
    expectClose(lossValue(def, {}, { a: tf.tensor(a, shape), b: tf.tensor(b, shape) }), pixelLoss(f, a, b));
  });

  it('broadcasts a batch of 1 over the other side, on either side', () => {
    const want = pixelLoss(f, a, b1);
    expectClose(lossValue(def, {}, { a: tf.tensor(a, shape), b: tf.tensor(b1, [1, 3, 2, 2]) }), want);
    expectClose(lossValue(def, {}, { a: tf.tensor(b1, [1, 3, 2, 2]), b: tf.tensor(a, shape) }), want);
  });

  it('sends a batch-1 side the gradient summed over the batch it was compared with', () => {
    // tfjs 4.22's squaredDifference gradient misses this reduction (a trainable image
    // compared with a batch would fail), so the losses must not use it.
    const x = tf.tensor(a, shape);
    const one = tf.tensor(b1, [1, 3, 2, 2]);
    const g = tf.grad((y: tf.Tensor) => lossValueTensor(def, x, y))(one);
    expect(g.shape).toEqual([1, 3, 2, 2]);
    const eps = 1e-2;
    const k = 5;
    const bump = (d: number) => b1.map((v, i) => (i === k ? v + d : v));
    const numeric = (pixelLoss(f, a, bump(eps)) - pixelLoss(f, a, bump(-eps))) / (2 * eps);
    expectClose(g.dataSync()[k]!, numeric, 1e-3, 1e-6);
  });

  it('works on vectors', () => {
    expectClose(lossValue(def, {}, { a: tf.tensor(a, [4, 6]), b: tf.tensor(b, [4, 6]) }), pixelLoss(f, a, b));
  });

  it('names port b when the shapes differ', () => {
    expect(inferNode(def, {}, { a: tensor([2, 8, 8, 3]), b: tensor([2, 4, 4, 3]) })).toMatchObject({
      code: 'sizeMismatch',
      port: 'b',
      args: { a: '2×8×8×3', b: '2×4×4×3' },
    });
    expect(inferNode(def, {}, { a: tensor([2, 4, 4, 3]), b: vector([2, 48]) })).toMatchObject({ code: 'sizeMismatch', port: 'b' });
  });

  it('refuses batches that do not broadcast', () => {
    expect(inferNode(def, {}, { a: tensor([2, 4, 4, 3]), b: tensor([3, 4, 4, 3]) })).toMatchObject({
      code: 'batchMismatch',
      port: 'b',
      args: { a: 2, b: 3 },
    });
  });

  it('refuses images of different ranges, and accepts an image against a tensor', () => {
    expect(inferNode(def, {}, { a: image([1, 4, 4, 3], '[-1,1]'), b: image([1, 4, 4, 3], '[0,1]') })).toMatchObject({
      code: 'lossRangeMismatch',
      port: 'b',
      args: { a: '[-1,1]', b: '[0,1]' },
    });
    expect(inferNode(def, {}, { a: image([1, 4, 4, 3], '[0,1]'), b: image([1, 4, 4, 3], '[0,1]') })).toHaveProperty('loss');
    expect(inferNode(def, {}, { a: image([1, 4, 4, 3], '[0,1]'), b: tensor([1, 4, 4, 3]) })).toHaveProperty('loss');
  });

  it('reports a missing input by its port', () => {
    expect(inferNode(def, {}, { b: tensor([1, 4, 4, 3]) })).toMatchObject({ code: 'missingInput', port: 'a' });
  });
});
