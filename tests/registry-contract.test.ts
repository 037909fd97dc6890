/**
 * The contract every node kind keeps, checked over the whole registry from each kind's own
 * example: its params parse from nothing, its shape rule accepts the example, `build` makes
 * exactly the shapes `infer` predicts on small CPU tensors (in training and inference mode),
 * no tensor leaks, and gradients reach every trainable weight.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { portEnv } from '../src/graph/ports';
import type { FeatureModel } from '../src/nodes/networks/model-features';
import { nodeDefs } from '../src/nodes/registry';
import { runNode, tensorsOf, testSettings, valueFor, type RunResult } from '../src/nodes/testing';
import { isProblem, type AnyNodeDef, type PortSpec, type Signal, type Value } from '../src/nodes/types';
import { loadDigitsNode } from '../src/runtime/assets/digits-node';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Assets a kind's example may ask for: the real digits, a small picture, a stand-in model. */
function asset(name: string): unknown {
  if (name === 'digits') return loadDigitsNode();
  if (name.startsWith('image:')) {
    const width = 12;
    const height = 10;
    const data = new Uint8ClampedArray(width * height * 4).map((_, i) => (i * 37) % 256);
    return { width, height, data };
  }
  if (name.startsWith('model:')) return standInModel;
  return undefined;
}

/** Gives each requested layer a map of its recorded shape that depends on the input. */
let layerRecords: { name: string; stride: number; channels: number; round: 'ceil' | 'floor' }[] = [];
const standInModel: FeatureModel = {
  extract: (x, names) =>
    names.map((n) => {
      const l = layerRecords.find((r) => r.name === n)!;
      const size = (v: number) => (l.round === 'floor' ? Math.floor(v / l.stride) : Math.ceil(v / l.stride));
      const grey = tf.mean(x, -1, true) as tf.Tensor4D;
      return tf.tile(tf.image.resizeBilinear(grey, [size(x.shape[1]), size(x.shape[2])]), [1, 1, 1, l.channels]);
    }),
};

const shapesOf = (v: Value) => (Array.isArray(v) ? v.map((t) => t.shape) : v.shape);
const expectedShapes = (s: Signal) => (s.type === 'features' ? (s.layers ?? []).map((l) => l.shape) : s.shape);

function staticPorts(def: AnyNodeDef, params: unknown, side: 'inputs' | 'outputs'): PortSpec[] {
  const spec = def[side];
  return typeof spec === 'function' ? spec(params, portEnv([])) : spec;
}

describe.each(nodeDefs.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  const params = def.params.parse(def.example?.params ?? {});
  const settings = { ...testSettings, ...def.example?.settings };
  const signals = def.example?.inputs ?? {};

  it('has docs, described params, and a worked example', () => {
    expect(def.summary).toMatch(/^[A-Z].{10,}\.$/);
    expect(def.docs.length).toBeGreaterThan(60);
    expect(def.example, `${def.kind} needs an example for this test`).toBeDefined();
    const json = JSON.stringify(def.params.parse({}));
    expect(json).toBeDefined();
  });

  it("infers its outputs from its example's inputs", () => {
    if (def.kind === 'network') return; // a call site is inferred through its network by the compiler
    const r = def.infer({ params, inputs: signals, settings, name: def.label });
    expect(isProblem(r), JSON.stringify(r)).toBe(false);
    for (const p of staticPorts(def, params, 'outputs')) expect(r, `output ${p.name}`).toHaveProperty(p.name);
  });

  const runnable = def.build !== undefined && def.kind !== 'network.input' && def.kind !== 'network.output';
  it.runIf(runnable).each([true, false])('builds the inferred shapes without leaking (training %s)', (training) => {
    layerRecords = (params as { layers?: typeof layerRecords }).layers ?? [];
    const inputs = Object.fromEntries(Object.entries(signals).map(([k, s], i) => [k, valueFor(s, 10 + i)]));
    const before = tf.memory().numTensors;
    // The runtime runs build inside tf.tidy, which collects intermediates; what tidy returns
    // (outputs, weights, running statistics) is all that may survive it.
    let r!: RunResult;
    const kept = tf.tidy(() => {
      r = runNode(def, { params: def.example?.params, inputs, signals, training, assets: asset, settings });
      return tensorsOf(r);
    });
    for (const [port, sig] of Object.entries(r.signals)) {
      const v = r.outputs[port];
      expect(v, `output ${port}`).toBeDefined();
      expect(shapesOf(v!), `shape of ${port}`).toEqual(expectedShapes(sig));
      for (const t of Array.isArray(v) ? v : [v!]) expect(t.dtype).toBe('float32');
    }
    // A node may hand an input on unchanged (feature-list); that tensor is the caller's.
    const given = new Set(Object.values(inputs).flat().map((t) => t.id));
    tf.dispose(kept.filter((t) => !given.has(t.id)));
    expect(tf.memory().numTensors, 'tensors left behind by build').toBe(before);
    tf.dispose(Object.values(inputs).flat());
  });

  it.runIf(runnable && def.weights !== undefined)('passes gradients to every trainable weight', () => {
    const inputs = Object.fromEntries(Object.entries(signals).map(([k, s], i) => [k, valueFor(s, 10 + i)]));
    const probe = runNode(def, { params: def.example?.params, inputs, signals, assets: asset, settings });
    const trainable = probe.specs.filter((s) => s.trainable);
    const base = Object.fromEntries(trainable.map((s) => [s.name, probe.weights[s.name]!]));
    const before = tf.memory().numTensors;
    const grads = tf.grads((...ws: tf.Tensor[]) => {
      const weights = Object.fromEntries(trainable.map((s, i) => [s.name, ws[i]!]));
      const out = runNode(def, { params: def.example?.params, inputs, signals, weights, assets: asset, settings }).outputs;
      // A loss that depends on every output value in a non-uniform way.
      return tf.addN(Object.values(out).flatMap((v) => (Array.isArray(v) ? v : [v])).map((t) => tf.sum(tf.mul(t, tf.sin(tf.range(0, t.size).reshape(t.shape))))));
    })(trainable.map((s) => base[s.name]!));
    trainable.forEach((s, i) => {
      const g = grads[i]!;
      expect(g.shape).toEqual(s.shape);
      const v = g.dataSync();
      expect(v.every(Number.isFinite), `${s.name} gradient is finite`).toBe(true);
      expect(v.some((x) => x !== 0), `${s.name} gradient is not all zero`).toBe(true);
    });
    tf.dispose(grads);
    tf.dispose(tensorsOf(probe));
    tf.dispose(Object.values(inputs).flat());
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });
});
