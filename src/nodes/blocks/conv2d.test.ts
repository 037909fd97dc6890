import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d } from './conv2d';
import { conv2dRef } from './reference';
import { expectNear, inferNode, runNode, uniform, weightsFor } from '../testing';
import { toArr4 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('conv2d', () => {
  // Pads from WORKLOADS.md §0's table, written out rather than computed.
  it.each([
    ['4×4 s1 on 8 (pad 1/2)', 8, 4, 1, { before: 1, after: 2 }, 8],
    ['3×3 s2 on 8 (pad 0/1)', 8, 3, 2, { before: 0, after: 1 }, 4],
    ['4×4 s2 on 8 (pad 1/1)', 8, 4, 2, { before: 1, after: 1 }, 4],
    ['5×5 s2 on 14 (pad 1/2)', 14, 5, 2, { before: 1, after: 2 }, 7],
  ])("'same' %s matches a direct loop", (_name, n, k, s, pad, out) => {
    tf.tidy(() => {
      const x = uniform([2, n, n, 3], 11);
      const kernel = uniform([k, k, 3, 4], 12);
      const bias = uniform([4], 13);
      const r = runNode(conv2d, { params: { filters: 4, kernel: k, stride: s }, inputs: { in: x }, weights: { kernel, bias } });
      const got = toArr4(r.outputs.out);
      expect(got.shape).toEqual([2, out, out, 4]);
      const want = conv2dRef(toArr4(x), kernel.dataSync(), k, 4, s, pad, bias.dataSync());
      expect(want.shape).toEqual(got.shape);
      expectNear(got.data, want.data, 1e-5);
    });
  });

  it.each([
    ['3×3 s1 on 6×5', 6, 5, 3, 1, { before: 1, after: 1 }],
    ['4×4 s2 on 7×7 (pad 1/2)', 7, 7, 4, 2, { before: 1, after: 2 }],
    ['9×9 s1 on 4×4 (pads wider than the image)', 4, 4, 9, 1, { before: 4, after: 4 }],
  ])("'replicate' %s matches a direct loop that reads the nearest border pixel", (_name, h, w, k, s, pad) => {
    tf.tidy(() => {
      const x = uniform([2, h, w, 2], 31);
      const kernel = uniform([k, k, 2, 3], 32);
      const bias = uniform([3], 33);
      const r = runNode(conv2d, { params: { filters: 3, kernel: k, stride: s, padding: 'replicate' }, inputs: { in: x }, weights: { kernel, bias } });
      const got = toArr4(r.outputs.out);
      expect(got.shape).toEqual([2, Math.ceil(h / s), Math.ceil(w / s), 3]);
      const want = conv2dRef(toArr4(x), kernel.dataSync(), k, 3, s, pad, bias.dataSync(), 'replicate');
      expect(want.shape).toEqual(got.shape);
      expectNear(got.data, want.data, 1e-5);
    });
  });

  it("'replicate' passes gradients back to the border pixels it copied (against finite differences)", () => {
    tf.tidy(() => {
      const x0 = uniform([1, 4, 4, 1], 41);
      const kernel = uniform([3, 3, 1, 2], 42);
      const r = uniform([1, 4, 4, 2], 43);
      const f = (x: tf.Tensor) =>
        tf.sum(tf.mul(runNode(conv2d, { params: { filters: 2, kernel: 3, padding: 'replicate', bias: false }, inputs: { in: x }, weights: { kernel } }).outputs.out as tf.Tensor, r));
      const grad = tf.grad(f)(x0).dataSync();
      // The loss is linear in x, so a central difference is exact up to rounding.
      const eps = 0.5;
      const xs = x0.dataSync();
      const numeric = Array.from(xs, (_, i) => {
        const bump = (d: number) => tf.tensor(Array.from(xs, (v, j) => (j === i ? v + d : v)), x0.shape);
        return (f(bump(eps)).dataSync()[0]! - f(bump(-eps)).dataSync()[0]!) / (2 * eps);
      });
      expectNear(grad, numeric, 1e-4);
    });
  });

  it("'valid' without bias matches a direct loop", () => {
    tf.tidy(() => {
      const x = uniform([1, 7, 6, 2], 21);
      const kernel = uniform([3, 3, 2, 3], 22);
      const r = runNode(conv2d, {
        params: { filters: 3, kernel: 3, stride: 2, padding: 'valid', bias: false },
        inputs: { in: x },
        weights: { kernel },
      });
      expect(r.specs.map((s) => s.name)).toEqual(['kernel']);
      const want = conv2dRef(toArr4(x), kernel.dataSync(), 3, 3, 2, { before: 0, after: 0 });
      expect(toArr4(r.outputs.out).shape).toEqual([1, 3, 2, 3]);
      expectNear(toArr4(r.outputs.out).data, want.data, 1e-5);
    });
  });

  it('declares kernel [k,k,Cin,F] and a zero bias', () => {
    const specs = weightsFor(conv2d, { filters: 8, kernel: 4, init: 'kaiming-uniform' }, {
      in: { type: 'tensor', shape: [1, 8, 8, 5] },
    });
    expect(specs).toEqual([
      { name: 'kernel', shape: [4, 4, 5, 8], init: 'kaiming-uniform', fanIn: 80, trainable: true },
      { name: 'bias', shape: [8], init: 'zeros', trainable: true },
    ]);
  });

  it('reports an input smaller than a valid kernel', () => {
    const r = inferNode(conv2d, { kernel: 5, padding: 'valid' }, { in: { type: 'tensor', shape: [1, 3, 3, 1] } });
    expect(r).toMatchObject({ problem: true, code: 'tooSmall', port: 'in' });
  });
});
