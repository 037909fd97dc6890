/**
 * Every node kind trains on the wasm backend: its example is built in training mode inside
 * tf.valueAndGrads, with respect to its trainable weights and every tensor it is given, and
 * every kernel that runs (forward and backward) must be one the wasm backend has — a missing
 * one throws. The same step on the cpu backend must give the same outputs, running
 * statistics and gradients, and nothing may be left behind on wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureModel } from '../../nodes/networks/model-features';
import { nodeDefs } from '../../nodes/registry';
import { runNode, tensorsOf, valueFor } from '../../nodes/testing';
import type { AnyNodeDef, Value } from '../../nodes/types';
import { loadDigitsNode } from '../assets/digits-node';
import { loadFeatureModel, type LoadedFeatureModel } from '../model-features';
import { initNodeBackend } from './node';

/** The assets the registry contract test gives: the real digits, a small picture, a stand-in model. */
function asset(name: string): unknown {
  if (name === 'digits') return loadDigitsNode();
  if (name.startsWith('image:')) {
    const width = 12;
    const height = 10;
    return { width, height, data: new Uint8ClampedArray(width * height * 4).map((_, i) => (i * 37) % 256) };
  }
  if (name === 'model:vgg-like') return realModel;
  if (name.startsWith('model:')) return standInModel;
  return undefined;
}

/** A small VGG-like LayersModel, loaded the way the app loads one (frozen, probed for layers). */
let realModel: LoadedFeatureModel;
async function loadVggLike(): Promise<LoadedFeatureModel> {
  const input = tf.input({ shape: [16, 16, 3] });
  const conv = (name: string, filters: number) => tf.layers.conv2d({ name, filters, kernelSize: 3, padding: 'same', activation: 'relu' });
  const c1 = conv('c1', 4).apply(input) as tf.SymbolicTensor;
  const p1 = tf.layers.maxPooling2d({ name: 'p1', poolSize: 2 }).apply(c1) as tf.SymbolicTensor;
  const c2 = conv('c2', 6).apply(p1) as tf.SymbolicTensor;
  const p2 = tf.layers.averagePooling2d({ name: 'p2', poolSize: 2 }).apply(c2) as tf.SymbolicTensor;
  const c3 = conv('c3', 5).apply(p2) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: c3 });
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  model.dispose();
  return loadFeatureModel(artifacts!, 'layers');
}

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

interface Step {
  /** Outputs and running statistics, by name, as plain arrays. */
  values: Record<string, number[]>;
  /** Gradients of the loss by trainable weight and by input tensor. */
  grads: Record<string, number[]>;
  /** Kernels the engine ran (customGrad scopes, which are no kernels, left out). */
  kernels: string[];
}

const flat = (v: Value): tf.Tensor[] => (Array.isArray(v) ? v : [v]);
const counts = () => ({ ...tf.memory(), dataIds: tf.backend().numDataIds() });

/** One training step of a kind's example on the active backend; everything it makes is freed. */
async function step(def: AnyNodeDef, backend: 'cpu' | 'wasm'): Promise<Step> {
  await tf.setBackend(backend);
  const params = def.params.parse(def.example?.params ?? {});
  layerRecords = (params as { layers?: typeof layerRecords }).layers ?? [];
  const signals = def.example?.inputs ?? {};
  const run = { params: def.example?.params, signals, assets: asset, settings: def.example?.settings, training: true };
  // A first pass moves what lives on the other backend (a loaded model's weights) over to this one.
  tf.tidy(() => void runNode(def, { ...run, inputs: Object.fromEntries(Object.entries(signals).map(([k, s]) => [k, valueFor(s, 1)])) }));
  const before = counts();
  const inputs = Object.fromEntries(Object.entries(signals).map(([k, s], i) => [k, valueFor(s, 10 + i)]));
  // Only the declared weights are wanted; tidy frees what build made on the way.
  let probe!: ReturnType<typeof runNode>;
  tf.tidy(() => {
    probe = runNode(def, { ...run, inputs });
    return tensorsOf(probe);
  });
  const xs: Record<string, tf.Tensor> = {};
  for (const s of probe.specs) if (s.trainable) xs[s.name] = probe.weights[s.name]!;
  for (const [k, v] of Object.entries(inputs)) flat(v).forEach((t, i) => (xs[Array.isArray(v) ? `${k}[${i}]` : k] = t));
  const values: Record<string, tf.Tensor> = {};
  const loss = (): tf.Scalar => {
    const r = runNode(def, { ...run, inputs, weights: probe.weights });
    for (const [k, v] of [...Object.entries(r.outputs), ...Object.entries(r.assigned)]) flat(v).forEach((t, i) => (values[`${k}[${i}]`] = tf.keep(t.clone())));
    const outs = Object.values(r.outputs).flatMap(flat).filter((t) => t.dtype === 'float32');
    // A loss that depends on every output value in a non-uniform way.
    return tf.addN(outs.map((t) => tf.sum(tf.mul(t, tf.sin(tf.range(0, t.size).reshape(t.shape)))))) as tf.Scalar;
  };
  const grads: Record<string, tf.Tensor> = {};
  const kept: tf.Tensor[] = [];
  const profile = await tf.profile(() => {
    const names = Object.keys(xs);
    if (names.length === 0) return void tf.dispose(tf.tidy(loss));
    // As training does (variableGrads): an input the loss does not read (a feature layer a loss
    // skips) has no gradient rather than an error.
    const r = tf.engine().gradients(loss, Object.values(xs), undefined, true);
    r.grads.forEach((g, i) => g && (grads[names[i]!] = g));
    kept.push(r.value, ...r.grads.filter((g) => g));
  });
  const read = (m: Record<string, tf.Tensor>) => Object.fromEntries(Object.entries(m).map(([k, t]) => [k, Array.from(t.dataSync())]));
  const result = { values: read(values), grads: read(grads), kernels: kernelsOf(profile) };
  expect(tf.getBackend(), 'backend the step ran on').toBe(backend);
  tf.dispose([...kept, ...Object.values(values), ...tensorsOf(probe), ...Object.values(inputs).flatMap(flat)]);
  const after = counts();
  expect([after.numTensors, after.numDataBuffers, after.dataIds], 'tensors, buffers, backend data ids after a step').toEqual([before.numTensors, before.numDataBuffers, before.dataIds]);
  return result;
}

