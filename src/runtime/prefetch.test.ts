import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { planOf, tinyPix2pix } from '../graph/fixtures';
import type { GraphDoc } from '../graph/schema';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Losses of `n` logged iterations, drawing the data ahead or not, and ahead twice over. */
async function losses(doc: GraphDoc, n: number, ahead: 'never' | 'default' | 'twice'): Promise<Record<string, number>[]> {
  const t = await Trainer.create(planOf(doc));
  const out: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    if (ahead === 'twice') {
      t.prefetch();
      t.prefetch();
    }
    out.push((await t.runIteration({ log: true, prefetch: ahead === 'default' })).losses!);
  }
  t.dispose();
  return out;
}

/** The discriminator updates twice per iteration, so its extra update redraws the sources. */
function nCritic(): GraphDoc {
  const d = tinyPix2pix();
  d.nodes.find((n) => n.id === 'optD')!.params.stepsPerIteration = 2;
  return d;
}

describe('drawing the next iteration’s data ahead', () => {
  it.each([
    ['one update per optimizer', tinyPix2pix],
    ['a redraw inside the iteration (n-critic)', nCritic],
  ])('gives bit-identical losses (%s)', async (_name, doc) => {
    const plain = await losses(doc(), 4, 'never');
    expect(await losses(doc(), 4, 'default')).toEqual(plain);
    expect(await losses(doc(), 4, 'twice')).toEqual(plain);
  });

  it('leaves sample() and checkpoints at the state before the draw', async () => {
    const plan = planOf(tinyPix2pix());
    const a = await Trainer.create(plan);
    await a.runIteration({ prefetch: false });
    const ids = plan.sources;
    const before = await a.sample(ids);
    const saved = await a.checkpoint();
    a.prefetch();
    expect(await a.sample(ids)).toEqual(before);
    expect(await a.checkpoint()).toEqual(saved);
    const next = (await a.runIteration({ log: true })).losses;
    a.dispose();
    // A run resumed from the checkpoint taken with the data drawn ahead continues identically.
    const b = await Trainer.create(plan);
    await b.resume(saved);
    expect((await b.runIteration({ log: true })).losses).toEqual(next);
    b.dispose();
  });

  it('a resume forgets data drawn ahead before it', async () => {
    const plan = planOf(tinyPix2pix());
    const a = await Trainer.create(plan);
    const start = await a.checkpoint();
    const first = (await a.runIteration({ log: true })).losses;
    await a.runIteration();
    a.prefetch();
    await a.resume(start);
    expect((await a.runIteration({ log: true })).losses).toEqual(first);
    a.dispose();
  });

  it('holds one iteration’s sources, taken by the iteration, and frees them with the trainer', async () => {
    const start = tf.memory().numTensors;
    const t = await Trainer.create(planOf(tinyPix2pix()));
    await t.runIteration({ prefetch: false });
    const plain = tf.memory().numTensors;
    t.prefetch();
    const ahead = tf.memory().numTensors;
    expect(ahead).toBeGreaterThan(plain);
    t.prefetch();
    expect(tf.memory().numTensors, 'drawing twice holds nothing more').toBe(ahead);
    await t.runIteration({ prefetch: false });
    expect(tf.memory().numTensors, 'the iteration took them').toBe(plain);
    for (let i = 0; i < 4; i++) {
      await t.runIteration();
      expect(tf.memory().numTensors).toBe(ahead);
    }
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
