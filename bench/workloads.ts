/** The three reference workloads of ../shared/WORKLOADS.md, as the bench runs them. */
import { fileURLToPath } from 'node:url';
import { flops, type WorkloadFlops } from './flops';
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
  /** The PyTorch peer's module in bench/peer. */
  peer: string;
}

/** The bench preset's path, wherever the bench runs from. */
const preset = (id: string) => fileURLToPath(new URL(`../presets/bench/${id}.ganvas.json`, import.meta.url));

export const workloads: readonly Workload[] = [
  { id: 'pix2pix-lite-64', preset: preset('pix2pix-lite-64'), flops: flops['pix2pix-lite-64'], handWritten: pix2pixLite64, peer: 'pix2pix' },
  { id: 'fast-style-128', preset: preset('fast-style-128'), flops: flops['fast-style-128'], handWritten: fastStyle128, peer: 'faststyle' },
  { id: 'dcgan-28', preset: preset('dcgan-28'), flops: flops['dcgan-28'], handWritten: dcgan28, peer: 'dcgan' },
];

export function workload(id: string): Workload {
  const w = workloads.find((x) => x.id === id);
  if (!w) throw new Error(`Unknown workload "${id}"; the workloads are ${workloads.map((x) => x.id).join(', ')}.`);
  return w;
}
