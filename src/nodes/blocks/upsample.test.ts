import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsample } from './upsample';
import { at } from './reference';
import { expectNear, inferNode, runNode, uniform, valuesOf } from '../testing';
import { toArr4 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('upsample nearest', () => {
  it.each([2, 3])('×%i repeats each pixel in a square', (f) => {
    tf.tidy(() => {
      const x = uniform([2, 3, 2, 2], 71);
      const r = runNode(upsample, { params: { factor: f }, inputs: { in: x } });
      const y = toArr4(r.outputs.out);
      expect(y.shape).toEqual([2, 3 * f, 2 * f, 2]);
      const xa = toArr4(x);
      for (let b = 0; b < 2; b++)
        for (let i = 0; i < 3 * f; i++)
          for (let j = 0; j < 2 * f; j++)
            for (let c = 0; c < 2; c++) expect(at(y, b, i, j, c)).toBe(at(xa, b, Math.floor(i / f), Math.floor(j / f), c));
    });
  });

  // tfjs-backend-cpu 4.22's resizeNearestNeighbor gradient is wrong at batch > 1 (STACK-NOTES.md).
  it('has the exact gradient at batch 2: each input pixel sums its square of upstream gradients', () => {
    tf.tidy(() => {
      const f = 2;
      const x = uniform([2, 3, 4, 3], 72);
      const up = uniform([2, 6, 8, 3], 73);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(runNode(upsample, { inputs: { in: t } }).outputs.out as tf.Tensor, up)))(x);
      const u = toArr4(up);
      const want: number[] = [];
      for (let b = 0; b < 2; b++)
        for (let h = 0; h < 3; h++)
          for (let w = 0; w < 4; w++)
            for (let c = 0; c < 3; c++) {
              let s = 0;
              for (let i = 0; i < f; i++) for (let j = 0; j < f; j++) s += at(u, b, h * f + i, w * f + j, c);
              want.push(s);
            }
      expectNear(valuesOf(g), want, 1e-6);
    });
  });
});

describe('upsample bilinear', () => {
  // PyTorch align_corners=False: src = (dst + 0.5)/f − 0.5, clamped at 0, neighbours clamped at the edge.
  function bilinearRef(x: ReturnType<typeof toArr4>, f: number): number[] {
    const [B, H, W, C] = x.shape;
    const src = (d: number, n: number) => {
      const s = Math.max((d + 0.5) / f - 0.5, 0);
      const i0 = Math.min(Math.floor(s), n - 1);
      return { i0, i1: Math.min(i0 + 1, n - 1), t: s - i0 };
    };
    const out: number[] = [];
    for (let b = 0; b < B; b++)
      for (let i = 0; i < H * f; i++)
        for (let j = 0; j < W * f; j++)
          for (let c = 0; c < C; c++) {
            const r = src(i, H);
            const q = src(j, W);
            const top = at(x, b, r.i0, q.i0, c) * (1 - q.t) + at(x, b, r.i0, q.i1, c) * q.t;
            const bottom = at(x, b, r.i1, q.i0, c) * (1 - q.t) + at(x, b, r.i1, q.i1, c) * q.t;
            out.push(top * (1 - r.t) + bottom * r.t);
          }
    return out;
  }

  it.each([2, 3])('×%i matches PyTorch align_corners=False', (f) => {
    tf.tidy(() => {
      const x = uniform([2, 3, 4, 2], 74);
      const r = runNode(upsample, { params: { factor: f, mode: 'bilinear' }, inputs: { in: x } });
      expect(toArr4(r.outputs.out).shape).toEqual([2, 3 * f, 4 * f, 2]);
      expectNear(valuesOf(r.outputs.out), bilinearRef(toArr4(x), f), 1e-5);
    });
  });

  it('infers factor× the size', () => {
    expect(inferNode(upsample, { factor: 4 }, { in: { type: 'tensor', shape: [1, 3, 5, 2] } })).toEqual({
      out: { type: 'tensor', shape: [1, 12, 20, 2] },
    });
  });
});
