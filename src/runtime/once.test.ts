/**
 * BuildCtx.once: a value a node derives from a static input alone (a style image's Gram
 * matrices) is computed in the first iteration and kept, not recomputed in every one.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { parseGraphDoc } from '../graph/parse';
import { registry } from '../nodes/registry';
import { initNodeBackend } from './backends/node';
import { Run } from './run';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

/** The fast-style bench graph at 16×16: a static style image, Gram style loss, content loss. */
function smallFastStyle(): Run {
  const doc = parseGraphDoc(readFileSync(new URL('../../presets/bench/fast-style-128.ganvas.json', import.meta.url), 'utf8')).doc!;
  for (const n of doc.nodes) if (n.type === 'sinus') (n.params as { size: number }).size = 16;
  const { plan, diagnostics } = compile(doc);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return new Run(plan, registry, new Map());
}

async function matMuls(run: Run): Promise<number> {
  const p = await tf.profile(() => tf.dispose(Object.values(run.iterate(false))));
  return p.kernels.filter((k) => k.name === 'BatchMatMul').length;
}

describe('values computed once from a static input', () => {
  it("compute the style image's Gram matrices in the first iteration only", async () => {
    const before = tf.memory().numTensors;
    const run = smallFastStyle();
    // 3 style layers: Grams of the output (3) and their gradients (2 each), plus the target's 3 the first time.
    expect(await matMuls(run)).toBe(12);
    const kept = tf.memory().numTensors;
    expect(await matMuls(run)).toBe(9);
    expect(await matMuls(run)).toBe(9);
    expect(tf.memory().numTensors, 'nothing more kept after the first iteration').toBe(kept);
    run.dispose();
    expect(tf.memory().numTensors, 'the kept Grams go with the run').toBe(before);
  });
});
