/**
 * The protocol of ../shared/WORKLOADS.md in the bench page, for one workload on the backend the
 * page started: compiled graph and hand-written loop built side by side, step 1 with losses read
 * back (parity, before any timing), warm-up, then timed steps interleaved in rounds of one step
 * each in alternating order. Before each step, outside its time, the compiled graph draws its next
 * data (the protocol does not time data). Each timed step ends at a fence, so GPU work is inside its time;
 * reads of tensor data during the timed steps are counted. One more untimed step per
 * implementation runs under tf.profile for peak memory (and per-kernel times where the backend
 * has a timer).
 */
import * as tf from '@tensorflow/tfjs';
import type { Impl } from '../impls';
import { PARITY_TOLERANCE, type Parity } from '../parity';
import { profileStep, type StepProfile } from '../profile';
import { roundOrder, summarize, worstRelative, type Summary } from '../stats';
import type { WorkloadId } from '../workloads';
import { compiledImpl, handWrittenImpl } from './page-impls';
import { countReads, fence } from './readbacks';

export interface PageProtocol {
  warmup: number;
  timed: number;
}

export interface PageImplResult {
  impl: 'compiled' | 'hand-written';
  samples: number[];
  summary: Summary;
  losses: Record<string, number>;
  parity?: Parity;
  /** Reads of tensor data per timed step (the fence excluded). */
  readbacksPerStep: number;
  /** Reads during step 1, whose losses are read back: shows the counter sees reads at all. */
  readbacksLoggedStep: number;
  leakedTensors: number;
  profile: StepProfile;
}

export async function measureInPage(id: WorkloadId, p: PageProtocol, log: (line: string) => void): Promise<PageImplResult[]> {
  const c = await compiledImpl(id);
  const h = handWrittenImpl(id, p.warmup + p.timed + 1);
  const impls: Impl[] = [c, h];
  const reads = countReads();
  try {
    const first = new Map<Impl, Record<string, number>>();
    const loggedReads = new Map<Impl, number>();
    for (const impl of impls) {
      impl.prepare?.();
      reads.reset();
      first.set(impl, (await impl.step(true)).losses ?? {});
      loggedReads.set(impl, reads.count);
      await fence();
    }
    const parity = (): Parity => {
      const { key, rel } = worstRelative(first.get(h)!, first.get(c)!);
      return { against: 'compiled', key, rel, ok: rel <= PARITY_TOLERANCE };
    };
    const q = parity();
    log(`step-1 losses, hand-written vs compiled: worst ${q.key} ${q.rel.toExponential(1)} relative (${q.ok ? 'ok' : 'MISMATCH'})`);
    for (let r = 1; r < p.warmup; r++)
      for (const impl of roundOrder(impls, r)) {
        impl.prepare?.();
        await impl.step(false);
        await fence();
      }
    const samples = new Map<Impl, number[]>(impls.map((i) => [i, []]));
    const leaked = new Map<Impl, number>(impls.map((i) => [i, 0]));
    const readCount = new Map<Impl, number>(impls.map((i) => [i, 0]));
    for (let r = 0; r < p.timed; r++) {
      for (const impl of roundOrder(impls, r)) {
        // Counted before prepare: what it draws (the next data, outside the timed step), the step takes.
        const tensors = tf.memory().numTensors;
        if (impl.prepare) {
          impl.prepare();
          await fence();
        }
        reads.reset();
        const t0 = performance.now();
        await impl.step(false);
        await reads.paused(fence);
        const ms = performance.now() - t0;
        readCount.set(impl, readCount.get(impl)! + reads.count);
        if (r > 0) leaked.set(impl, leaked.get(impl)! + tf.memory().numTensors - tensors);
        samples.get(impl)!.push(ms);
      }
      log(`round ${r + 1}/${p.timed}: ${impls.map((i) => `${i.kind} ${samples.get(i)!.at(-1)!.toFixed(0)} ms`).join(', ')}`);
    }
    const profiles = new Map<Impl, StepProfile>();
    for (const impl of impls) {
      impl.prepare?.();
      profiles.set(
        impl,
        await profileStep(async () => {
          await impl.step(false);
          await fence();
        }),
      );
    }
    return impls.map((impl) => ({
      impl: impl.kind as 'compiled' | 'hand-written',
      samples: samples.get(impl)!,
      summary: summarize(samples.get(impl)!),
      losses: first.get(impl)!,
      ...(impl === h ? { parity: parity() } : {}),
      readbacksPerStep: readCount.get(impl)! / p.timed,
      readbacksLoggedStep: loggedReads.get(impl)!,
      leakedTensors: leaked.get(impl)!,
      profile: profiles.get(impl)!,
    }));
  } finally {
    reads.restore();
    for (const impl of impls) impl.dispose();
  }
}
