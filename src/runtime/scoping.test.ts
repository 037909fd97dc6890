/**
 * Gradient scoping, checked on the running trainer: an optimizer moves only what it names,
 * and a network called from two sites gets the sum of both sites' gradients.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { tinyPix2pix } from '../graph/fixtures';
import type { GraphDoc } from '../graph/schema';
import { expectClose } from '../nodes/testing';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function trainer(doc: GraphDoc): Promise<Trainer> {
  const { plan, diagnostics } = compile(doc);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return Trainer.create(plan);
}

const owner = (key: string) => key.slice(0, key.indexOf('/'));

/** The tiny pix2pix with only one of its optimizers. */
function only(optimizer: 'optD' | 'optG'): GraphDoc {
  const d = tinyPix2pix();
  d.nodes = d.nodes.filter((n) => n.id !== (optimizer === 'optD' ? 'optG' : 'optD'));
  d.edges = d.edges.filter((e) => e.target !== (optimizer === 'optD' ? 'optG' : 'optD'));
  return d;
}

describe('gradient scoping', () => {
  it.each([
    ['optD', 'disc', 'gen'],
    ['optG', 'gen', 'disc'],
  ] as const)('%s moves %s and leaves %s bit-identical', async (opt, moved, frozen) => {
    const t = await trainer(only(opt));
    const before = await t.weights();
    await t.train(2);
    const after = await t.weights();
    t.dispose();
    const keys = Object.keys(before);
    expect(keys.some((k) => owner(k) === frozen)).toBe(true);
    for (const k of keys) {
      if (owner(k) === frozen) expect(after[k], k).toEqual(before[k]);
      if (owner(k) === moved && k.endsWith('kernel')) expect(after[k], k).not.toEqual(before[k]);
    }
  });

  it('gives a network called from two sites the sum of both sites’ gradients', async () => {
    const full = await trainer(tinyPix2pix());
    const g = await full.gradients('optD');
    full.dispose();
    // The same loss with one call site's term switched off, each way.
    const part = async (weights: number[]) => {
      const d = tinyPix2pix();
      d.nodes.find((n) => n.id === 'lossD')!.params.weights = weights;
      const t = await trainer(d);
      const r = await t.gradients('optD');
      t.dispose();
      return r;
    };
    const real = await part([0.5, 0]);
    const fake = await part([0, 0.5]);
    expect(Object.keys(g).sort()).toEqual(['disc/c1/bias', 'disc/c1/kernel']);
    for (const k of Object.keys(g)) {
      const sum = real[k]!.map((v, i) => v + fake[k]![i]!);
      expectClose(g[k]!, sum, 1e-5, 1e-7);
      expect(real[k]!.some((v) => v !== 0) && fake[k]!.some((v) => v !== 0)).toBe(true);
    }
  });

  it('gives the generator a non-zero gradient through the frozen discriminator', async () => {
    const d = tinyPix2pix();
    d.nodes.find((n) => n.id === 'lossG')!.params.weights = [1, 0];
    const t = await trainer(d);
    const g = await t.gradients('optG');
    t.dispose();
    expect(Object.keys(g).every((k) => owner(k) === 'gen')).toBe(true);
    for (const v of Object.values(g)) expect(v.some((x) => x !== 0)).toBe(true);
  });
});
