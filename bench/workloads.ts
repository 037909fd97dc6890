/** The three reference workloads of ../shared/WORKLOADS.md, as the bench runs them. */
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import { flops, type WorkloadFlops } from './flops';
import { dcganStream, fastStyleStream, pix2pixStream, tensorsOf } from './handwritten/data';
import { dcgan28 } from './handwritten/dcgan-28';
import { fastStyle128 } from './handwritten/fast-style-128';
import { pix2pixLite64 } from './handwritten/pix2pix-lite-64';
import type { HandWritten } from './handwritten/types';

export type WorkloadId = 'pix2pix-lite-64' | 'fast-style-128' | 'dcgan-28';

export interface Workload {
  id: WorkloadId;
  /** The graph document the compiled rows train. */
  preset: string;
  flops: WorkloadFlops;
  handWritten: (steps: number) => HandWritten;
  /** A stream of the per-step data (what the compiled graph's sources draw each iteration). */
  dataStream: () => () => tf.Tensor[];
  /** The PyTorch peer's module in bench/peer. */
  peer: string;
}

/** The bench preset's path, wherever the bench runs from. */
const preset = (id: string) => fileURLToPath(new URL(`../presets/bench/${id}.ganvas.json`, import.meta.url));

const flat = (next: () => tf.Tensor | Record<string, tf.Tensor>) => () => tensorsOf(next());

export const workloads: readonly Workload[] = [
  { id: 'pix2pix-lite-64', preset: preset('pix2pix-lite-64'), flops: flops['pix2pix-lite-64'], handWritten: pix2pixLite64, dataStream: () => flat(pix2pixStream()), peer: 'pix2pix' },
  { id: 'fast-style-128', preset: preset('fast-style-128'), flops: flops['fast-style-128'], handWritten: fastStyle128, dataStream: () => flat(fastStyleStream()), peer: 'faststyle' },
  { id: 'dcgan-28', preset: preset('dcgan-28'), flops: flops['dcgan-28'], handWritten: dcgan28, dataStream: () => flat(dcganStream()), peer: 'dcgan' },
];

export function workload(id: string): Workload {
  const w = workloads.find((x) => x.id === id);
  if (!w) throw new Error(`Unknown workload "${id}"; the workloads are ${workloads.map((x) => x.id).join(', ')}.`);
  return w;
}
