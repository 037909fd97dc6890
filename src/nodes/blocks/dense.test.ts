import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from './dense';
import { expectNear, inferNode, runNode, uniform, valuesOf, weightsFor } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dense', () => {
  it.each([true, false])('bias %s matches a loop over [in, out] weights', (bias) => {
    tf.tidy(() => {
      const x = uniform([3, 4], 41);
      const kernel = uniform([4, 5], 42);
      const b = uniform([5], 43);
      const r = runNode(dense, { params: { units: 5, bias }, inputs: { in: x }, weights: bias ? { kernel, bias: b } : { kernel } });
      const xv = x.dataSync();
      const kv = kernel.dataSync();
      const bv = b.dataSync();
      const want: number[] = [];
      for (let i = 0; i < 3; i++)
        for (let o = 0; o < 5; o++) {
          let acc = bias ? bv[o]! : 0;
          for (let n = 0; n < 4; n++) acc += xv[i * 4 + n]! * kv[n * 5 + o]!;
          want.push(acc);
        }
      expect((r.outputs.out as tf.Tensor).shape).toEqual([3, 5]);
      expectNear(valuesOf(r.outputs.out), want, 1e-5);
    });
  });

  it('declares kernel [N, units] with fan-in N', () => {
    const p = { units: 6272, bias: false, init: 'kaiming-uniform' };
    expect(weightsFor(dense, p, { in: { type: 'vector', shape: [64, 64] } })).toEqual([
      { name: 'kernel', shape: [64, 6272], init: 'kaiming-uniform', fanIn: 64, trainable: true },
    ]);
  });

  it('infers a vector and refuses a feature map', () => {
    expect(inferNode(dense, { units: 7 }, { in: { type: 'vector', shape: [2, 3] } })).toEqual({ out: { type: 'vector', shape: [2, 7] } });
    expect(inferNode(dense, {}, { in: { type: 'tensor', shape: [2, 7, 7, 1] } })).toMatchObject({
      problem: true,
      code: 'rankMismatch',
      port: 'in',
    });
  });
});
