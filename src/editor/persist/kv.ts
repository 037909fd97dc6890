/**
 * The smallest storage the editor needs: string keys, structured-clonable values, async.
 * The browser uses IndexedDB (idb-keyval); tests use a Map that clones like IndexedDB does,
 * so a test cannot pass by sharing an object between a write and a later read.
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';

export interface Kv {
  /** Whatever was stored, which is outside data: callers check it before use. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/**
 * Ganvas's own IndexedDB database, so that nothing else on the origin shares its keys.
 * idb-keyval creates one object store per database (createStore never upgrades an existing
 * database), so anything else Ganvas keeps in IndexedDB needs a database name of its own.
 */
export function idbKv(dbName = 'ganvas', storeName = 'graphs'): Kv {
  // Opened lazily: createStore opens the database at once, which must not happen on import.
  let store: UseStore | undefined;
  const s = () => (store ??= createStore(dbName, storeName));
  return {
    get: (key) => get(key, s()),
    set: (key, value) => set(key, value, s()),
    del: (key) => del(key, s()),
    // Another program on the origin could have written non-string keys: they are not ours.
    keys: async () => (await keys(s())).filter((k): k is string => typeof k === 'string'),
  };
}

export function memoryKv(initial: Record<string, unknown> = {}): Kv & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>(Object.entries(initial).map(([k, v]) => [k, structuredClone(v)]));
  return {
    map,
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => {
      map.set(key, structuredClone(value));
    },
    del: async (key) => {
      map.delete(key);
    },
    keys: async () => [...map.keys()],
  };
}
