import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { planOf, tinyPix2pix } from '../graph/fixtures';
import type { GraphDoc } from '../graph/schema';
import { NonFiniteLoss, Trainer, type StepReport } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function losses(doc: GraphDoc, n: number): Promise<StepReport[]> {
  const t = await Trainer.create(planOf(doc));
  const out: StepReport[] = [];
  await t.train(n, (r) => out.push(r));
  t.dispose();
  return out;
}

/** A run that blows up after a few iterations: plain SGD on an absurdly weighted L1. */
function explosive(logEvery: number): GraphDoc {
  const d = tinyPix2pix();
  d.settings.logEvery = logEvery;
  const g = d.nodes.find((n) => n.id === 'optG')!;
  g.type = 'sgd';
  g.params = { ...g.params, lr: 10 };
  d.nodes.find((n) => n.id === 'lossG')!.params.weights = [1, 1e12];
  // No tanh to saturate: the output grows until it overflows.
  d.networks[0]!.nodes.find((n) => n.id === 't')!.params.fn = 'leaky-relu';
  return d;
}

describe('Trainer', () => {
  it('logs every loss node, with finite values, each iteration', async () => {
    const reports = await losses(tinyPix2pix(), 3);
    expect(reports.map((r) => r.step)).toEqual([1, 2, 3]);
    for (const r of reports) {
      expect(Object.keys(r.losses!).sort()).toEqual(['L1', 'lossD', 'lossFake', 'lossG', 'lossGan', 'lossReal']);
      for (const v of Object.values(r.losses!)) expect(Number.isFinite(v)).toBe(true);
    }
    // The D loss is half the sum of its two terms; G's is gan + 100·L1.
    const l = reports[0]!.losses!;
    expect(l.lossD).toBeCloseTo(0.5 * (l.lossReal! + l.lossFake!), 6);
    expect(l.lossG).toBeCloseTo(l.lossGan! + 100 * l.L1!, 4);
  });

  it('is deterministic: the same graph gives the same losses', async () => {
    const a = await losses(tinyPix2pix(), 3);
    const b = await losses(tinyPix2pix(), 3);
    expect(b.map((r) => r.losses)).toEqual(a.map((r) => r.losses));
  });

  it('learns: the generator fits a fixed target within a few dozen iterations', async () => {
    const d = tinyPix2pix();
    for (const id of ['x', 'y']) d.nodes.find((n) => n.id === id)!.params.fixed = true;
    d.nodes.find((n) => n.id === 'lossG')!.params.weights = [0, 1];
    d.nodes.find((n) => n.id === 'optG')!.params.lr = 0.01;
    const r = await losses(d, 30);
    const first = r.slice(0, 5).reduce((s, x) => s + x.losses!.L1!, 0);
    const last = r.slice(-5).reduce((s, x) => s + x.losses!.L1!, 0);
    expect(last).toBeLessThan(first * 0.9);
  });

  it('keeps the tensor count flat from iteration 1 to iteration N', async () => {
    const t = await Trainer.create(planOf(tinyPix2pix()));
    await t.runIteration();
    const after1 = tf.memory().numTensors;
    await t.train(8);
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
  });

  it('reads losses back only every logEvery iterations', async () => {
    const d = tinyPix2pix();
    d.settings.logEvery = 3;
    const r = await losses(d, 7);
    expect(r.map((x) => x.losses !== undefined)).toEqual([true, false, false, true, false, false, true]);
  });

  it('reads losses back on request between log points (the last iteration of a run)', async () => {
    const d = tinyPix2pix();
    d.settings.logEvery = 100;
    const t = await Trainer.create(planOf(d));
    await t.runIteration();
    const r = await t.runIteration({ log: true });
    t.dispose();
    expect(r.step).toBe(2);
    expect(Object.keys(r.losses ?? {})).toContain('lossG');
  });

  it('resumes from a checkpoint exactly where it stopped', async () => {
    const plan = planOf(tinyPix2pix());
    const straight = await losses(tinyPix2pix(), 6);
    const a = await Trainer.create(plan);
    await a.train(3);
    const c = JSON.parse(JSON.stringify(await a.checkpoint(), (_k, v: unknown) => (ArrayBuffer.isView(v) ? { $f32: Array.from(v as Float32Array) } : v)), (_k, v: { $f32?: number[] }) =>
      v && v.$f32 ? Float32Array.from(v.$f32) : v,
    );
    a.dispose();
    const b = await Trainer.create(plan);
    await b.resume(c);
    expect(b.step).toBe(3);
    const rest: StepReport[] = [];
    await b.train(3, (r) => rest.push(r));
    b.dispose();
    expect(rest.map((r) => r.losses)).toEqual(straight.slice(3).map((r) => r.losses));
  });

  it('refuses a checkpoint of another graph', async () => {
    const a = await Trainer.create(planOf(tinyPix2pix()));
    const c = await a.checkpoint();
    a.dispose();
    const d = tinyPix2pix();
    d.networks[0]!.nodes.find((n) => n.id === 'c1')!.params.filters = 5;
    const b = await Trainer.create(planOf(d));
    await expect(b.resume(c)).rejects.toThrow(/other weights/);
    b.dispose();
  });

  it.each([1, 4])('stops on a non-finite loss with the last finite weights (logEvery %i)', async (logEvery) => {
    const doc = explosive(logEvery);
    const t = await Trainer.create(planOf(doc));
    const error = await t.train(50).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NonFiniteLoss);
    const e = error as NonFiniteLoss;
    expect(e.message).toContain(e.lossNode);
    expect(t.step).toBe(e.step - 1);
    const kept = await t.checkpoint();
    t.dispose();
    // A fresh run of step − 1 iterations ends with the same weights, and they are finite.
    const fresh = await Trainer.create(planOf(explosive(1)));
    await fresh.train(e.step - 1);
    const expected = await fresh.checkpoint();
    fresh.dispose();
    for (const [k, w] of Object.entries(expected.weights)) {
      expect(Array.from(kept.weights[k]!.data), k).toEqual(Array.from(w.data));
      expect(Array.from(w.data).every(Number.isFinite)).toBe(true);
    }
  });

  it('previews the generator on a fixed batch, as RGBA pixels', async () => {
    const t = await Trainer.create(planOf(tinyPix2pix()));
    const [first] = await t.taps();
    await t.train(2);
    const [again] = await t.taps();
    t.dispose();
    expect(first).toMatchObject({ id: 'preview', kind: 'preview', step: 0 });
    if (first?.kind !== 'preview' || again?.kind !== 'preview') throw new Error('expected previews');
    expect(first.images).toHaveLength(2);
    expect(first.images[0]).toMatchObject({ width: 16, height: 16 });
    expect(first.images[0]!.pixels).toHaveLength(16 * 16 * 4);
    expect(again.images[0]!.pixels).not.toEqual(first.images[0]!.pixels);
  });
});
