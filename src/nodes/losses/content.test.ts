import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { content } from './content';
import { expectClose, features, inferNode, randomValues } from '../testing';
import { lossValue } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const f1 = [2, 4, 4, 3];
const f2 = [2, 2, 2, 5];
const a = [randomValues(96, 1), randomValues(40, 2)];
const b = [randomValues(96, 3), randomValues(40, 4)];
const mse = (x: number[], y: number[]) => x.reduce((s, v, i) => s + (v - y[i % y.length]!) ** 2, 0) / x.length;
const values = (bShape2 = f2, b2 = b[1]!) => ({
  input: [tf.tensor(a[0]!, f1), tf.tensor(a[1]!, f2)],
  target: [tf.tensor(b[0]!, f1), tf.tensor(b2, bShape2)],
});

describe('content loss', () => {
  it('compares the second layer by default (layer 1, counting from 0)', () => {
    expectClose(lossValue(content, {}, values()), mse(a[1]!, b[1]!));
  });

  it('compares the chosen layer', () => {
    expectClose(lossValue(content, { layer: 0 }, values()), mse(a[0]!, b[0]!));
  });

  it('broadcasts a target batch of 1', () => {
    const one = randomValues(20, 9);
    expectClose(lossValue(content, {}, values([1, 2, 2, 5], one)), mse(a[1]!, one));
  });

  it('reports a layer index beyond the features', () => {
    const fs = features(f1, f2);
    expect(inferNode(content, { layer: 2 }, { input: fs, target: fs })).toMatchObject({
      code: 'layerOutOfRange',
      port: 'input',
      args: { layer: 2, count: 2 },
    });
    expect(inferNode(content, { layer: 1 }, { input: fs, target: features(f1) })).toMatchObject({ code: 'layerOutOfRange', port: 'target' });
  });

  it('reports layers of different sizes or batches', () => {
    expect(inferNode(content, { layer: 0 }, { input: features(f1), target: features([2, 4, 4, 6]) })).toMatchObject({
      code: 'layerMismatch',
      port: 'target',
      args: { detail: 'f1: 2×4×4×3 and 2×4×4×6' },
    });
    expect(inferNode(content, { layer: 0 }, { input: features(f1), target: features([3, 4, 4, 3]) })).toMatchObject({ code: 'batchMismatch' });
    expect(inferNode(content, { layer: 0 }, { input: features(f1), target: features([1, 4, 4, 3]) })).toHaveProperty('loss');
  });
});
