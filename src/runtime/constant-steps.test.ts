/**
 * Steps an optimizer's loss needs but whose values do not depend on what it trains (the
 * generator in the discriminator's update) run before its gradient tape, as constants.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { tinyPix2pix } from '../graph/fixtures';
import type { GraphDoc } from '../graph/schema';
import { registry } from '../nodes/registry';
import { Run } from './run';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function run(doc: GraphDoc): Run {
  const { plan, diagnostics } = compile(doc);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return new Run(plan, registry, new Map());
}

const split = (r: Run, id: string) => {
  const o = r.opts.find((x) => x.plan.id === id)!;
  return { constant: o.constant, taped: o.taped, steps: o.plan.steps };
};

describe("an optimizer's constant steps", () => {
  it('take the generator out of the discriminator update, and leave the generator update whole', () => {
    const r = run(tinyPix2pix());
    const d = split(r, 'optD');
    expect(d.constant).toEqual(['G']);
    expect(d.taped).toEqual(d.steps.filter((s) => s !== 'G'));
    expect(split(r, 'optG').constant).toEqual([]);
    r.dispose();
  });

  it('move only those before the first taped step when a random transform is among the steps, so draws keep their order', () => {
    const doc = tinyPix2pix();
    // A random flip of the fake, after the real pair's scores: moving it first would reorder draws.
    doc.nodes.push({ id: 'flip', type: 'random-flip', position: { x: 0, y: 0 }, params: { stream: 'data' } });
    doc.edges = doc.edges.map((e) => (e.source === 'G' && e.target === 'Dfake' ? { ...e, source: 'flip', sourceHandle: 'out' } : e));
    doc.edges.push({ id: 'g-flip', source: 'G', sourceHandle: 'out', target: 'flip', targetHandle: 'in' });
    const r = run(doc);
    const d = split(r, 'optD');
    expect(d.steps).toContain('flip');
    const firstTaped = d.steps.findIndex((s) => s === d.taped[0]);
    expect(d.constant).toEqual(d.steps.slice(0, firstTaped));
    expect([...d.constant, ...d.taped]).toEqual(d.steps);
    r.dispose();
  });

  it('give the same weights after an iteration as evaluating every step under the tape', async () => {
    const split = run(tinyPix2pix());
    const whole = run(tinyPix2pix());
    for (const o of whole.opts) Object.assign(o, { constant: [], taped: o.plan.steps });
    for (const r of [split, whole]) tf.dispose(Object.values(r.iterate(false)));
    const weights = (r: Run) => Object.fromEntries([...r.model.vars].map(([k, v]) => [k, v.dataSync()]));
    const a = weights(split);
    const b = weights(whole);
    expect(Object.keys(a).length).toBeGreaterThan(0);
    for (const k of Object.keys(b)) expect(a[k], k).toEqual(b[k]);
    split.dispose();
    whole.dispose();
  });
});
