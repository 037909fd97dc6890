import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { tinyPix2pix } from '../graph/fixtures';
import type { GraphDoc } from '../graph/schema';
import { NonFiniteLoss, Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const trainerOf = (doc: GraphDoc) => {
  const { plan, diagnostics } = compile(doc);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return Trainer.create(plan);
};

/** The discriminator with a 5×5 kernel: its weights change shape, the generator's do not. */
function widerCritic(): GraphDoc {
  const d = tinyPix2pix();
  d.networks.find((n) => n.id === 'disc')!.nodes.find((n) => n.id === 'c1')!.params.kernel = 5;
  return d;
}

const owned = (w: Record<string, Float32Array>, owner: string) => Object.entries(w).filter(([k]) => k.startsWith(owner + '/'));

describe('Trainer.adopt (keeping the weights of unchanged networks after an edit)', () => {
  it('takes the networks whose shapes match and leaves the others at their initial values', async () => {
    const a = await trainerOf(tinyPix2pix());
    await a.train(3);
    const trained = await a.weights();
    const c = await a.checkpoint();
    a.dispose();

    const b = await trainerOf(widerCritic());
    const initial = await b.weights();
    const { kept, fresh } = await b.adopt(c);
    expect(kept).toEqual(['gen']);
    expect(fresh).toEqual(['disc']);
    expect(b.step).toBe(3);
    const now = await b.weights();
    const gen = owned(now, 'gen');
    expect(gen.length).toBeGreaterThan(0);
    for (const [k, v] of gen) expect(Array.from(v), k).toEqual(Array.from(trained[k]!));
    const disc = owned(now, 'disc');
    expect(disc.length).toBeGreaterThan(0);
    for (const [k, v] of disc) expect(Array.from(v), k).toEqual(Array.from(initial[k]!));
    // And it trains on from there.
    const r = await b.runIteration({ log: true });
    expect(r.step).toBe(4);
    expect(Object.values(r.losses!).every(Number.isFinite)).toBe(true);
    b.dispose();
  });

  it('keeps everything when nothing changed shape', async () => {
    const a = await trainerOf(tinyPix2pix());
    await a.train(2);
    const c = await a.checkpoint();
    a.dispose();
    const b = await trainerOf(tinyPix2pix());
    expect((await b.adopt(c)).fresh).toEqual([]);
    b.dispose();
  });
});

describe('Trainer.injectNonFinite (the fault hook)', () => {
  it.each([1, 4])('runs the real non-finite handling: named loss, last finite weights (logEvery %i)', async (logEvery) => {
    const doc = tinyPix2pix();
    doc.settings.logEvery = logEvery;
    const t = await trainerOf(doc);
    t.injectNonFinite(3);
    const error = await t.train(6).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NonFiniteLoss);
    const e = error as NonFiniteLoss;
    expect(e.step).toBe(3);
    // optD runs first (order 0): its loss is the one that turned NaN.
    expect(e.lossNode).toBe('lossD');
    expect(e.message).toMatch(/lossD.*NaN at step 3/);
    expect(t.step).toBe(2);
    const kept = await t.weights();
    t.dispose();
    const fresh = await trainerOf(tinyPix2pix());
    await fresh.train(2);
    const expected = await fresh.weights();
    fresh.dispose();
    for (const [k, w] of Object.entries(expected)) expect(Array.from(kept[k]!), k).toEqual(Array.from(w));
  });
});
