/**
 * Checkpoints of browser training, in IndexedDB: one per graph (keyed by the editor's graph
 * id), written by the training worker every N iterations and on pause, read by the worker to
 * resume and, for its small card, by the page to offer resuming after a reload. The card and
 * the checkpoint are two entries, so the page never reads the weights. Imports no tfjs.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { z } from 'zod';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './checkpoint-format';
import type { Checkpoint } from './state';

export const zCheckpointCard = z.object({
  /** Iterations completed when it was saved. */
  step: z.int().min(0),
  /** Milliseconds since 1970. */
  savedAt: z.number().finite(),
  /** trainingFingerprint of the graph it was trained from. */
  fingerprint: z.string().max(100),
  backend: z.string().max(20),
});
export type CheckpointCard = z.infer<typeof zCheckpointCard>;

export interface CheckpointStore {
  save(key: string, c: Checkpoint, card: CheckpointCard): Promise<void>;
  /** The checkpoint and its card; undefined when there is none or what is stored is not one. */
  load(key: string): Promise<{ checkpoint: Checkpoint; card: CheckpointCard } | undefined>;
  card(key: string): Promise<CheckpointCard | undefined>;
  remove(key: string): Promise<void>;
}

interface Raw {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

function isCheckpoint(v: unknown): v is Checkpoint {
  const c = v as Partial<Checkpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.format === CHECKPOINT_FORMAT &&
    c.version === CHECKPOINT_VERSION &&
    typeof c.layout === 'string' &&
    typeof c.weights === 'object' &&
    Object.values(c.weights ?? {}).every((w) => ArrayBuffer.isView(w?.data) && Array.isArray(w.shape))
  );
}

export function checkpointStore(raw: Raw): CheckpointStore {
  const card = async (key: string) => {
    const r = zCheckpointCard.safeParse(await raw.get('card:' + key));
    return r.success ? r.data : undefined;
  };
  return {
    async save(key, c, info) {
      // The weights first: a card never points at a checkpoint that is not there.
      await raw.set('data:' + key, c);
      await raw.set('card:' + key, info);
    },
    async load(key) {
      const info = await card(key);
      const c = await raw.get('data:' + key);
      return info && isCheckpoint(c) ? { checkpoint: c, card: info } : undefined;
    },
    card,
    async remove(key) {
      await raw.del('card:' + key);
      await raw.del('data:' + key);
    },
  };
}

/** The browser's store: a database of its own (idb-keyval keeps one object store per database). */
export function idbCheckpoints(): CheckpointStore {
  let store: UseStore | undefined;
  const s = () => (store ??= createStore('ganvas-checkpoints', 'checkpoints'));
  return checkpointStore({ get: (k) => get(k, s()), set: (k, v) => set(k, v, s()), del: (k) => del(k, s()) });
}

/** For tests: values cloned on the way in and out, as IndexedDB does. */
export function memoryCheckpoints(): CheckpointStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return Object.assign(
    checkpointStore({
      get: async (k) => structuredClone(map.get(k)),
      set: async (k, v) => void map.set(k, structuredClone(v)),
      del: async (k) => void map.delete(k),
    }),
    { map },
  );
}
