/**
 * Starting a training run on a backend that can run it: after a backend starts, a pass of every
 * optimizer's gradients and every tap (which changes nothing) checks that it has every kernel
 * the plan needs; one that fails is left for the next in the order, with the reason shown. Data
 * that cannot be loaded is the graph's problem on every backend, not the backend's.
 */
import type { TrainingPlan } from '../../graph/plan';
import type { CheckpointCard } from '../checkpoint-store';
import type { BackendChoice, BackendName, FromWorker, WireImage } from '../protocol';
import type { Checkpoint } from '../state';
import { Trainer } from '../trainer';
import type { SessionDeps, StartedBackend } from './session';

/** Data a node needs could not be loaded: no backend would do better. */
class DataError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export interface CheckedStart {
  backend: BackendChoice;
  images: Record<string, WireImage>;
  /** Where the weights come from, and the checkpoint they come from when not fresh. */
  from: 'fresh' | 'checkpoint' | 'weights';
  saved?: { checkpoint: Checkpoint; card: CheckpointCard };
}

export async function startChecked(
  deps: SessionDeps,
  plan: TrainingPlan,
  s: CheckedStart,
  post: (m: FromWorker) => void,
  checking: (name: BackendName) => void,
): Promise<{ trainer: Trainer; backend: StartedBackend }> {
  // The user's pictures come with the message; a picture that is missing is skipped by its source.
  const cache = new Map<string, Promise<unknown>>();
  const loadAsset = (name: string) => {
    if (!cache.has(name))
      cache.set(name, (name.startsWith('image:') ? Promise.resolve(s.images[name.slice(6)]) : deps.loadAsset(name)).catch((e: unknown) => Promise.reject(new DataError(e))));
    return cache.get(name)!;
  };
  const excluded: BackendName[] = [];
  const failed: string[] = [];
  for (;;) {
    const backend = await deps.initBackend(excluded.length ? 'auto' : s.backend, excluded);
    post({ type: 'backend', name: backend.name, reasons: [...failed, ...backend.reasons] });
    let trainer: Trainer | undefined;
    try {
      checking(backend.name);
      trainer = await Trainer.create(plan, { loadAsset });
      for (const o of plan.optimizers) await trainer.gradients(o.id);
      await trainer.taps();
    } catch (e) {
      trainer?.dispose();
      if (e instanceof DataError) throw e.cause;
      failed.push(`${backend.name}: it could not run this graph (${e instanceof Error ? e.message : String(e)}).`);
      excluded.push(backend.name);
      continue;
    }
    try {
      if (s.saved && s.from === 'checkpoint') await trainer.resume(s.saved.checkpoint);
      if (s.saved && s.from === 'weights') post({ type: 'notice', text: adoptedNotice(await trainer.adopt(s.saved.checkpoint)) });
    } catch (e) {
      trainer.dispose();
      throw e;
    }
    return { trainer, backend };
  }
}

function adoptedNotice({ kept, fresh }: { kept: string[]; fresh: string[] }): string {
  const list = (ids: string[]) => ids.map((id) => `“${id}”`).join(', ');
  return [
    kept.length ? `Kept the trained weights of ${list(kept)}.` : 'No network kept its shapes, so every weight starts afresh.',
    kept.length && fresh.length ? `${list(fresh)} changed shape and start${fresh.length === 1 ? 's' : ''} afresh.` : '',
    'Optimizer state starts afresh.',
  ]
    .filter(Boolean)
    .join(' ');
}
