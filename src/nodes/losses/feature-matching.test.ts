import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureMatching } from './feature-matching';
import { expectClose, features, inferNode, randomValues } from '../testing';
import { lossValue } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** mean over the batch of a [B, …] array given flat, then mean |ā − b̄| */
function fmTerm(a: number[], ba: number, b: number[], bb: number): number {
  const n = a.length / ba;
  let s = 0;
  for (let k = 0; k < n; k++) {
    let ma = 0;
    let mb = 0;
    for (let i = 0; i < ba; i++) ma += a[i * n + k]!;
    for (let i = 0; i < bb; i++) mb += b[i * n + k]!;
    s += Math.abs(ma / ba - mb / bb);
  }
  return s / n;
}

const a1 = randomValues(3 * 16, 1);
const b1 = randomValues(2 * 16, 2);
const a2 = randomValues(3 * 6, 3);
const b2 = randomValues(2 * 6, 4);
const values = () => ({
  a: [tf.tensor(a1, [3, 2, 2, 4]), tf.tensor(a2, [3, 6])],
  b: [tf.tensor(b1, [2, 2, 2, 4]), tf.tensor(b2, [2, 6])],
});

describe('feature matching', () => {
  it('averages each batch first, then takes the mean |difference|, then the mean over layers', () => {
    const want = (fmTerm(a1, 3, b1, 2) + fmTerm(a2, 3, b2, 2)) / 2;
    expectClose(lossValue(featureMatching, {}, values()), want);
  });

  it('uses only the chosen layers', () => {
    expectClose(lossValue(featureMatching, { layers: [1] }, values()), fmTerm(a2, 3, b2, 2));
  });

  it('is zero when the two batches have the same average', () => {
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const y = tf.tensor([2, 3], [1, 2]);
    expect(lossValue(featureMatching, {}, { a: [x], b: [y] })).toBeCloseTo(0, 7);
  });

  it('needs layers of the same shape apart from the batch', () => {
    expect(inferNode(featureMatching, {}, { a: features([3, 4, 4, 8]), b: features([2, 4, 4, 8]) })).toHaveProperty('loss');
    expect(inferNode(featureMatching, {}, { a: features([3, 4, 4, 8]), b: features([2, 2, 2, 8]) })).toMatchObject({ code: 'layerMismatch', port: 'b' });
    expect(inferNode(featureMatching, { layers: [3] }, { a: features([3, 4]), b: features([2, 4]) })).toMatchObject({ code: 'layerOutOfRange', port: 'a' });
  });
});
