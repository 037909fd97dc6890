/**
 * A stand-in for the runtime, for tests: infers a node's signals, creates its declared
 * weights with the seeded fill, and runs `build` with a real random stream, recording the
 * running statistics it assigns. Imported by tests only.
 */
import * as tf from '@tensorflow/tfjs';
import { fillWeights } from './init';
import { createRng, type Rng } from './prng';
import { isProblem, type AnyNodeDef, type BuildCtx, type GraphSettingsView, type Signal, type Value, type WeightSpec } from './types';

export const testSettings: GraphSettingsView = { imageSize: 8, batchSize: 2, seed: 1 };

/** The signal a test value stands for: rank 4 a tensor map, rank 2 a vector, rank 0 a scalar. */
export function signalOf(v: Value): Signal {
  if (Array.isArray(v)) return { type: 'features', shape: [], layers: v.map((t, i) => ({ name: `f${i + 1}`, shape: t.shape })) };
  if (v.rank === 4) return { type: 'tensor', shape: v.shape };
  if (v.rank === 2) return { type: 'vector', shape: v.shape };
  if (v.rank === 0) return { type: 'scalar', shape: [] };
  throw new Error(`no signal for rank ${v.rank}`);
}

/** A value for a signal: images within their range, other maps in [-1,1), from a seed. */
export function valueFor(s: Signal, seed: number): Value {
  if (s.type === 'features') return (s.layers ?? []).map((l, i) => uniform(l.shape, seed + i, -1, 1));
  if (s.type === 'scalar') return tf.scalar(0.5);
  if (s.type === 'image' && s.range === '[0,1]') return uniform(s.shape, seed, 0, 1);
  return uniform(s.shape, seed, -1, 1);
}

export function uniform(shape: readonly number[], seed: number, lo: number, hi: number): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform()), [...shape]);
}

export interface RunOptions {
  params?: unknown;
  inputs?: Record<string, Value>;
  /** Input signals when the values' ranks do not say enough (an image's range). */
  signals?: Record<string, Signal>;
  weights?: Record<string, tf.Tensor>;
  training?: boolean;
  /** Seed of the weights' fill and of the node's random stream. */
  seed?: number;
  rng?: Rng;
  assets?: (name: string) => unknown;
  settings?: Partial<GraphSettingsView>;
}

export interface RunResult {
  outputs: Record<string, Value>;
  signals: Record<string, Signal>;
  specs: WeightSpec[];
  weights: Record<string, tf.Tensor>;
  assigned: Record<string, tf.Tensor>;
  rng: Rng;
}

/** Runs a node on concrete values. The caller owns everything returned (use tf.tidy or dispose). */
export function runNode(def: AnyNodeDef, o: RunOptions = {}): RunResult {
  const settings = { ...testSettings, ...o.settings };
  const params = def.params.parse(o.params ?? {});
  const inputs = o.inputs ?? {};
  const inSignals: Record<string, Signal> = {};
  for (const [k, v] of Object.entries(inputs)) inSignals[k] = o.signals?.[k] ?? signalOf(v);
  const inferred = def.infer({ params, inputs: inSignals, settings, name: def.label });
  if (isProblem(inferred)) throw new Error(`infer gave a problem: ${inferred.code} ${JSON.stringify(inferred.args)}`);
  const specs = def.weights ? def.weights(params, inSignals, inferred) : [];
  const filled = fillWeights(specs, o.seed ?? 1);
  const weights: Record<string, tf.Tensor> = {};
  specs.forEach((s, i) => (weights[s.name] = o.weights?.[s.name] ?? tf.tensor(filled[i]!, s.shape)));
  const assigned: Record<string, tf.Tensor> = {};
  const rng = o.rng ?? createRng(o.seed ?? 1);
  const ctx: BuildCtx<unknown> = {
    params,
    inputs: inSignals,
    outputs: inferred,
    settings,
    training: o.training ?? true,
    weight(name) {
      const w = weights[name];
      if (!w) throw new Error(`undeclared weight ${name}`);
      return w;
    },
    assign(name, value) {
      const spec = specs.find((s) => s.name === name);
      if (!spec || spec.trainable) throw new Error(`assign to ${name}, which is not declared as running state`);
      assigned[name] = value;
    },
    rng: () => rng,
    asset: (name) => {
      const a = o.assets?.(name);
      if (a === undefined) throw new Error(`asset ${name} was not provided`);
      return a;
    },
  };
  if (!def.build) throw new Error(`${def.kind} has no build`);
  const outputs = def.build(ctx, inputs);
  return { outputs, signals: inferred, specs, weights, assigned, rng };
}

/** Every tensor a run result holds, for disposal. */
export function tensorsOf(r: RunResult): tf.Tensor[] {
  const flat = (v: Value) => (Array.isArray(v) ? v : [v]);
  return [...Object.values(r.outputs).flatMap(flat), ...Object.values(r.weights), ...Object.values(r.assigned)];
}

export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, rel = 1e-5, abs = 1e-7): void {
  if (got.length !== want.length) throw new Error(`length ${got.length} ≠ ${want.length}`);
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!(Math.abs(g - w) <= abs + rel * Math.abs(w))) throw new Error(`element ${i}: got ${g}, want ${w} (rel ${rel}, abs ${abs})`);
  }
}

/** WORKLOADS.md's fingerprint of an array: first 3 values, sum, sum of squares, wsum. */
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
