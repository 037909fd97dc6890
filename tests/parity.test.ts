/**
 * Parity with the reference workloads (../shared/WORKLOADS.md): each bench preset, compiled
 * and run by the Trainer, against the same workload written by hand in tests/reference from
 * the spec alone. On wasm, the backend the CLI uses by default.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/graph/compile';
import { parseGraphDoc } from '../src/graph/parse';
import type { TrainingPlan } from '../src/graph/plan';
import { loadDigitsNode } from '../src/runtime/assets/digits-node';
import { initNodeBackend } from '../src/runtime/backends/node';
import { Trainer } from '../src/runtime/trainer';
import { createReference as dcgan } from './reference/dcgan-28';
import { createReference as fastStyle } from './reference/fast-style-128';
import { createReference as pix2pix } from './reference/pix2pix-lite-64';

type Reference = ReturnType<typeof pix2pix>;

interface Case {
  id: string;
  make: () => Reference;
  /** Reference network name → compiled network id. */
  nets: Record<string, string>;
  /** Reference data name → compiled source node id. */
  data: Record<string, string>;
  generator: { optimizer: string; network: string };
}

const cases: Case[] = [
  { id: 'pix2pix-lite-64', make: pix2pix, nets: { G: 'generator', D: 'discriminator' }, data: { x: 'x', y: 'y' }, generator: { optimizer: 'optG', network: 'G' } },
  { id: 'dcgan-28', make: dcgan, nets: { G: 'generator', D: 'discriminator' }, data: { real: 'strokes', z: 'z' }, generator: { optimizer: 'optG', network: 'G' } },
  { id: 'fast-style-128', make: fastStyle as () => Reference, nets: { T: 'transformer', L: 'loss-net' }, data: { style: 'style_image', content: 'content_images' }, generator: { optimizer: 'optT', network: 'T' } },
];

beforeAll(async () => {
  await initNodeBackend('wasm');
});

function planOf(id: string): TrainingPlan {
  const parsed = parseGraphDoc(readFileSync(`presets/bench/${id}.ganvas.json`, 'utf8'));
  const { plan, diagnostics } = compile(parsed.doc!);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return plan;
}

const loadAsset = async (name: string) => (name === 'digits' ? loadDigitsNode() : undefined);

/** |a − b| ≤ rel·max|b| for every element, and the same length. */
function expectNear(a: ArrayLike<number>, b: ArrayLike<number>, rel: number, what: string): void {
  expect(a.length, what).toBe(b.length);
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst, `${what}: worst difference ${worst} against scale ${scale}`).toBeLessThanOrEqual(rel * scale + 1e-12);
}

describe.each(cases)('$id', (c) => {
  const plan = planOf(c.id);
  let trainer: Trainer;
  let ref: Reference;

  beforeAll(async () => {
    trainer = await Trainer.create(plan, { loadAsset });
    ref = c.make();
  }, 300_000);

  afterAll(() => {
    trainer?.dispose();
    ref?.dispose();
  });

  it('starts from the reference weights, bit for bit', async () => {
    const weights = await trainer.weights();
    for (const [refNet, netId] of Object.entries(c.nets)) {
      const net = plan.networks.find((n) => n.id === netId)!;
      const compiled = net.weights.filter((w) => w.trainable).map((w) => ({ key: `${netId}/${w.block}/${w.name}`, shape: w.shape }));
      const expected = ref.weights[refNet]!;
      expect(compiled.map((w) => w.shape), refNet).toEqual(expected.map((w) => w.variable.shape));
      compiled.forEach((w, i) => expect(weights[w.key], `${w.key} = ${expected[i]!.name}`).toEqual(expected[i]!.variable.dataSync()));
    }
  });

  it('draws the reference data for step 0', async () => {
    const got = await trainer.sample(Object.values(c.data));
    const want = ref.data(0);
    for (const [name, node] of Object.entries(c.data)) expectNear(got[node]!, want[name]!.dataSync(), 1e-6, name);
  });

  it("gives the generator the reference's gradient through the frozen discriminator", async () => {
    const got = await trainer.gradients(c.generator.optimizer);
    const want = ref.generatorGrads(0);
    const net = plan.networks.find((n) => n.id === c.nets[c.generator.network])!;
    const keys = net.weights.filter((w) => w.trainable).map((w) => `${net.id}/${w.block}/${w.name}`);
    expect(keys.length).toBe(want.length);
    keys.forEach((k, i) => {
      expectNear(got[k]!, want[i]!.dataSync(), 1e-5, k);
      expect(got[k]!.some((v) => v !== 0), `${k} gradient is non-zero`).toBe(true);
    });
    tf.dispose(want);
  }, 300_000);

  it('matches the reference losses over the first three iterations', async () => {
    for (let t = 0; t < 3; t++) {
      const report = await trainer.runIteration();
      const want = ref.step(t);
      for (const [id, value] of Object.entries(want)) {
        const got = report.losses?.[id];
        expect(got, `loss ${id} at iteration ${t + 1}`).toBeDefined();
        const rel = t === 0 ? 1e-4 : 1e-2;
        expect(Math.abs(got! - value), `${id} at iteration ${t + 1}: ${got} vs ${value}`).toBeLessThanOrEqual(rel * Math.abs(value));
      }
    }
  }, 600_000);
});

describe('dcgan-28 running statistics', () => {
  it('updates batch-norm running means once per iteration, as the reference does', async () => {
    const plan = planOf('dcgan-28');
    const trainer = await Trainer.create(plan, { loadAsset });
    const ref = dcgan();
    for (let t = 0; t < 2; t++) {
      await trainer.runIteration();
      ref.step(t);
    }
    const weights = await trainer.weights();
    const byName = Object.fromEntries(ref.buffers.map((b) => [b.name, b.variable.dataSync()]));
    // The reference keeps the biased running variance, the node PyTorch's unbiased one, so
    // only the means are compared; neither enters a loss.
    expectNear(weights['generator/fc-norm/movingMean']!, byName['G.fc.running_mean']!, 1e-4, 'fc running mean');
    expectNear(weights['generator/t1-norm/movingMean']!, byName['G.t1.running_mean']!, 1e-4, 't1 running mean');
    trainer.dispose();
    ref.dispose();
  }, 300_000);
});
