/**
 * The registry contract, for the losses, optimizers and outputs: params parse from nothing,
 * every example infers cleanly, and `build` gives exactly the inferred shapes without
 * leaking a tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { optimizers } from '../optimizers';
import { outputs } from '../outputs';
import { isProblem, type AnyNodeDef, type BuildCtx, type PortSpec, type Signal, type Value } from '../types';
import { losses } from './index';
import { testSettings } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const defs: AnyNodeDef[] = [...losses, ...optimizers, ...outputs];
const env = { network: () => undefined };
const portsOf = (ports: AnyNodeDef['inputs'], params: unknown): PortSpec[] => (typeof ports === 'function' ? ports(params, env) : ports);

function valueFor(s: Signal, seed: number): Value {
  if (s.type === 'features') return (s.layers ?? []).map((l, i) => tf.randomNormal(l.shape, 0, 1, 'float32', seed + i));
  return tf.randomNormal(s.shape, 0, 1, 'float32', seed);
}

describe.each(defs.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  const params = () => def.params.parse(def.example?.params ?? {});
  const settings = { ...testSettings, ...def.example?.settings };

  it('parses empty params, and describes every field', () => {
    expect(() => def.params.parse({})).not.toThrow();
    const shape = (def.params as z.ZodObject).shape;
    for (const [name, field] of Object.entries(shape)) expect((field as z.ZodType).description, name).toBeTruthy();
    expect(def.summary.length).toBeGreaterThan(10);
    expect(def.docs.length).toBeGreaterThan(def.summary.length);
    expect(def.kind).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has an example that infers without a problem, on its own ports', () => {
    expect(def.example).toBeDefined();
    const p = params();
    const inputs = def.example?.inputs ?? {};
    const names = portsOf(def.inputs, p).map((x) => x.name);
    for (const k of Object.keys(inputs)) expect(names).toContain(k);
    const out = def.infer({ params: p, inputs, settings, name: def.label });
    expect(isProblem(out), JSON.stringify(out)).toBe(false);
    expect(Object.keys(out).sort()).toEqual(portsOf(def.outputs, p).map((x) => x.name).sort());
    expect(typeof def.summarize?.(p)).toBe('string');
  });

  it.runIf(def.build !== undefined)('builds the inferred shapes and leaks no tensor', () => {
    const p = params();
    const signals = def.example?.inputs ?? {};
    const inferred = def.infer({ params: p, inputs: signals, settings, name: def.label }) as Record<string, Signal>;
    const values = Object.fromEntries(Object.entries(signals).map(([k, s], i) => [k, valueFor(s, 10 * i + 1)]));
    const before = tf.memory().numTensors;
    const ctx = { params: p, inputs: signals, outputs: inferred, settings, training: true } as BuildCtx<unknown>;
    const out = tf.tidy(() => def.build!(ctx, values) as Record<string, tf.Tensor>);
    for (const [port, sig] of Object.entries(inferred)) {
      expect(out[port]?.shape, port).toEqual(sig.shape);
      expect(Number.isFinite(out[port]!.dataSync()[0]!)).toBe(true);
    }
    tf.dispose(Object.values(out));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(values).flat());
  });

  it.runIf(def.category === 'optimizer')('makes a tfjs optimizer', () => {
    const opt = def.makeOptimizer!(params(), 0.01);
    expect(typeof opt.applyGradients).toBe('function');
    opt.dispose();
  });
});