function kernelsOf(profile: Awaited<ReturnType<typeof tf.profile>>): string[] {
  const isKernel = (name: string) => tf.getKernel(name, 'cpu') !== undefined || tf.getKernel(name, 'wasm') !== undefined;
  return [...new Set(profile.kernels.map((k): string => k.name))].filter(isKernel).sort();
}

/** Agreement to float32 summation order, relative to the largest value of each array. */
function expectAgree(got: Record<string, number[]>, want: Record<string, number[]>, what: string): void {
  expect(Object.keys(got).sort(), what).toEqual(Object.keys(want).sort());
  for (const [k, w] of Object.entries(want)) {
    const g = got[k]!;
    const scale = Math.max(1e-6, ...w.map(Math.abs));
    const worst = Math.max(0, ...g.map((v, i) => Math.abs(v - w[i]!)));
    expect(worst / scale, `${what} ${k}: max difference ${worst} at scale ${scale}`).toBeLessThan(1e-4);
  }
}

const audited = nodeDefs.filter((d) => d.build !== undefined && d.example !== undefined);
const kernelsSeen = new Map<string, string[]>();

beforeAll(async () => {
  await initNodeBackend('wasm');
  realModel = await loadVggLike();
});

describe.each(audited.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  it('trains on wasm with wasm kernels only, as on cpu, without leaking', async () => {
    const cpu = await step(def, 'cpu');
    const wasm = await step(def, 'wasm');
    const missing = wasm.kernels.filter((k) => !tf.getKernel(k, 'wasm'));
    expect(missing, 'kernels the wasm backend lacks').toEqual([]);
    expect(wasm.kernels).toEqual(cpu.kernels);
    expectAgree(wasm.values, cpu.values, 'output');
    expectAgree(wasm.grads, cpu.grads, 'gradient');
    kernelsSeen.set(def.kind, wasm.kernels);
  });
});

it('model-features trains on wasm through a real LayersModel (conv, max and average pooling), as on cpu', async () => {
  const base = nodeDefs.find((d) => d.kind === 'model-features')!;
  const layers = realModel.probe().layers;
  expect(layers.map((l) => l.name)).toEqual(['c1', 'p1', 'c2', 'p2', 'c3']);
  const params = { model: 'vgg-like', inputRange: '[0,255]', preprocess: 'caffe-vgg', layers };
  const def = { ...base, example: { params, inputs: { in: { type: 'image', shape: [2, 12, 12, 3], range: '[0,1]' } } } } as AnyNodeDef;
  const cpu = await step(def, 'cpu');
  const wasm = await step(def, 'wasm');
  expect(wasm.kernels).toEqual(expect.arrayContaining(['AvgPoolGrad', 'MaxPoolGrad', 'Conv2DBackpropInput']));
  expectAgree(wasm.values, cpu.values, 'output');
  expectAgree(wasm.grads, cpu.grads, 'gradient');
});

it('audited every kind with a build, and reached the kernels Ganvas adds', () => {
  expect(audited.map((d) => d.kind)).toEqual(nodeDefs.filter((d) => d.build).map((d) => d.kind));
  expect(kernelsSeen.size).toBe(audited.length);
  const seen = new Set([...kernelsSeen.values()].flat());
  expect(seen.has(tf.Conv2DBackpropFilter)).toBe(true);
  expect(seen.has(tf.Conv2DBackpropInput)).toBe(true);
});
