import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, meanAll } from './reduce';
import { expectClose, randomValues } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('meanAll', () => {
  it.each([[[7]], [[3, 5]], [[2, 3, 4, 5]], [[1, 1, 6, 1]]])('is the mean of every element of %j', (shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const x = randomValues(n, n, -3, 3).map((v, i) => v + (i % 3)); // uneven rows, so a mean of wrong rows would show
    const m = tf.tidy(() => meanAll(tf.tensor(x, shape)));
    expect(m.rank).toBe(0);
    expectClose(m.dataSync()[0]!, x.reduce((a, b) => a + b, 0) / n);
    m.dispose();
  });
});

describe('formatNumber', () => {
  it.each([
    [100000, '1e5'],
    [1, '1'],
    [0.1, '0.1'],
    [2e-4, '2e-4'],
    [0.5, '0.5'],
    [0, '0'],
    [-3, '-3'],
    [1e-8, '1e-8'],
  ])('%d → %s', (x, s) => {
    expect(formatNumber(x)).toBe(s);
  });
});
