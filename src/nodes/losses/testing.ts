/**
 * A stand-in for the runtime for the tests of losses, optimizers and outputs: infers a
 * node's signals and runs its `build` on given tensors. Imported by tests only.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../prng';
import type { AnyNodeDef, BuildCtx, GraphSettingsView, InferResult, Signal, Value } from '../types';
import { isProblem } from '../types';

export const testSettings: GraphSettingsView = { imageSize: 8, batchSize: 2, seed: 1 };

export function features(...shapes: number[][]): Signal {
  return { type: 'features', shape: [], layers: shapes.map((shape, i) => ({ name: `f${i + 1}`, shape })) };
}

/** The signal a test value stands for: features for lists, else tensor, vector or scalar by rank. */
export function signalOf(v: Value): Signal {
  if (Array.isArray(v)) return features(...v.map((t) => t.shape));
  if (v.rank === 0) return { type: 'scalar', shape: [] };
  if (v.rank === 2) return { type: 'vector', shape: v.shape };
  return { type: 'tensor', shape: v.shape };
}

export function inferNode(def: AnyNodeDef, params: unknown, inputs: Record<string, Signal | undefined>): InferResult {
  return def.infer({ params: def.params.parse(params ?? {}), inputs, settings: testSettings, name: 'Test node' });
}

/** Runs `build`; signals default to those of the values. The caller owns the outputs. */
export function runNode(
  def: AnyNodeDef,
  params: unknown,
  values: Record<string, Value>,
  signals?: Record<string, Signal>,
): Record<string, Value> {
  const p = def.params.parse(params ?? {});
  const inputs: Record<string, Signal> = { ...signals };
  for (const [k, v] of Object.entries(values)) inputs[k] ??= signalOf(v);
  const outputs = def.infer({ params: p, inputs, settings: testSettings, name: 'Test node' });
  if (isProblem(outputs)) throw new Error(`infer gave a problem: ${outputs.code}`);
  const rng = createRng(1);
  const ctx: BuildCtx<unknown> = {
    params: p,
    inputs,
    outputs,
    settings: testSettings,
    training: true,
    weight: (name) => {
      throw new Error(`no weight ${name}`);
    },
    assign: () => {
      throw new Error('losses keep no state');
    },
    rng: () => rng,
    asset: () => undefined,
  };
  if (!def.build) throw new Error(`${def.kind} has no build`);
  return def.build(ctx, values);
}

/** The scalar a loss node gives for the given values, as a JS number. */
export function lossValue(def: AnyNodeDef, params: unknown, values: Record<string, Value>, signals?: Record<string, Signal>): number {
  const out = tf.tidy(() => runNode(def, params, values, signals).loss as tf.Tensor);
  const v = out.dataSync()[0]!;
  const rank = out.rank;
  out.dispose();
  if (rank !== 0) throw new Error(`loss has rank ${rank}`);
  return v;
}

/** Deterministic values in [-1, 1) from a seed, as a plain array. */
export function randomArray(n: number, seed: number, scale = 1): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => scale * (2 * rng.uniform() - 1));
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function expectClose(got: number, want: number, rel = 1e-5, abs = 1e-7): void {
  if (!(Math.abs(got - want) <= abs + rel * Math.abs(want))) throw new Error(`got ${got}, want ${want} (rel ${rel})`);
}

export function expectAllClose(got: ArrayLike<number>, want: ArrayLike<number>, rel = 1e-5, abs = 1e-7): void {
  if (got.length !== want.length) throw new Error(`length ${got.length} ≠ ${want.length}`);
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!(Math.abs(g - w) <= abs + rel * Math.abs(w))) throw new Error(`element ${i}: got ${g}, want ${w} (rel ${rel})`);
  }
}
