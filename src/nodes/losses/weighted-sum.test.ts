import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scalar } from '../shape';
import { expectClose, inferNode, portsOf, runNode } from '../testing';
import { lossValue } from './testing';
import { weightedSum } from './weighted-sum';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ports = (p: unknown) => portsOf(weightedSum, p);

describe('weighted sum', () => {
  it('has one scalar port per term', () => {
    expect(ports({ count: 3 }).map((p) => [p.name, p.type])).toEqual([
      ['t1', 'scalar'],
      ['t2', 'scalar'],
      ['t3', 'scalar'],
    ]);
  });

  it('adds the terms times their weights, missing weights being 1', () => {
    const t = { t1: tf.scalar(2e-5), t2: tf.scalar(0.2), t3: tf.scalar(0.35) };
    expectClose(lossValue(weightedSum, { count: 3, weights: [1e5, 1, 0.1] }, t), 1e5 * 2e-5 + 0.2 + 0.1 * 0.35);
    expectClose(lossValue(weightedSum, { count: 3, weights: [3] }, t), 3 * 2e-5 + 0.2 + 0.35);
    expectClose(lossValue(weightedSum, { count: 1 }, { t1: tf.scalar(0.7) }), 0.7);
  });

  it('passes each term its weight as gradient', () => {
    const g = tf.tidy(() =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        runNode(weightedSum, { params: { weights: [0.5, -2] }, inputs: { t1: a, t2: b } }).outputs.loss as tf.Scalar,
      )([tf.scalar(1), tf.scalar(3)]),
    );
    expectClose(g.flatMap((t) => Array.from(t.dataSync())), [0.5, -2]);
    tf.dispose(g);
  });

  it('needs every term wired', () => {
    expect(inferNode(weightedSum, { count: 2 }, { t1: scalar })).toMatchObject({ code: 'missingInput', port: 't2' });
  });

  it('summarises as the formula', () => {
    expect(weightedSum.summarize!(weightedSum.params.parse({ count: 3, weights: [1e5, 1, 0.1] }))).toBe('1e5·t1 + 1·t2 + 0.1·t3');
    expect(weightedSum.summarize!(weightedSum.params.parse({}))).toBe('1·t1 + 1·t2');
  });
});
