/**
 * Where a step spends its time, per kernel, from tf.profile: one untimed step, each kernel
 * timed by the backend (on wasm, wall time around the synchronous kernel). Also gives the
 * step's peak tensor memory. tfjs's custom-gradient wrappers (ops named `…__op`, e.g.
 * fusedConv2d__op) are profiled around kernels that are profiled themselves, so they are
 * left out of the sums rather than counted twice.
 */
import * as tf from '@tensorflow/tfjs';

export interface KernelRecord {
  name: string;
  kernelTimeMs: number | { error: string } | Promise<number | { error: string }>;
  totalBytesSnapshot: number;
  totalTensorsSnapshot: number;
  inputShapes: (number[] | null)[];
}

export interface KernelSummary {
  name: string;
  calls: number;
  ms: number;
}

export interface StepProfile {
  /** Sum of the kernels' times. */
  kernelMs: number;
  /** Peak bytes and tensors above those held when the step started. */
  peakBytes: number;
  peakTensors: number;
  kernels: KernelSummary[];
  /** The costliest single calls: kernel and input shapes. */
  top: { name: string; inputs: string; ms: number }[];
}

const isWrapper = (name: string) => name.endsWith('__op');
const msOf = (t: unknown) => (typeof t === 'number' && Number.isFinite(t) ? t : 0);

/** Sums resolved kernel records by kernel name, costliest first. */
export function summarizeKernels(records: readonly { name: string; ms: number; inputs?: string }[], topN = 8): { kernelMs: number; kernels: KernelSummary[]; top: StepProfile['top'] } {
  const by = new Map<string, KernelSummary>();
  let kernelMs = 0;
  const own = records.filter((r) => !isWrapper(r.name));
  for (const r of own) {
    const e = by.get(r.name) ?? { name: r.name, calls: 0, ms: 0 };
    e.calls++;
    e.ms += r.ms;
    kernelMs += r.ms;
    by.set(r.name, e);
  }
  const kernels = [...by.values()].sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name));
  const top = [...own].sort((a, b) => b.ms - a.ms).slice(0, topN).map((r) => ({ name: r.name, inputs: r.inputs ?? '', ms: r.ms }));
  return { kernelMs, kernels, top };
}

/** Runs one step under tf.profile. */
export async function profileStep(step: () => Promise<unknown>): Promise<StepProfile> {
  const start = tf.memory();
  const info = await tf.profile(async () => {
    await step();
  });
  const kernels = info.kernels as unknown as KernelRecord[];
  const records = await Promise.all(
    kernels.map(async (k) => ({ name: k.name, ms: msOf(await k.kernelTimeMs), inputs: k.inputShapes.map((s) => `[${(s ?? []).join(",")}]`).join(" ") })),
  );
  const peakTensors = Math.max(0, ...kernels.filter((k) => !isWrapper(k.name)).map((k) => k.totalTensorsSnapshot)) - start.numTensors;
  return { ...summarizeKernels(records), peakBytes: Math.max(0, info.peakBytes - start.numBytes), peakTensors: Math.max(0, peakTensors) };
}
