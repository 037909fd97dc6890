/**
 * The Node rows of `npm run bench`: the three workloads on wasm (the full protocol) and cpu
 * (workload A only, 1 warm-up + 5 timed steps, no target), each as the compiled graph against
 * a hand-written tfjs loop of the same model and, where torch is installed, a PyTorch peer, all
 * timed in the same run; time to the first step in a fresh process (bench/first-step.ts).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend, type NodeBackendName } from '../src/runtime/backends/node';
import { measureWorkload, type ImplResult, type Protocol } from './measure';
import { findPeerPython } from './peer';
import type { BenchResults, BenchRow } from './results';
import { gflops, ratio } from './stats';
import { workload, type WorkloadId } from './workloads';

const here = dirname(fileURLToPath(import.meta.url));

/** WORKLOADS.md: 3 warm-up + 20 timed on wasm; the issue: cpu runs A only, 1 + 5. Quick runs are smoke checks. */
const protocols: Record<'full' | 'quick', Record<NodeBackendName, Protocol & { workloads?: WorkloadId[] }>> = {
  full: { wasm: { warmup: 3, timed: 20 }, cpu: { warmup: 1, timed: 5, workloads: ['pix2pix-lite-64'] } },
  quick: { wasm: { warmup: 1, timed: 3 }, cpu: { warmup: 1, timed: 2, workloads: ['pix2pix-lite-64'] } },
};

/** Compiled ÷ hand-written on wasm (issue 6); cpu carries no target. */
const TARGET = 1.05;

export interface NodeRun {
  rows: BenchRow[];
  profiles: BenchResults['profiles'];
  notes: string[];
  protocol: BenchResults['protocol'];
  peer: BenchResults['peer'];
}

export async function runNodeBench(o: { mode: 'full' | 'quick'; workloads: readonly WorkloadId[]; backends: readonly NodeBackendName[]; peer: boolean; log: (line: string) => void }): Promise<NodeRun> {
  const { log } = o;
  const found = o.peer ? findPeerPython() : { missing: 'turned off with --no-peer' };
  const python = 'python' in found ? found.python : undefined;
  log('python' in found ? `PyTorch peer: torch ${found.torch} (${found.python})` : `PyTorch peer skipped: ${found.missing}`);
  // tf.profile otherwise reads every kernel's output back to look for NaNs.
  tf.env().set('CHECK_COMPUTATION_FOR_ERRORS', false);

  const rows: BenchRow[] = [];
  const profiles: BenchResults['profiles'] = [];
  const notes: string[] = [];
  const protocolUsed: BenchResults['protocol'] = {};
  let peerInfo: BenchResults['peer'] = { skipped: 'missing' in found ? found.missing : '' };
  for (const backend of o.backends) {
    const p = protocols[o.mode][backend];
    const ids = o.workloads.filter((id) => !p.workloads || p.workloads.includes(id));
    if (ids.length === 0) continue;
    await initNodeBackend(backend);
    protocolUsed[backend] = { warmup: p.warmup, timed: p.timed, workloads: ids };
    for (const id of ids) {
      const w = workload(id);
      log(`${id} on ${backend}: ${p.warmup} warm-up + ${p.timed} timed steps`);
      const withPeer = backend === 'wasm' ? python : undefined;
      const results = await measureWorkload(w, p, { ...(withPeer ? { python: withPeer } : {}), log });
      const first = { compiled: firstStep(id, backend, 'compiled', log), 'hand-written': firstStep(id, backend, 'hand-written', log) };
      const by = (kind: ImplResult['impl']) => results.find((r) => r.impl === kind);
      const hand = by('hand-written')!.summary.median;
      const peerMedian = by('pytorch')?.summary.median;
      for (const r of results) {
        const isPeer = r.impl === 'pytorch';
        const vsHand = r.impl === 'compiled' ? ratio(r.summary.median, hand) : undefined;
        const target = r.impl === 'compiled' && backend === 'wasm' ? TARGET : undefined;
        const firstStepMs = isPeer ? r.firstStepMs : first[r.impl as 'compiled' | 'hand-written'];
        const vsPeer = isPeer ? undefined : ratio(r.summary.median, peerMedian);
        rows.push({
          workload: id,
          backend: isPeer ? 'torch' : backend,
          impl: r.impl,
          warmup: p.warmup,
          timed: p.timed,
          ms: r.summary,
          samples: r.samples.map((v) => Math.round(v * 1000) / 1000),
          gflops: gflops(w.flops.train, r.summary.median),
          ...(r.profile ? { peakBytes: r.profile.peakBytes, peakTensors: r.profile.peakTensors } : {}),
          ...(r.residentBytes !== undefined ? { residentBytes: r.residentBytes, leakedTensors: r.leakedTensors } : {}),
          ...(firstStepMs !== undefined && Number.isFinite(firstStepMs) ? { firstStepMs } : {}),
          ...(vsHand !== undefined ? { vsHandWritten: vsHand } : {}),
          ...(vsPeer !== undefined ? { vsPeer } : {}),
          ...(target !== undefined && vsHand !== undefined ? { target, meetsTarget: vsHand <= target } : {}),
          ...(r.parity ? { parity: r.parity } : {}),
          losses: r.losses,
          ...(r.prefetchMs !== undefined ? { prefetchMs: r.prefetchMs } : {}),
        });
        if (r.profile) profiles.push({ workload: id, backend, impl: r.impl, kernelMs: r.profile.kernelMs, kernels: r.profile.kernels, top: r.profile.top });
        if (r.parity && !r.parity.ok) notes.push(`${id} on ${backend}: the ${r.impl} step-1 losses differ from the compiled graph's (${r.parity.key}, ${r.parity.rel.toExponential(1)} relative): the ratio compares different models.`);
        if (r.leakedTensors) notes.push(`${id} on ${backend}: the ${r.impl} loop left ${r.leakedTensors} tensors behind over its timed steps.`);
      }
      if (python && backend === 'wasm' && by('pytorch')) peerInfo = { python, torch: 'torch' in found ? found.torch : '', threads: 2 };
      log(`  medians: ${results.map((r) => `${r.impl} ${r.summary.median.toFixed(1)} ms`).join(', ')}`);
    }
  }
  return { rows, profiles, notes, protocol: protocolUsed, peer: peerInfo };
}

/** Building and running the first step in a fresh process (bench/first-step.ts). */
function firstStep(id: string, backend: NodeBackendName, impl: 'compiled' | 'hand-written', log: (line: string) => void): number | undefined {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'first-step.ts'), id, backend, impl], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) {
    log(`  first step of ${impl} ${id} on ${backend} failed: ${(r.stderr ?? '').trim().split('\n').slice(-2).join(' ').slice(0, 300)}`);
    return undefined;
  }
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number }).ms;
}
