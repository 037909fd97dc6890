/**
 * The protocol of ../shared/WORKLOADS.md for one workload on one backend: the implementations
 * are built side by side, run their first step with losses read back (the parity check, before
 * any timing), then warm up and run their timed steps interleaved, in rounds of one step each
 * in alternating order, so machine noise and drift hit all of them alike. Before each step, outside its
 * time, an implementation prepares what the protocol does not time (the compiled graph draws its next
 * data: "data is pre-generated and is not timed"). One more, untimed step per tfjs
 * implementation runs under tf.profile, for peak memory and the per-kernel profile.
 */
import * as tf from '@tensorflow/tfjs';
import { compiled, handWritten, type Impl, type ImplKind } from './impls';
import { PARITY_TOLERANCE, type Parity } from './parity';
import { startPeer, type Peer } from './peer';
import { profileStep, type StepProfile } from './profile';
import { roundOrder, summarize, worstRelative, type Summary } from './stats';
import type { Workload } from './workloads';

export interface Protocol {
  warmup: number;
  timed: number;
}

export { PARITY_TOLERANCE, type Parity } from './parity';

export interface ImplResult {
  impl: ImplKind;
  samples: number[];
  summary: Summary;
  /** Step-1 losses. */
  losses: Record<string, number>;
  parity?: Parity;
  /** Tensor bytes the implementation keeps between steps (weights, optimizer slots, cached values), its data excluded. */
  residentBytes?: number;
  profile?: StepProfile;
  /** Tensors left behind over the timed steps (0 for a loop that disposes everything). */
  leakedTensors?: number;
  /** Median time of `prepare` before each timed step (the compiled graph drawing its next data), not part of the step's time. */
  prefetchMs?: number;
  /** The peer: building its model and running its first step, in its own fresh process. */
  firstStepMs?: number;
}

export interface MeasureOptions {
  /** A Python with torch, to run the peer; none skips it. */
  python?: string;
  log: (line: string) => void;
}

export async function measureWorkload(w: Workload, p: Protocol, o: MeasureOptions): Promise<ImplResult[]> {
  const steps = p.warmup + p.timed;
  const resident = new Map<Impl, number>();
  const tracked = async <T extends Impl>(make: () => Promise<T> | T): Promise<T> => {
    const before = tf.memory().numBytes;
    const impl = await make();
    resident.set(impl, tf.memory().numBytes - before - impl.dataBytes);
    return impl;
  };
  const c = await tracked(() => compiled(w));
  const h = await tracked(() => handWritten(w, steps + 1));
  const impls: Impl[] = [c, h];
  try {
    if (o.python) impls.push(await startPeer(o.python, w.peer, steps));

    // Step 1, read back: both compute the same model, or the ratio means nothing.
    const first = new Map<Impl, Record<string, number>>();
    let peerFirstMs: number | undefined;
    for (const impl of impls) {
      const before = tf.memory().numBytes;
      impl.prepare?.();
      const r = await impl.step(true);
      if (resident.has(impl)) resident.set(impl, resident.get(impl)! + tf.memory().numBytes - before);
      else if ('buildMs' in impl) peerFirstMs = (impl as Peer).buildMs + (r.ms ?? NaN);
      first.set(impl, r.losses ?? {});
    }
    const parity = (impl: Impl): Parity => {
      const { key, rel } = worstRelative(first.get(impl)!, first.get(c)!);
      return { against: 'compiled', key, rel, ok: rel <= PARITY_TOLERANCE };
    };
    for (const impl of impls.slice(1)) {
      const q = parity(impl);
      o.log(`  step-1 losses, ${impl.kind} vs compiled: worst ${q.key} ${q.rel.toExponential(1)} relative (${q.ok ? 'ok' : 'MISMATCH'}, tolerance ${PARITY_TOLERANCE})`);
    }

    // The tfjs implementations alternate; the peer, where there is one, goes first in every round,
    // so each of them follows the other and the peer's process equally often.
    const order = (r: number) => [...impls.slice(2), ...roundOrder([c, h], r)];
    for (let r = 1; r < p.warmup; r++)
      for (const impl of order(r)) {
        impl.prepare?.();
        await impl.step(false);
      }

    const samples = new Map<Impl, number[]>(impls.map((i) => [i, []]));
    const leaked = new Map<Impl, number>(impls.map((i) => [i, 0]));
    const prepared = new Map<Impl, number[]>(impls.map((i) => [i, []]));
    for (let r = 0; r < p.timed; r++) {
      for (const impl of order(r)) {
        // Counted before prepare: what it draws, the step takes.
        const tensors = tf.memory().numTensors;
        if (impl.prepare) {
          const p0 = performance.now();
          impl.prepare();
          prepared.get(impl)!.push(performance.now() - p0);
        }
        const t0 = performance.now();
        const res = await impl.step(false);
        const ms = res.ms ?? performance.now() - t0;
        // From the end of the first timed step on: the count after step N must equal the count after that one.
        if (r > 0) leaked.set(impl, leaked.get(impl)! + tf.memory().numTensors - tensors);
        samples.get(impl)!.push(ms);
      }
    }
    const profiles = new Map<Impl, StepProfile>();
    for (const impl of [c, h]) {
      impl.prepare?.();
      profiles.set(impl, await profileStep(() => impl.step(false)));
    }

    return impls.map((impl) => ({
      impl: impl.kind,
      samples: samples.get(impl)!,
      summary: summarize(samples.get(impl)!),
      losses: first.get(impl)!,
      ...(impl === c ? {} : { parity: parity(impl) }),
      ...(prepared.get(impl)!.length > 0 ? { prefetchMs: summarize(prepared.get(impl)!).median } : {}),
      ...(impl.kind === 'pytorch' && peerFirstMs !== undefined ? { firstStepMs: peerFirstMs } : {}),
      ...(resident.has(impl) ? { residentBytes: resident.get(impl)!, leakedTensors: leaked.get(impl)!, profile: profiles.get(impl)! } : {}),
    }));
  } finally {
    for (const impl of impls) impl.dispose();
  }
}
