/** What the browser rows run on each backend (issue 6, ../shared/WORKLOADS.md protocol). */
import type { WorkloadId } from '../workloads';
import type { PageProtocol } from './page-measure';

/** Compiled ÷ hand-written on wasm and real GPUs. */
const TARGET = 1.05;

export type BrowserBackend = 'webgpu' | 'webgl' | 'wasm';
export const browserBackends: readonly BrowserBackend[] = ['webgpu', 'webgl', 'wasm'];

export interface BrowserPlan {
  protocol: PageProtocol;
  workloads: WorkloadId[];
  /** Software-emulated GPU backends carry no target. */
  target?: number;
}

/** What runs where (issue 6): the full protocol on wasm and real GPUs, A only with 1 + 5 on software GPUs. */
export function browserPlan(backend: BrowserBackend, software: string | undefined, mode: 'full' | 'quick', ids: readonly WorkloadId[]): BrowserPlan {
  if (software && backend !== 'wasm') return { protocol: mode === 'full' ? { warmup: 1, timed: 5 } : { warmup: 1, timed: 2 }, workloads: ids.filter((id) => id === 'pix2pix-lite-64') };
  return { protocol: mode === 'full' ? { warmup: 3, timed: 20 } : { warmup: 1, timed: 3 }, workloads: [...ids], target: TARGET };
}

