import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activation } from './activation';
import { expectNear, inferNode, runNode, valuesOf } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const xs = [-3, -0.5, 0, 0.25, 2, 7];

describe('activation', () => {
  it.each([
    ['relu', {}, (v: number) => Math.max(v, 0)],
    ['leaky-relu', {}, (v: number) => (v < 0 ? 0.2 * v : v)],
    ['leaky-relu', { slope: 0.01 }, (v: number) => (v < 0 ? 0.01 * v : v)],
    ['tanh', {}, Math.tanh],
    ['sigmoid', {}, (v: number) => 1 / (1 + Math.exp(-v))],
  ] as const)('%s %o matches its formula', (fn, extra, f) => {
    tf.tidy(() => {
      const r = runNode(activation, { params: { fn, ...extra }, inputs: { in: tf.tensor(xs, [2, 3]) } });
      expectNear(valuesOf(r.outputs.out), xs.map(f), 1e-6);
    });
  });

  it('keeps vectors vectors and maps tensors (an image stops being one)', () => {
    expect(inferNode(activation, {}, { in: { type: 'vector', shape: [2, 3] } })).toEqual({ out: { type: 'vector', shape: [2, 3] } });
    expect(inferNode(activation, {}, { in: { type: 'image', shape: [2, 4, 4, 3], range: '[0,1]' } })).toEqual({
      out: { type: 'tensor', shape: [2, 4, 4, 3] },
    });
  });
});
