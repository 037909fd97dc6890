/**
 * The one stand-in for the runtime, for every node test: infers a node's signals, creates its
 * declared weights with the seeded fill, and runs `build` with a real random stream, recording
 * the running statistics it assigns. Also the data makers and comparisons the folders share.
 * Imported by tests only.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { z } from 'zod';
import { fillWeights } from './init';
import { createRng, type Rng } from './prng';
import { isProblem, type AnyNodeDef, type BuildCtx, type GraphSettingsView, type InferResult, type PortSpec, type Signal, type Value, type WeightSpec } from './types';

export const testSettings: GraphSettingsView = { imageSize: 8, batchSize: 2, seed: 1 };

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A `features` signal whose layers f1..fN have these shapes. */
export function features(...shapes: number[][]): Signal {
  return { type: 'features', shape: [], layers: shapes.map((shape, i) => ({ name: `f${i + 1}`, shape })) };
}

/** The signal a test value stands for: rank 4 a tensor map, rank 2 a vector, rank 0 a scalar. */
export function signalOf(v: Value): Signal {
  if (Array.isArray(v)) return features(...v.map((t) => t.shape));
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

/** Seeded values in [lo, hi), rounded to float32 so a plain-JS reference sees what the tensor holds. */
export function randomValues(n: number, seed: number, lo = -1, hi = 1): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.fround(lo + (hi - lo) * rng.uniform()));
}

export function uniform(shape: readonly number[], seed: number, lo = -1, hi = 1): tf.Tensor {
  return tf.tensor(randomValues(sizeOf(shape), seed, lo, hi), [...shape]);
}

/** A tensor value's elements as a plain array, row-major (plain, so references compute in float64). */
export function valuesOf(v: Value | undefined): number[] {
  if (!v || Array.isArray(v)) throw new Error('expected a tensor');
  return Array.from(v.dataSync());
}

/** A kind's ports for these params; port lists that depend on a network see none. */
export function portsOf(def: AnyNodeDef, params: unknown, side: 'inputs' | 'outputs' = 'inputs'): PortSpec[] {
  const spec = def[side];
  return typeof spec === 'function' ? spec(def.params.parse(params ?? {}), { network: () => undefined }) : spec;
}

type InferOptions = { name?: string; settings?: Partial<GraphSettingsView> };
/** A node's shape rule on these signals; `name` is the display name its messages use (the label). */
export function inferNode(def: AnyNodeDef, params: unknown, inputs: Record<string, Signal | undefined>, o: InferOptions = {}): InferResult {
  return def.infer({ params: def.params.parse(params ?? {}), inputs, settings: { ...testSettings, ...o.settings }, name: o.name ?? def.label });
}

/** What a node declares for these signals, as the runtime reads it; a problem is the test's mistake. */
function declare(def: AnyNodeDef, params: unknown, inputs: Record<string, Signal | undefined>, settings: GraphSettingsView) {
  const p = def.params.parse(params ?? {});
  const outputs = def.infer({ params: p, inputs, settings, name: def.label });
  if (isProblem(outputs)) throw new Error(`infer gave a problem: ${outputs.code} ${JSON.stringify(outputs.args)}`);
  return { params: p, outputs, specs: def.weights ? def.weights(p, inputs, outputs) : [] };
}

/** The weights a node declares for these params and input signals, in fill order. */
export function weightsFor(def: AnyNodeDef, params: unknown, inputs: Record<string, Signal | undefined>, settings?: Partial<GraphSettingsView>): WeightSpec[] {
  return declare(def, params, inputs, { ...testSettings, ...settings }).specs;
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
  const inputs = o.inputs ?? {};
  const inSignals: Record<string, Signal> = {};
  for (const [k, v] of Object.entries(inputs)) inSignals[k] = o.signals?.[k] ?? signalOf(v);
  const { params, outputs: inferred, specs } = declare(def, o.params, inSignals, settings);
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

type Numbers = number | ArrayLike<number>;

function expectWithin(got: Numbers, want: Numbers, bound: (w: number) => number, tol: string): void {
  const g = typeof got === 'number' ? [got] : got;
  const w = typeof want === 'number' ? [want] : want;
  if (g.length !== w.length) throw new Error(`length ${g.length} ≠ ${w.length}`);
  for (let i = 0; i < g.length; i++)
    if (!(Math.abs(g[i]! - w[i]!) <= bound(w[i]!))) throw new Error(`element ${i}: got ${g[i]}, want ${w[i]} (${tol})`);
}

/** |got − want| ≤ abs + rel·|want| for each element; rel 0 makes it a purely absolute tolerance. */
export function expectClose(got: Numbers, want: Numbers, rel = 1e-5, abs = 1e-7): void {
  expectWithin(got, want, (w) => abs + rel * Math.abs(w), `rel ${rel}, abs ${abs}`);
}

/** |got − want| ≤ tol·max(1, |want|): absolute up to 1, relative beyond (blocks and optimizers use it). */
export function expectNear(got: Numbers, want: Numbers, tol: number): void {
  expectWithin(got, want, (w) => tol * Math.max(1, Math.abs(w)), `tol ${tol}`);
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

/**
 * What the inspector and the generated docs read beyond the registry contract: a description
 * on every params field, a kebab-case kind, docs that say more than the summary.
 */
export function expectDescribed(def: AnyNodeDef): void {
  const shape = (def.params as z.ZodObject).shape as Record<string, z.ZodType>;
  for (const [name, field] of Object.entries(shape)) expect(field.description, name).toBeTruthy();
  expect(def.docs.length).toBeGreaterThan(def.summary.length);
  expect(def.kind).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
}

/** The example wires only declared inputs and infers exactly the declared outputs; the canvas gets a summary. */
export function expectExampleOnPorts(def: AnyNodeDef): void {
  const p = def.params.parse(def.example?.params ?? {});
  const inputs = def.example?.inputs ?? {};
  const names = portsOf(def, p).map((x) => x.name);
  for (const k of Object.keys(inputs)) expect(names).toContain(k);
  const out = inferNode(def, p, inputs, { settings: def.example?.settings });
  expect(Object.keys(out).sort()).toEqual(portsOf(def, p, 'outputs').map((x) => x.name).sort());
  expect(typeof def.summarize?.(p)).toBe('string');
}
