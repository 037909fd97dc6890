import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { image, tensor } from '../shape';
import { valueRanges, type ValueRange } from '../types';
import { rescale } from './rescale';
import { expectClose, inferNode } from '../testing';
import { runTransform } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** What a value should become, written out case by case. */
function expected(from: ValueRange, to: ValueRange, v: number): number {
  if (to === 'unbounded' || from === to) return v;
  if (from === 'unbounded') return to === '[0,1]' ? Math.min(1, Math.max(0, v)) : Math.min(1, Math.max(-1, v));
  if (from === '[-1,1]') return (v + 1) / 2; // to [0,1]
  return 2 * v - 1; // [0,1] to [-1,1]
}

const samples: Record<ValueRange, number[]> = {
  '[-1,1]': [-1, -0.5, 0, 0.25, 1, 0.9],
  '[0,1]': [0, 0.1, 0.5, 0.75, 1, 0.3],
  unbounded: [-3, -1, -0.2, 0.4, 1.5, 7],
};

const pairs = valueRanges.flatMap((from) => valueRanges.map((to) => [from, to] as const));

describe('rescale', () => {
  it.each(pairs)('maps %s to %s', (from, to) => {
    const xs = samples[from];
    let signal: unknown;
    const data = tf.tidy(() => {
      const { outputs, signals } = runTransform(rescale, {
        params: { to },
        inputs: { in: tf.tensor4d(xs, [1, 2, 3, 1]) },
        range: from,
      });
      signal = signals.out;
      return Array.from(outputs.out!.dataSync());
    });
    expectClose(data, xs.map((v) => expected(from, to, v)), 0, 1e-6);
    expect(signal).toEqual(image([1, 2, 3, 1], to));
  });

  it('treats a tensor as unbounded and clamps it', () => {
    const xs = samples.unbounded;
    const data = tf.tidy(() =>
      Array.from(
        runTransform(rescale, {
          params: { to: '[0,1]' },
          inputs: { in: tf.tensor4d(xs, [1, 1, 6, 1]) },
          signals: { in: tensor([1, 1, 6, 1]) },
        }).outputs.out!.dataSync(),
      ),
    );
    expectClose(data, xs.map((v) => Math.min(1, Math.max(0, v))), 0, 1e-6);
    expect(inferNode(rescale, { to: '[0,1]' }, { in: tensor([1, 1, 6, 1]) })).toEqual({ out: image([1, 1, 6, 1], '[0,1]') });
  });

  it('says the editor offers it for range mismatches', () => {
    expect(rescale.docs).toMatch(/offers this node/);
  });
});
