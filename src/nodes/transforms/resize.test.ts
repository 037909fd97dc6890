import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { image } from '../shape';
import { isProblem } from '../types';
import { resize } from './resize';
import { expectClose, inferNode, randomValues, testSettings } from '../testing';
import { at, runTransform } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Shape = [number, number, number, number];

function run(params: object, x: number[], shape: Shape): { data: number[]; shape: number[] } {
  return tf.tidy(() => {
    const out = runTransform(resize, { params, inputs: { in: tf.tensor4d(x, shape) } }).outputs.out!;
    return { data: Array.from(out.dataSync()), shape: out.shape };
  });
}

/** Plain-JS resampling: `pixel(b, i, j, c)` of each output pixel. */
function build(shape: Shape, ho: number, wo: number, pixel: (b: number, i: number, j: number, c: number) => number): number[] {
  const [b, , , c] = shape;
  const out: number[] = [];
  for (let n = 0; n < b; n++) for (let i = 0; i < ho; i++) for (let j = 0; j < wo; j++) for (let k = 0; k < c; k++) out.push(pixel(n, i, j, k));
  return out;
}

/**
 * Exact box filter, computed independently of the weights the node uses: each input pixel
 * is cut into L×L' sub-pixels (L a common multiple of the sizes), and each output pixel
 * is the plain mean of the sub-pixels it covers.
 */
function boxFilter(x: number[], shape: Shape, ho: number, wo: number): number[] {
  const [, h, w] = shape;
  const lh = h * ho;
  const lw = w * wo;
  return build(shape, ho, wo, (b, i, j, c) => {
    let sum = 0;
    let n = 0;
    for (let u = (i * lh) / ho; u < ((i + 1) * lh) / ho; u++)
      for (let v = (j * lw) / wo; v < ((j + 1) * lw) / wo; v++) {
        sum += x[at(shape, b, Math.floor(u / ho), Math.floor(v / wo), c)]!;
        n++;
      }
    return sum / n;
  });
}

/** Nearest with half-pixel centres: the input pixel under each output pixel's centre. */
function nearest(x: number[], shape: Shape, ho: number, wo: number): number[] {
  const [, h, w] = shape;
  return build(shape, ho, wo, (b, i, j, c) =>
    x[at(shape, b, Math.min(h - 1, Math.floor(((i + 0.5) * h) / ho)), Math.min(w - 1, Math.floor(((j + 0.5) * w) / wo)), c)]!,
  );
}

/** Bilinear with half-pixel centres (PyTorch align_corners=False), edges clamped. */
function bilinear(x: number[], shape: Shape, ho: number, wo: number): number[] {
  const [, h, w] = shape;
  const coord = (i: number, n: number, out: number) => {
    const s = Math.max(0, ((i + 0.5) * n) / out - 0.5);
    const lo = Math.min(Math.floor(s), n - 1);
    return { lo, hi: Math.min(lo + 1, n - 1), t: s - lo };
  };
  return build(shape, ho, wo, (b, i, j, c) => {
    const y = coord(i, h, ho);
    const z = coord(j, w, wo);
    const v = (p: number, q: number) => x[at(shape, b, p, q, c)]!;
    const top = v(y.lo, z.lo) * (1 - z.t) + v(y.lo, z.hi) * z.t;
    const bottom = v(y.hi, z.lo) * (1 - z.t) + v(y.hi, z.hi) * z.t;
    return top * (1 - y.t) + bottom * y.t;
  });
}

const cases: { name: string; shape: Shape; params: object; ho: number; wo: number }[] = [
  { name: '×0.5', shape: [2, 4, 6, 2], params: { factor: 0.5 }, ho: 2, wo: 3 },
  { name: '×1/3', shape: [1, 6, 6, 1], params: { factor: 1 / 3 }, ho: 2, wo: 2 },
  { name: '×2', shape: [2, 2, 3, 2], params: { factor: 2 }, ho: 4, wo: 6 },
  { name: '5×4 → 3×3', shape: [2, 5, 4, 1], params: { mode: 'size', size: 3 }, ho: 3, wo: 3 },
  { name: '3×2 → 5×5', shape: [1, 3, 2, 2], params: { mode: 'size', size: 5 }, ho: 5, wo: 5 },
  { name: '×1.5', shape: [1, 4, 6, 1], params: { factor: 1.5 }, ho: 6, wo: 9 },
  { name: '4×3 → 2×2', shape: [2, 4, 3, 2], params: { mode: 'size', size: 2 }, ho: 2, wo: 2 },
  { name: '2×6 → 4×4', shape: [1, 2, 6, 3], params: { mode: 'size', size: 4 }, ho: 4, wo: 4 },
];

describe('resize', () => {
  it.each(cases)('area $name is the exact box average', ({ shape, params, ho, wo }) => {
    const x = randomValues(shape.reduce((a, b) => a * b), 21);
    const r = run({ ...params, filter: 'area' }, x, shape);
    expect(r.shape).toEqual([shape[0], ho, wo, shape[3]]);
    expectClose(r.data, boxFilter(x, shape, ho, wo), 0, 1e-5);
  });

  it.each(cases)('nearest $name picks the pixel under each centre', ({ shape, params, ho, wo }) => {
    const x = randomValues(shape.reduce((a, b) => a * b), 22);
    expectClose(run({ ...params, filter: 'nearest' }, x, shape).data, nearest(x, shape, ho, wo), 0, 0);
  });

  it.each(cases)('bilinear $name matches half-pixel bilinear', ({ shape, params, ho, wo }) => {
    const x = randomValues(shape.reduce((a, b) => a * b), 23);
    expectClose(run({ ...params, filter: 'bilinear' }, x, shape).data, bilinear(x, shape, ho, wo), 0, 1e-5);
  });

  it.each(['nearest', 'area'] as const)('%s ×2 has the exact gradient at batch 2', (filter) => {
    // Each input pixel feeds a 2×2 block, so its gradient is the sum of that block's weights.
    const shape: Shape = [2, 3, 2, 2];
    const x = randomValues(24, 24);
    const wts = randomValues(96, 25);
    const g = tf.tidy(() => {
      const weights = tf.tensor4d(wts, [2, 6, 4, 2]);
      const f = (t: tf.Tensor) =>
        tf.sum(tf.mul(runTransform(resize, { params: { factor: 2, filter }, inputs: { in: t } }).outputs.out!, weights));
      return Array.from(tf.grad(f)(tf.tensor4d(x, shape)).dataSync());
    });
    const oshape = [2, 6, 4, 2];
    const want = build(shape, 3, 2, (b, i, j, c) => {
      let s = 0;
      for (let di = 0; di < 2; di++) for (let dj = 0; dj < 2; dj++) s += wts[at(oshape, b, 2 * i + di, 2 * j + dj, c)]!;
      return s;
    });
    expectClose(g, want, 0, 1e-5);
  });

  it('uses the graph image size when size is 0, and keeps the range', () => {
    const r = inferNode(resize, { mode: 'size' }, { in: image([3, 32, 20, 3], '[0,1]') });
    expect(r).toEqual({ out: image([3, testSettings.imageSize, testSettings.imageSize, 3], '[0,1]') });
  });

  it('refuses to shrink below one pixel', () => {
    const r = inferNode(resize, { factor: 0.1 }, { in: image([1, 4, 8, 3], '[0,1]') });
    expect(isProblem(r) && r.code).toBe('resizeTooSmall');
    expect(isProblem(r) && r.port).toBe('in');
  });
});
