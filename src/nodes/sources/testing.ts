/**
 * A stand-in for the runtime, for the sources' own tests: parses params, infers the node's
 * signals, fakes a BuildCtx around a real seeded Rng and the given assets, and runs `build`.
 * Imported by tests only.
 */
import type * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../prng';
import type { AnyNodeDef, BuildCtx, GraphSettingsView, Signal, Value } from '../types';
import { isProblem } from '../types';

export const testSettings: GraphSettingsView = { imageSize: 8, batchSize: 2, seed: 1 };

export interface SourceRun {
  outputs: Record<string, Value>;
  signals: Record<string, Signal>;
  rng: Rng;
}

/** Runs a source's build; the caller owns the returned tensors. Weights are zeros unless given. */
export function buildSource(
  def: AnyNodeDef,
  opts: {
    params?: unknown;
    rng?: Rng;
    seed?: number;
    settings?: Partial<GraphSettingsView>;
    assets?: Record<string, unknown>;
    inputs?: Record<string, Value>;
    inputSignals?: Record<string, Signal>;
    weights?: Record<string, tf.Tensor>;
  } = {},
): SourceRun {
  const params = def.params.parse(opts.params ?? {});
  const settings = { ...testSettings, ...opts.settings };
  const inputs = opts.inputSignals ?? {};
  const inferred = def.infer({ params, inputs, settings, name: 'Source' });
  if (isProblem(inferred)) throw new Error(`infer gave a problem: ${inferred.code}`);
  const rng = opts.rng ?? createRng(opts.seed ?? 1);
  const ctx: BuildCtx<unknown> = {
    params,
    inputs,
    outputs: inferred,
    settings,
    training: true,
    weight(name) {
      const w = opts.weights?.[name];
      if (!w) throw new Error(`the test gave no weight ${name}`);
      return w;
    },
    assign() {
      throw new Error('sources have no running state');
    },
    rng: () => rng,
    asset: (name) => opts.assets?.[name],
  };
  if (!def.build) throw new Error(`${def.kind} has no build`);
  return { outputs: def.build(ctx, opts.inputs ?? {}), signals: inferred, rng };
}

export function values(v: Value | undefined): Float32Array {
  if (!v || Array.isArray(v)) throw new Error('expected a tensor');
  return v.dataSync() as Float32Array;
}

/** WORKLOADS.md appendix fingerprint, over float32 values summed in float64. */
export function fingerprint(a: ArrayLike<number>): { first3: number[]; sum: number; sumsq: number; wsum: number } {
  let sum = 0;
  let sumsq = 0;
  let wsum = 0;
  for (let k = 0; k < a.length; k++) {
    const v = a[k]!;
    sum += v;
    sumsq += v * v;
    wsum += v * ((k % 97) + 1);
  }
  return { first3: [a[0]!, a[1]!, a[2]!], sum, sumsq, wsum };
}
