import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activation } from './activation';
import { add } from './add';
import { batchNorm } from './batch-norm';
import { conv2d } from './conv2d';
import { residual } from './residual';
import { conv2dRef, instanceNormRef, reluRef } from './reference';
import { expectNear, inferNode, runNode, uniform, valuesOf, weightsFor } from '../testing';
import { toArr4 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const same3 = { before: 1, after: 1 };

describe('residual', () => {
  it('instance: h + IN(conv(relu(IN(conv(h))))) as loops', () => {
    tf.tidy(() => {
      const h = uniform([2, 4, 4, 3], 101);
      const w = {
        'a.kernel': tf.mul(uniform([3, 3, 3, 3], 102), 0.5),
        'a.gamma': tf.tensor([1.2, 0.7, -1]),
        'a.beta': tf.tensor([0.1, 0, -0.2]),
        'b.kernel': tf.mul(uniform([3, 3, 3, 3], 103), 0.5),
        'b.gamma': tf.tensor([0.9, 1.1, 2]),
        'b.beta': tf.tensor([-0.3, 0.4, 0]),
      };
      const r = runNode(residual, { inputs: { in: h }, weights: w });
      const v = (k: keyof typeof w) => w[k].dataSync();
      const x = toArr4(h);
      const a = reluRef(instanceNormRef(conv2dRef(x, v('a.kernel'), 3, 3, 1, same3), 1e-5, v('a.gamma'), v('a.beta')));
      const b = instanceNormRef(conv2dRef(a, v('b.kernel'), 3, 3, 1, same3), 1e-5, v('b.gamma'), v('b.beta'));
      const want = Array.from(x.data, (xv, i) => xv + b.data[i]!);
      expect(toArr4(r.outputs.out).shape).toEqual([2, 4, 4, 3]);
      expectNear(valuesOf(r.outputs.out), want, 5e-5);
    });
  });

  it('none: h + conv(relu(conv(h))) as loops', () => {
    tf.tidy(() => {
      const h = uniform([1, 5, 5, 2], 104);
      const ka = uniform([3, 3, 2, 2], 105);
      const kb = uniform([3, 3, 2, 2], 106);
      const r = runNode(residual, { params: { norm: 'none' }, inputs: { in: h }, weights: { 'a.kernel': ka, 'b.kernel': kb } });
      expect(r.specs.map((s) => s.name)).toEqual(['a.kernel', 'b.kernel']);
      const x = toArr4(h);
      const b = conv2dRef(reluRef(conv2dRef(x, ka.dataSync(), 3, 2, 1, same3)), kb.dataSync(), 3, 2, 1, same3);
      expectNear(valuesOf(r.outputs.out), Array.from(x.data, (xv, i) => xv + b.data[i]!), 1e-5);
    });
  });

  it('none, replicate padding: both convs read the nearest border pixel outside the map, as loops', () => {
    tf.tidy(() => {
      const h = uniform([1, 5, 4, 2], 107);
      const ka = uniform([3, 3, 2, 2], 108);
      const kb = uniform([3, 3, 2, 2], 109);
      const r = runNode(residual, { params: { norm: 'none', padding: 'replicate' }, inputs: { in: h }, weights: { 'a.kernel': ka, 'b.kernel': kb } });
      const x = toArr4(h);
      const conv = (t: typeof x, k: Float32Array) => conv2dRef(t, k, 3, 2, 1, same3, undefined, 'replicate');
      const b = conv(reluRef(conv(x, ka.dataSync() as Float32Array)), kb.dataSync() as Float32Array);
      expectNear(valuesOf(r.outputs.out), Array.from(x.data, (xv, i) => xv + b.data[i]!), 1e-5);
    });
  });

  it('batch: equals conv → batch-norm → relu → conv → batch-norm → add, running statistics included', () => {
    tf.tidy(() => {
      const h = uniform([3, 3, 3, 2], 107);
      const r = runNode(residual, { params: { norm: 'batch' }, inputs: { in: h }, seed: 5 });
      const w = r.weights;
      const conv = (x: tf.Tensor, k: tf.Tensor) =>
        runNode(conv2d, { params: { filters: 2, bias: false }, inputs: { in: x }, weights: { kernel: k } }).outputs.out as tf.Tensor;
      const bn = (x: tf.Tensor, p: string) =>
        runNode(batchNorm, {
          inputs: { in: x },
          weights: { gamma: w[`${p}gamma`]!, beta: w[`${p}beta`]!, movingMean: w[`${p}movingMean`]!, movingVar: w[`${p}movingVar`]! },
        });
      const na = bn(conv(h, w['a.kernel']!), 'a.');
      const inner = runNode(activation, { inputs: { in: na.outputs.out as tf.Tensor } }).outputs.out as tf.Tensor;
      const nb = bn(conv(inner, w['b.kernel']!), 'b.');
      const want = runNode(add, { inputs: { in1: h, in2: nb.outputs.out as tf.Tensor } }).outputs.out;
      expectNear(valuesOf(r.outputs.out), valuesOf(want), 1e-5);
      expectNear(valuesOf(r.assigned['a.movingVar']), valuesOf(na.assigned.movingVar), 1e-6);
      expectNear(valuesOf(r.assigned['b.movingMean']), valuesOf(nb.assigned.movingMean), 1e-6);
      expect(Object.keys(r.assigned).sort()).toEqual(['a.movingMean', 'a.movingVar', 'b.movingMean', 'b.movingVar']);
    });
  });

  it('declares its weights in the agreed order', () => {
    const specs = weightsFor(residual, { norm: 'batch', kernel: 3 }, { in: { type: 'tensor', shape: [1, 8, 8, 64] } });
    expect(specs.map((s) => [s.name, s.shape, s.init, s.trainable])).toEqual([
      ['a.kernel', [3, 3, 64, 64], 'normal', true],
      ['a.gamma', [64], 'ones', true],
      ['a.beta', [64], 'zeros', true],
      ['b.kernel', [3, 3, 64, 64], 'normal', true],
      ['b.gamma', [64], 'ones', true],
      ['b.beta', [64], 'zeros', true],
      ['a.movingMean', [64], 'zeros', false],
      ['a.movingVar', [64], 'ones', false],
      ['b.movingMean', [64], 'zeros', false],
      ['b.movingVar', [64], 'ones', false],
    ]);
    expect(inferNode(residual, {}, { in: { type: 'tensor', shape: [2, 8, 8, 64] } })).toEqual({
      out: { type: 'tensor', shape: [2, 8, 8, 64] },
    });
  });
});
