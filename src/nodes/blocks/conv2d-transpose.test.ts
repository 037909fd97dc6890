import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dTranspose } from './conv2d-transpose';
import { conv2dTransposeRef } from './reference';
import { expectNear, inferNode, runNode, uniform, weightsFor } from '../testing';
import { toArr4 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('conv2d-transpose', () => {
  // 'before' pads from WORKLOADS.md §0: the forward 'same' conv mapping n·s → n.
  it.each([
    ['5×5 s2 7→14 (pad 1/2)', 7, 5, 2, 1, true],
    ['4×4 s2 3→6 (pad 1/1)', 3, 4, 2, 1, false],
    ['3×3 s1 4→4 (pad 1/1)', 4, 3, 1, 1, true],
    ['3×3 s2 3→6 (pad 0/1)', 3, 3, 2, 0, true],
  ])('%s matches the scatter loop', (_name, n, k, s, before, bias) => {
    tf.tidy(() => {
      const x = uniform([2, n, n, 2], 31);
      const kernel = uniform([k, k, 3, 2], 32);
      const b = uniform([3], 33);
      const r = runNode(conv2dTranspose, {
        params: { filters: 3, kernel: k, stride: s, bias },
        inputs: { in: x },
        weights: bias ? { kernel, bias: b } : { kernel },
      });
      const got = toArr4(r.outputs.out);
      expect(got.shape).toEqual([2, n * s, n * s, 3]);
      expect(r.signals.out!.shape).toEqual(got.shape);
      const want = conv2dTransposeRef(toArr4(x), kernel.dataSync(), k, 3, s, { before }, bias ? b.dataSync() : undefined);
      expectNear(got.data, want.data, 1e-5);
    });
  });

  it('gives n·stride even for non-square inputs', () => {
    const r = inferNode(conv2dTranspose, { filters: 5, stride: 2 }, { in: { type: 'tensor', shape: [3, 7, 4, 2] } });
    expect(r).toEqual({ out: { type: 'tensor', shape: [3, 14, 8, 5] } });
  });

  it('uses the fan-in PyTorch gives ConvTranspose2d for Kaiming: k·k·Cout', () => {
    const specs = weightsFor(conv2dTranspose, { filters: 4, kernel: 3, init: 'kaiming-uniform', bias: false }, {
      in: { type: 'tensor', shape: [1, 5, 5, 16] },
    });
    expect(specs).toEqual([{ name: 'kernel', shape: [3, 3, 4, 16], init: 'kaiming-uniform', fanIn: 36, trainable: true }]);
  });

  it('declares kernel in the tfjs layout [k,k,F,Cin], then the bias', () => {
    const specs = weightsFor(conv2dTranspose, { filters: 64, kernel: 5, std: 0.05 }, {
      in: { type: 'tensor', shape: [1, 7, 7, 128] },
    });
    expect(specs).toEqual([
      { name: 'kernel', shape: [5, 5, 64, 128], init: 'normal', std: 0.05, trainable: true },
      { name: 'bias', shape: [64], init: 'zeros', trainable: true },
    ]);
  });

  it('needs a feature map', () => {
    const r = inferNode(conv2dTranspose, {}, { in: { type: 'vector', shape: [2, 10] } });
    expect(r).toMatchObject({ problem: true, code: 'rankMismatch', port: 'in' });
    expect(inferNode(conv2dTranspose, {}, {})).toMatchObject({ problem: true, code: 'missingInput', port: 'in' });
  });
});
