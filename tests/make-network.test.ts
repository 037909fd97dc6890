/**
 * Making a network from a selection changes nothing the graph computes: the training graph
 * with its image pipeline on it, and the same graph with that pipeline made into a network,
 * train to the same losses, weights, preview and inspected values, bit for bit.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { compile } from '../src/graph/compile';
import { tinyPipeline } from '../src/graph/fixtures';
import { makeNetworkFromSelection } from '../src/graph/make-network';
import type { GraphDoc } from '../src/graph/schema';
import { Trainer, type StepReport } from '../src/runtime/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function run(doc: GraphDoc): Promise<{ reports: StepReport[]; taps: unknown; weights: Record<string, Float32Array> }> {
  const { plan, diagnostics } = compile(doc);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  const t = await Trainer.create(plan);
  const reports: StepReport[] = [];
  await t.train(3, (r) => reports.push(r));
  const taps = (await t.taps()).map((x) => ({ ...x, step: 0 }));
  const weights = await t.weights();
  t.dispose();
  return { reports, taps, weights };
}

it('trains to the same losses before and after', async () => {
  const doc = tinyPipeline();
  const r = makeNetworkFromSelection(doc, undefined, ['gray', 'blur', 'mix']);
  if (!r.ok) throw new Error(r.reason);
  const before = await run(doc);
  const after = await run(r.doc);
  expect(before.reports.map((x) => Object.keys(x.losses ?? {}).length)).toEqual([6, 6, 6]);
  expect(after.reports.map((x) => x.losses)).toEqual(before.reports.map((x) => x.losses));
  // The preview of G's output, and the Inspect node reading the call site's "mix" output.
  expect((before.taps as { id: string }[]).map((x) => x.id).sort()).toEqual(['look', 'preview']);
  expect(after.taps).toEqual(before.taps);
  expect(Object.keys(after.weights).sort()).toEqual(Object.keys(before.weights).sort());
  expect(after.weights).toEqual(before.weights);
});
