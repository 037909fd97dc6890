/**
 * "My graphs": the user's graphs in browser storage. A graph is two entries, its document as
 * JSON text (`doc:<id>`) and a small card for the list (`info:<id>`: title, time of the last
 * save), so that listing reads no documents and two tabs never rewrite a shared index.
 * Whatever is read back is outside data: documents go through parseGraphDoc, cards through
 * a schema, and a card that is missing or broken is rebuilt from what can be read. Rename
 * and duplicate touch only the title, so a stored entry is never "repaired" behind the
 * user's back: repairs reach storage when the editor saves the document it opened.
 */
import { z } from 'zod';
import { say } from '../../nodes/messages';
import { diag } from '../../graph/diagnostics';
import { MAX_GRAPH_BYTES, parseGraphDoc, type ParseResult } from '../../graph/parse';
import { zMeta, type GraphDoc } from '../../graph/schema';
import { serializeDoc } from './files';
import type { Kv } from './kv';

export interface GraphEntry {
  id: string;
  title: string;
  /** Milliseconds since 1970 of the last save. 0 when unknown. */
  updated: number;
}

export interface Library {
  /** Every stored graph, newest first, including those that no longer open. */
  list(): Promise<GraphEntry[]>;
  /** The stored document read through parseGraphDoc; a missing or broken one gives diagnostics. */
  load(id: string): Promise<ParseResult & { id: string }>;
  /** Rejects with GraphTooLargeError, or with the storage's error (e.g. a full quota). */
  save(id: string, doc: GraphDoc): Promise<void>;
  create(doc: GraphDoc): Promise<string>;
  rename(id: string, title: string): Promise<void>;
  duplicate(id: string): Promise<string>;
  remove(id: string): Promise<void>;
  /** The graph opened last, if it still exists. */
  lastOpened(): Promise<string | undefined>;
  setLastOpened(id: string): Promise<void>;
}

export interface LibraryOptions {
  now?: () => number;
  newId?: () => string;
}

/** Thrown by save when a document is larger than parseGraphDoc would read back. */
export class GraphTooLargeError extends Error {
  constructor(readonly chars: number) {
    super(`a graph of ${chars} characters is larger than ${MAX_GRAPH_BYTES}`);
    this.name = 'GraphTooLargeError';
  }
}

const DOC = 'doc:';
const INFO = 'info:';
const LAST = 'lastOpened';
const TITLE_MAX = zMeta.shape.title.unwrap().maxLength ?? 200;
const UNTITLED = zMeta.parse({}).title;

const zInfo = z.object({ title: z.string(), updated: z.number().finite() });

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 16 url-safe characters, 96 random bits: 64 symbols divide 256, so every symbol is equally likely. */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => alphabet[b & 63]).join('');
}

/** A title the schema accepts: a longer or empty one would be replaced by the default on reading. */
export function normalizeTitle(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX).trim();
  return t || UNTITLED;
}

/** The title of a stored value that may not parse as a graph, if it has one. */
function readableTitle(raw: unknown): string {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return UNTITLED;
    }
  }
  const title = (value as { meta?: { title?: unknown } } | null)?.meta?.title;
  return typeof title === 'string' ? normalizeTitle(title) : UNTITLED;
}

/**
 * The stored value with a new title, changed in place rather than through parseGraphDoc,
 * whose repairs (a node entry left out, a wire dropped) must not be written back unasked.
 * undefined when the value is not a JSON object and so has no title to change.
 */
function withTitle(raw: unknown, title: string): string | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  const meta = typeof obj.meta === 'object' && obj.meta !== null && !Array.isArray(obj.meta) ? obj.meta : {};
  return `${JSON.stringify({ ...obj, meta: { ...meta, title } }, null, 2)}\n`;
}

export function createLibrary(kv: Kv, opts: LibraryOptions = {}): Library {
  const now = opts.now ?? Date.now;
  const newId = opts.newId ?? randomId;

  const docIds = async () => (await kv.keys()).filter((k) => k.startsWith(DOC)).map((k) => k.slice(DOC.length));

  async function freshId(): Promise<string> {
    const taken = new Set(await docIds());
    for (;;) {
      const id = newId();
      if (!taken.has(id)) return id;
    }
  }

  async function raw(id: string): Promise<unknown> {
    const value = await kv.get(DOC + id);
    if (value === undefined) throw new Error(say('graphNotFound', {}));
    return value;
  }

  async function save(id: string, doc: GraphDoc): Promise<void> {
    const text = serializeDoc(doc);
    if (text.length > MAX_GRAPH_BYTES) throw new GraphTooLargeError(text.length);
    await kv.set(DOC + id, text);
    await kv.set(INFO + id, { title: doc.meta.title, updated: now() });
  }

  async function create(doc: GraphDoc): Promise<string> {
    const id = await freshId();
    await save(id, doc);
    return id;
  }

  /** The card of a stored graph, or one rebuilt from its text when the card is missing or broken. */
  async function card(id: string, value?: unknown): Promise<GraphEntry> {
    const info = zInfo.safeParse(await kv.get(INFO + id));
    if (info.success) return { id, title: normalizeTitle(info.data.title), updated: info.data.updated };
    return { id, title: readableTitle(value === undefined ? await kv.get(DOC + id) : value), updated: 0 };
  }

  return {
    async list() {
      const entries = await Promise.all((await docIds()).map((id) => card(id)));
      return entries.sort((a, b) => b.updated - a.updated || a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
    },

    async load(id) {
      const value = await kv.get(DOC + id);
      if (value === undefined) return { id, diagnostics: [diag('error', 'graphNotFound', {})] };
      return { ...parseGraphDoc(value), id };
    },

    save,
    create,

    async rename(id, title) {
      const t = normalizeTitle(title);
      const changed = withTitle(await raw(id), t);
      // Text that is not a JSON object stays as it is: only its card changes.
      if (changed !== undefined) await kv.set(DOC + id, changed);
      await kv.set(INFO + id, { title: t, updated: now() });
    },

    async duplicate(id) {
      const value = await raw(id);
      const title = normalizeTitle(say('copyOf', { title: (await card(id, value)).title }));
      const copy = await freshId();
      await kv.set(DOC + copy, withTitle(value, title) ?? value);
      await kv.set(INFO + copy, { title, updated: now() });
      return copy;
    },

    async remove(id) {
      await kv.del(DOC + id);
      await kv.del(INFO + id);
      if ((await kv.get(LAST)) === id) await kv.del(LAST);
    },

    async lastOpened() {
      const id = await kv.get(LAST);
      return typeof id === 'string' && (await kv.keys()).includes(DOC + id) ? id : undefined;
    },

    async setLastOpened(id) {
      await kv.set(LAST, id);
    },
  };
}
