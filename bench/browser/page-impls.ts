/**
 * The implementations the bench page times, as bench/impls.ts has them in Node: the compiled
 * graph (the preset's text parsed, compiled and trained by the Trainer, as the editor's worker
 * does) and the hand-written tfjs loop. A step reads nothing back unless asked to; the compiled
 * graph draws its next data before it (`prepare`), as the hand-written loop pre-generates its own.
 */
import * as tf from '@tensorflow/tfjs';
import { compile, hasErrors, parseGraphDoc } from '../../src/graph';
import { loadDigitsBrowser } from '../../src/runtime/assets/digits-browser';
import { Trainer } from '../../src/runtime/trainer';
import { dcgan28 } from '../handwritten/dcgan-28';
import { fastStyle128 } from '../handwritten/fast-style-128';
import { pix2pixLite64 } from '../handwritten/pix2pix-lite-64';
import type { HandWritten } from '../handwritten/types';
import type { Impl } from '../impls';
import type { WorkloadId } from '../workloads';
import dcganText from '../../presets/bench/dcgan-28.ganvas.json?raw';
import fastStyleText from '../../presets/bench/fast-style-128.ganvas.json?raw';
import pix2pixText from '../../presets/bench/pix2pix-lite-64.ganvas.json?raw';

const presets: Record<WorkloadId, { text: string; handWritten: (steps: number) => HandWritten }> = {
  'pix2pix-lite-64': { text: pix2pixText, handWritten: pix2pixLite64 },
  'fast-style-128': { text: fastStyleText, handWritten: fastStyle128 },
  'dcgan-28': { text: dcganText, handWritten: dcgan28 },
};

export function isWorkload(id: string): id is WorkloadId {
  return id in presets;
}

export async function compiledImpl(id: WorkloadId): Promise<Impl & { trainer: Trainer }> {
  const parsed = parseGraphDoc(presets[id].text);
  if (!parsed.doc) throw new Error(`${id}: the preset does not parse: ${parsed.diagnostics.map((d) => d.message).join(' ')}`);
  Object.assign(parsed.doc.settings, { logEvery: 1_000_000, previewEvery: 1_000_000 });
  const { plan, diagnostics } = compile(parsed.doc);
  if (!plan || hasErrors(diagnostics)) throw new Error(`${id}: the preset does not compile: ${diagnostics.map((d) => d.message).join(' ')}`);
  const trainer = await Trainer.create(plan, { loadAsset: async (name) => (name === 'digits' ? loadDigitsBrowser() : undefined) });
  return {
    kind: 'compiled',
    trainer,
    dataBytes: 0,
    async step(log) {
      const r = await trainer.runIteration({ log, prefetch: false });
      return log ? { losses: r.losses } : {};
    },
    prepare: () => trainer.prefetch(),
    dispose: () => trainer.dispose(),
  };
}

export function handWrittenImpl(id: WorkloadId, steps: number): Impl {
  const h = presets[id].handWritten(steps);
  let t = 0;
  return {
    kind: 'hand-written',
    dataBytes: h.dataBytes,
    async step(log) {
      const losses = h.step(t++);
      try {
        if (!log) return {};
        const values = await Promise.all(Object.values(losses).map((v) => v.data()));
        return { losses: Object.fromEntries(Object.keys(losses).map((k, i) => [k, values[i]![0]!])) };
      } finally {
        tf.dispose(Object.values(losses));
      }
    },
    dispose: () => h.dispose(),
  };
}
