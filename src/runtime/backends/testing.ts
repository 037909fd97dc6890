/**
 * The table of convolutions the wasm kernel tests run on both backends, and the comparison
 * they share. Imported by tests only.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect } from 'vitest';
import { initNodeBackend } from './node';
import { createRng } from '../../nodes/prng';

export type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];

export interface ConvCase {
  /** Input [B,H,W,C]. */
  x: [number, number, number, number];
  k: number;
  /** Output channels of a conv; the channel multiplier of a depthwise conv. */
  out: number;
  /** Stride, or [rows, columns]. */
  s: number | [number, number];
  pad: Pad;
  rounding?: 'floor' | 'round' | 'ceil';
}

const padChoices: Pad[] = ['same', 'valid', 1, 2, [[0, 0], [1, 2], [2, 0], [0, 0]]];

/**
 * Every kernel size × stride × padding, once with batch 1 and few channels and once with a
 * batch of 3, more channels and a non-square input, plus a few layers of realistic width.
 */
export function convCases(depthwise = false): ConvCase[] {
  const cases: ConvCase[] = [];
  for (const k of [1, 3, 4, 5, 9])
    for (const s of [1, 2])
      for (const pad of padChoices)
        for (const big of [false, true]) {
          const h = k + (big ? 5 : 2);
          cases.push({
            x: big ? [3, h, h - 2, depthwise ? 4 : 5] : [1, h, h + 1, 2],
            k,
            out: depthwise ? (big ? 2 : 1) : big ? 3 : 4,
            s,
            pad,
            // Numeric padding leaves the output size to a rounding rule when the stride does not divide.
            rounding: typeof pad === 'number' && big ? 'ceil' : undefined,
          });
        }
  cases.push(
    { x: [2, 16, 16, 16], k: 4, out: depthwise ? 1 : 32, s: 2, pad: 'same' },
    { x: [1, 32, 32, 8], k: 9, out: depthwise ? 2 : 8, s: 1, pad: 'same' },
    { x: [4, 7, 7, 64], k: 5, out: depthwise ? 1 : 32, s: 2, pad: 'same' },
    { x: [2, 15, 13, 3], k: 3, out: depthwise ? 3 : 16, s: 2, pad: 'valid' },
  );
  return cases;
}

export const describeCase = (c: ConvCase): string =>
  `x ${c.x.join('×')} k${c.k} out ${c.out} s${String(c.s)} pad ${JSON.stringify(c.pad)}${c.rounding ? ` ${c.rounding}` : ''}`;

/** Shapes of a case: the filter, and the conv's output (the gradient dy). */
export function caseShapes(c: ConvCase, depthwise = false): { filter: number[]; dy: number[] } {
  const cin = c.x[3];
  const filter = [c.k, c.k, cin, c.out];
  const info = tf.backend_util.computeConv2DInfo(c.x, filter as [number, number, number, number], c.s, 1, c.pad, c.rounding, depthwise);
  return { filter, dy: info.outShape };
}

/** Seeded values in [-1,1) of a shape, as a plain array (made into a tensor on each backend). */
export function data(shape: readonly number[], seed: number): { shape: number[]; values: number[] } {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape: [...shape], values: Array.from({ length: size }, () => 2 * rng.uniform() - 1) };
}

/**
 * float32 agreement: each element within `tol` of the reference, relative to the element or,
 * for elements that summation cancelled down to near zero, to the array's root mean square.
 */
export function expectAgree(got: ArrayLike<number>, want: ArrayLike<number>, what: string, tol = 1e-4): void {
  expect(got.length, what).toBe(want.length);
  let sq = 0;
  for (let i = 0; i < want.length; i++) sq += want[i]! * want[i]!;
  const rms = Math.sqrt(sq / Math.max(1, want.length));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const e = Math.abs(got[i]! - want[i]!) / Math.max(Math.abs(want[i]!), rms, 1e-30);
    if (!(e <= worst)) [worst, at] = [e, i];
  }
  expect(worst, `${what}: element ${at} is ${got[at]}, cpu says ${want[at]}`).toBeLessThanOrEqual(tol);
}

/**
 * The setup of a wasm kernel test file: wasm started, and IS_TEST on while its tests run (the
 * engine then checks that each kernel call leaves exactly its outputs behind). `counts()` gives
 * the tensors and backend buffers alive now, `atStart` what they were when the file began.
 */
export function wasmKernelSuite(): { counts(): number[]; readonly atStart: number[] } {
  const counts = () => [tf.memory().numTensors, (tf.backend() as unknown as { numDataIds(): number }).numDataIds()];
  let atStart: number[] = [];
  beforeAll(async () => {
    await initNodeBackend('wasm');
    atStart = counts();
    tf.env().set('IS_TEST', true);
  });
  afterAll(async () => {
    tf.env().set('IS_TEST', false);
    await tf.setBackend('wasm');
  });
  return {
    counts,
    get atStart() {
      return atStart;
    },
  };
}

/** Runs `f` on a backend and reads its results back, freeing everything it made. */
export async function on(backend: 'cpu' | 'wasm', f: () => tf.Tensor | tf.Tensor[]): Promise<{ values: number[]; shape: number[]; dtype: string }[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const list = Array.isArray(out) ? out : [out];
  const r = list.map((t) => ({ values: Array.from(t.dataSync() as Float32Array), shape: t.shape, dtype: t.dtype }));
  tf.dispose(list);
  return r;
}
