/** A TrainingSession driven in Node for tests: records what it posts and waits for messages. */
import type { FromWorker } from '../protocol';
import { TrainingSession, type SessionDeps } from './session';

export function harness(deps: Partial<SessionDeps> = {}) {
  const messages: FromWorker[] = [];
  const waiters: { test: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];
  const session = new TrainingSession(
    (m) => {
      messages.push(m);
      for (const w of [...waiters])
        if (w.test(m)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
    },
    {
      initBackend: async () => ({ name: 'cpu', reasons: [] }),
      loadAsset: async (name) => Promise.reject(new Error(`no ${name}`)),
      ...deps,
    },
  );
  /** The first message, already posted or still to come, that passes `test`. */
  const until = (test: (m: FromWorker) => boolean) =>
    new Promise<FromWorker>((resolve) => {
      const seen = messages.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  const status = (s: string) => (m: FromWorker) => m.type === 'status' && m.status === s;
  return { session, messages, until, status };
}

export const steps = (ms: FromWorker[]) => ms.filter((m) => m.type === 'progress').map((m) => m.step);

export const lossesAt = (ms: FromWorker[]) =>
  Object.fromEntries(ms.flatMap((m) => (m.type === 'progress' && m.losses ? [[m.step, m.losses] as const] : [])));

export const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));
