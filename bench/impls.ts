/**
 * The implementations a bench row times, behind one interface: the compiled graph (parsed,
 * compiled and trained exactly as `ganvas train` does) and the hand-written tfjs loop. A step
 * reads nothing back unless asked to (`log`), so a timed step is the work alone; its data is
 * ready before it starts (`prepare`).
 */
import * as tf from '@tensorflow/tfjs';
import { loadGraph } from '../src/cli/graph-file';
import { loadDigitsNode } from '../src/runtime/assets/digits-node';
import { Trainer } from '../src/runtime/trainer';
import type { Workload } from './workloads';

export type ImplKind = 'compiled' | 'hand-written' | 'pytorch';

export interface StepResult {
  losses?: Record<string, number>;
  ms?: number;
}

export interface Impl {
  kind: ImplKind;
  /**
   * One training step; with `log`, its losses read back (by the compiled graph's loss ids).
   * `ms` is the step's wall time where the implementation measures it itself (the peer, in
   * its own process); otherwise the caller times the call.
   */
  step(log: boolean): Promise<StepResult>;
  /**
   * Work for the next step that the protocol does not time ("data is pre-generated"), run
   * before it, outside its timed region: the compiled graph draws its next data here (the
   * Trainer's prefetch); the hand-written loop has pre-generated all of it.
   */
  prepare?(): void;
  /** Bytes this implementation holds that are benchmark data, not model state (excluded from resident memory). */
  dataBytes: number;
  dispose(): void;
}

/** Losses are read only when asked (the first step, the parity check): every other step reads nothing back. */
const noLogging = { logEvery: 1_000_000, previewEvery: 1_000_000 };

export async function compiled(w: Workload): Promise<Impl & { trainer: Trainer }> {
  const { plan } = loadGraph(w.preset, noLogging, () => {});
  const trainer = await Trainer.create(plan, { loadAsset: async (name) => (name === 'digits' ? loadDigitsNode() : undefined) });
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

export function handWritten(w: Workload, steps: number): Impl {
  const h = w.handWritten(steps);
  let t = 0;
  return {
    kind: 'hand-written',
    dataBytes: h.dataBytes,
    async step(log) {
      const losses = h.step(t++);
      try {
        if (!log) return {};
        return { losses: Object.fromEntries(Object.entries(losses).map(([id, v]) => [id, v.dataSync()[0]!])) };
      } finally {
        tf.dispose(Object.values(losses));
      }
    },
    dispose: () => h.dispose(),
  };
}
