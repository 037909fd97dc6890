/**
 * The wasm kernels of wasm-overrides.ts against tfjs's cpu kernels, over ranks, dtypes, begin
 * and size forms, splits, transposes and batch broadcasts; through tf.grads; and for leaks
 * (IS_TEST makes the engine check that each kernel call leaves exactly its outputs behind).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { data, expectAgree, wasmKernelSuite, on } from './testing';
import { wasmOverrideOptions } from './wasm-overrides';

const suite = wasmKernelSuite();



async function agree(f: () => tf.Tensor | tf.Tensor[], what: string, tol = 0): Promise<void> {
  const want = await on('cpu', f);
  const got = await on('wasm', f);
  expect(got.map((g) => [g.shape, g.dtype]), what).toEqual(want.map((w) => [w.shape, w.dtype]));
  got.forEach((g, i) => (tol === 0 ? expect(g.values, `${what} [${i}]`).toEqual(want[i]!.values) : expectAgree(g.values, want[i]!.values, `${what} [${i}]`, tol)));
}

const t = (shape: number[], seed: number, dtype: 'float32' | 'int32' | 'bool' = 'float32') => {
  const d = data(shape, seed);
  const values = dtype === 'float32' ? d.values : d.values.map((v) => (dtype === 'bool' ? (v > 0 ? 1 : 0) : Math.round(v * 100)));
  return tf.tensor(values, shape, dtype);
};

describe('Slice on wasm', () => {
  const cases: [number[], number[], number[]][] = [
    [[7], [2], [4]],
    [[5, 6], [1, 2], [3, -1]],
    [[4, 5, 6], [0, 1, 0], [4, 3, 6]],
    [[3, 4, 5, 6], [1, 0, 2, 1], [2, 4, 2, 4]],
    [[2, 64, 64, 2, 8], [0, 0, 0, 1, 0], [2, 64, 64, 1, 8]],
    [[2, 3, 4, 5, 6], [1, 1, 1, 1, 1], [1, 2, 3, 4, 5]],
    [[2, 2, 3, 2, 3, 2], [0, 1, 0, 1, 0, 1], [-1, 1, -1, 1, -1, 1]],
    [[3, 4], [0, 0], [3, 4]],
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('equals cpu: x %s', async (_n, [shape, begin, size]) => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) await agree(() => tf.slice(t(shape, 1, dtype), begin, size), `${dtype} slice`);
  });
  it('passes the gradient of a rank-5 slice', async () => {
    await agree(() => tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.slice(x, [0, 1, 0, 1, 0], [2, 2, 4, 1, 3]))))(t([2, 3, 4, 2, 3], 2)), 'grad');
  });
});

describe('SplitV on wasm', () => {
  const cases: [number[], number | number[], number][] = [
    [[2, 32, 32, 2, 16], 2, 3],
    [[2, 16, 2, 48], [1, 1], 2],
    [[3, 5, 7], [2, -1, 3], 2],
    [[6, 4], 3, 0],
    [[4, 6], [6], 1],
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('equals cpu: %s', async (_n, [shape, splits, axis]) => {
    await agree(() => tf.split(t(shape, 3), splits, axis), 'split');
    await agree(() => tf.split(t(shape, 4, 'int32'), splits, axis), 'int32 split');
  });
  it('gives concat its gradient, as in the concat-based upsampling', async () => {
    const up = (x: tf.Tensor) => {
      const [b, h, w, c] = x.shape as number[];
      const x5 = tf.reshape(x, [b!, h!, w!, 1, c!]);
      const wide = tf.reshape(tf.concat([x5, x5], 3), [b!, h!, 1, 2 * w! * c!]);
      return tf.reshape(tf.concat([wide, wide], 2), [b!, 2 * h!, 2 * w!, c!]);
    };
    await agree(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(up(x), tf.range(0, 2 * 16 * 16 * 4).reshape([2, 16, 16, 4]))))(t([2, 8, 8, 4], 5)), 'upsample grad', 1e-6);
  });
});

describe('BatchMatMul on wasm', () => {
  const cases: { a: number[]; b: number[]; tA: boolean; tB: boolean }[] = [];
  for (const tA of [false, true])
    for (const tB of [false, true]) {
      const m = 33;
      const k = 47;
      const n = 29;
      const sa = (outer: number[]) => [...outer, ...(tA ? [k, m] : [m, k])];
      const sb = (outer: number[]) => [...outer, ...(tB ? [n, k] : [k, n])];
      cases.push({ a: sa([]), b: sb([]), tA, tB }, { a: sa([3]), b: sb([3]), tA, tB }, { a: sa([1]), b: sb([4]), tA, tB }, { a: sa([2, 3]), b: sb([]), tA, tB }, { a: sa([2, 3]), b: sb([2, 3]), tA, tB });
    }
  cases.push({ a: [2, 4096, 64], b: [2, 4096, 64], tA: true, tB: false }, { a: [5, 3], b: [3, 4], tA: false, tB: false });
  it.each(cases.map((c) => [`${c.a}${c.tA ? 'ᵀ' : ''} · ${c.b}${c.tB ? 'ᵀ' : ''}`, c] as const))('equals cpu: %s', async (_n, c) => {
    await agree(() => tf.matMul(t(c.a, 6), t(c.b, 7), c.tA, c.tB), 'matMul', 1e-5);
  });
  it('gives a Gram matrix its gradient', async () => {
    await agree(() => tf.grad((f: tf.Tensor) => tf.sum(tf.mul(tf.matMul(f as tf.Tensor3D, f as tf.Tensor3D, true, false), t([2, 16, 16], 9))))(t([2, 300, 16], 8)), 'gram grad', 1e-5);
  });
  it("agrees with wasm's own kernel when turned off", async () => {
    const f = () => tf.matMul(t([2, 64, 40], 10), t([2, 64, 30], 11), true, false);
    const fast = await on('wasm', f);
    wasmOverrideOptions.enabled = false;
    try {
      const own = await on('wasm', f);
      expectAgree(fast[0]!.values, own[0]!.values, 'fast vs own', 1e-5);
    } finally {
      wasmOverrideOptions.enabled = true;
    }
  });
});

it('leaves no tensor and no buffer behind on wasm, also when a slice hands its input through', async () => {
  await tf.setBackend('wasm');
  const x = tf.ones([2, 3, 4, 5, 6]);
  tf.tidy(() => {
    tf.slice(x, [0, 0, 0, 0, 0], [-1, -1, -1, -1, -1]);
    tf.split(x, 1, 2);
    tf.matMul(tf.ones([1, 50, 40]), tf.ones([1, 50, 60]), true, false);
  });
  x.dispose();
  expect(suite.counts(), 'tensors, backend buffers').toEqual(suite.atStart);
});
