/**
 * A stand-in for the runtime, for the transforms' own tests: infers a node's signals from
 * the images it is given, and runs `build` with a real seeded Rng. Imported by tests only.
 */
import type * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../prng';
import { image } from '../shape';
import type { AnyNodeDef, BuildCtx, GraphSettingsView, InferResult, Signal, Value, ValueRange } from '../types';
import { isProblem } from '../types';

export const testSettings: GraphSettingsView = { imageSize: 8, batchSize: 2, seed: 1 };

export function inferOn(
  def: AnyNodeDef,
  params: unknown,
  inputs: Record<string, Signal | undefined>,
  settings: GraphSettingsView = testSettings,
): InferResult {
  return def.infer({ params: def.params.parse(params ?? {}), inputs, settings, name: 'Transform' });
}

export interface TransformRun {
  outputs: Record<string, tf.Tensor>;
  signals: Record<string, Signal>;
  /** The stream `build` drew from, to count what it consumed. */
  rng: Rng;
}

/**
 * Runs a transform on concrete images; each input is an image in `range` unless it is given
 * as a full signal. The caller owns the returned tensors (wrap the call in tf.tidy).
 */
export function runTransform(
  def: AnyNodeDef,
  opts: {
    params?: unknown;
    inputs: Record<string, tf.Tensor>;
    range?: ValueRange;
    signals?: Record<string, Signal>;
    seed?: number;
    settings?: GraphSettingsView;
  },
): TransformRun {
  const params = def.params.parse(opts.params ?? {});
  const settings = opts.settings ?? testSettings;
  const inSignals: Record<string, Signal> = {};
  for (const [k, v] of Object.entries(opts.inputs))
    inSignals[k] = opts.signals?.[k] ?? image([...v.shape], opts.range ?? '[-1,1]');
  const inferred = def.infer({ params, inputs: inSignals, settings, name: 'Transform' });
  if (isProblem(inferred)) throw new Error(`infer gave a problem: ${inferred.code}`);
  const rng = createRng(opts.seed ?? 1);
  const ctx: BuildCtx<unknown> = {
    params,
    inputs: inSignals,
    outputs: inferred,
    settings,
    training: true,
    weight: (name) => {
      throw new Error(`transforms own no weights (asked for ${name})`);
    },
    assign: (name) => {
      throw new Error(`transforms own no weights (assigned ${name})`);
    },
    rng: () => rng,
    asset: () => undefined,
  };
  if (!def.build) throw new Error(`${def.kind} has no build`);
  const outputs = def.build(ctx, opts.inputs) as Record<string, Value>;
  for (const [k, v] of Object.entries(outputs)) if (Array.isArray(v)) throw new Error(`${k} is not a tensor`);
  return { outputs: outputs as Record<string, tf.Tensor>, signals: inferred, rng };
}

/** Deterministic test data in [lo, hi) from a seed, as float32 values in a flat array. */
export function randomValues(n: number, seed: number, lo = -1, hi = 1): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.fround(lo + (hi - lo) * rng.uniform()));
}

export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5): void {
  if (got.length !== want.length) throw new Error(`length ${got.length} ≠ ${want.length}`);
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!(Math.abs(g - w) <= tol)) throw new Error(`element ${i}: got ${g}, want ${w} (tol ${tol})`);
  }
}

/** NHWC flat index. */
export function at(shape: readonly number[], b: number, i: number, j: number, c: number): number {
  const [, h, w, ch] = shape as [number, number, number, number];
  return ((b * h + i) * w + j) * ch + c;
}
