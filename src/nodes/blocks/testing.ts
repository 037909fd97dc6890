/**
 * Test helpers for the blocks, over the shared runtime stand-in in ../testing: shape rules
 * run with the display name 'Block', deterministic data, and NHWC views for the reference
 * loops. Imported by tests only.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../prng';
import { runNode, testSettings, type RunOptions, type RunResult } from '../testing';
import { isProblem, type AnyNodeDef, type InferResult, type Signal, type Value, type WeightSpec } from '../types';
import type { Arr4 } from './reference';

export function inferFor(def: AnyNodeDef, params: unknown, inputs: Record<string, Signal | undefined>): InferResult {
  return def.infer({ params: def.params.parse(params ?? {}), inputs, settings: testSettings, name: 'Block' });
}

/** The weights a block declares for these params and input signals. */
export function weightsFor(def: AnyNodeDef, params: unknown, inputs: Record<string, Signal | undefined>): WeightSpec[] {
  const p = def.params.parse(params ?? {});
  const outputs = def.infer({ params: p, inputs, settings: testSettings, name: 'Block' });
  if (isProblem(outputs)) throw new Error(`infer gave a problem: ${outputs.code}`);
  return def.weights ? def.weights(p, inputs, outputs) : [];
}

/** Runs a block on concrete tensors; weights the test does not give are filled from `seed`. */
export function runBlock(def: AnyNodeDef, o: RunOptions & { inputs: Record<string, Value> }): RunResult {
  return runNode(def, o);
}

/** A tensor's values as a flat JS array (row-major). */
export function arr(v: Value | undefined): number[] {
  if (!v || Array.isArray(v)) throw new Error('expected a tensor');
  return Array.from(v.dataSync());
}

/** Deterministic test data in [-1, 1) from a seed. */
export function data(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => 2 * rng.uniform() - 1), shape);
}

/** A rank-4 tensor's values with its shape, for the reference loops. */
export function toArr4(t: Value | undefined): Arr4 {
  if (!t || Array.isArray(t) || t.rank !== 4) throw new Error('expected a rank-4 tensor');
  return { data: t.dataSync(), shape: t.shape as Arr4['shape'] };
}

/** |got − want| ≤ tol·max(1, |want|) element by element. */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5): void {
  if (got.length !== want.length) throw new Error(`length ${got.length} ≠ ${want.length}`);
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!(Math.abs(g - w) <= tol * Math.max(1, Math.abs(w))))
      throw new Error(`element ${i}: got ${g}, want ${w} (tol ${tol})`);
  }
}
