/**
 * Debounced saving of open graphs. Edits come faster than storage should be written, so a
 * write waits until edits pause for `delayMs`, but never longer than `maxWaitMs` after the
 * first unsaved edit (a long drag must not postpone saving for ever). Per graph the last
 * document wins; writes run one after another, so an older document never lands after a
 * newer one. Failures become one sentence for the UI and never reject.
 */
import { say } from '../../nodes/messages';
import { MAX_GRAPH_BYTES } from '../../graph/parse';
import type { GraphDoc } from '../../graph/schema';
import { GraphTooLargeError, type Library } from './library';

export interface AutosaveOptions {
  delayMs: number;
  /** Longest a scheduled document waits while edits keep coming. Default: 5 × delayMs. */
  maxWaitMs?: number;
  /** A write failed: `message` is a sentence for the user. Default: console.warn. */
  onError?: (message: string, id: string) => void;
  onSaved?: (id: string) => void;
}

export interface Autosave {
  /** Saves `doc` as graph `id` once edits pause. */
  schedule(id: string, doc: GraphDoc): void;
  /** Writes everything scheduled now (e.g. on pagehide); resolves once written, never rejects. */
  flush(): Promise<void>;
  /** Forgets a scheduled write, e.g. before the graph is deleted, so that it does not come back. */
  cancel(id: string): void;
  /** Whether something is scheduled or being written. */
  pending(): boolean;
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The sentence for a failed write; storage errors are DOMExceptions named QuotaExceededError. */
export function saveFailureMessage(error: unknown, doc: GraphDoc): string {
  const title = doc.meta.title;
  if (error instanceof GraphTooLargeError)
    return say('saveFailed', { title, reason: 'tooLarge', size: mb(error.chars), limit: mb(MAX_GRAPH_BYTES) });
  const e = error as { name?: unknown; message?: unknown } | null;
  const quota = e?.name === 'QuotaExceededError' || (typeof e?.message === 'string' && /quota/i.test(e.message));
  return say('saveFailed', { title, reason: quota ? 'quota' : 'other' });
}

export function createAutosave(library: Pick<Library, 'save'>, opts: AutosaveOptions): Autosave {
  const maxWaitMs = opts.maxWaitMs ?? opts.delayMs * 5;
  const onError = opts.onError ?? ((message: string) => console.warn(message));
  const waiting = new Map<string, GraphDoc>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt: number | undefined;
  let writing = 0;
  let chain: Promise<void> = Promise.resolve();

  // A callback that throws must not break the chain of writes.
  const call = (f: () => void) => {
    try {
      f();
    } catch (e) {
      console.error(e);
    }
  };

  async function write(batch: [string, GraphDoc][]): Promise<void> {
    for (const [id, doc] of batch) {
      try {
        await library.save(id, doc);
        if (opts.onSaved) call(() => opts.onSaved!(id));
      } catch (error) {
        call(() => onError(saveFailureMessage(error, doc), id));
      }
    }
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    firstAt = undefined;
    if (waiting.size === 0) return chain;
    const batch = [...waiting];
    waiting.clear();
    writing++;
    chain = chain.then(() => write(batch)).finally(() => writing--);
    return chain;
  }

  return {
    schedule(id, doc) {
      waiting.set(id, doc);
      const t = Date.now();
      firstAt ??= t;
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), Math.max(0, Math.min(opts.delayMs, firstAt + maxWaitMs - t)));
    },
    flush,
    cancel(id) {
      waiting.delete(id);
      if (waiting.size === 0) {
        clearTimeout(timer);
        timer = undefined;
        firstAt = undefined;
      }
    },
    pending: () => waiting.size > 0 || writing > 0,
  };
}
