/**
 * "My graphs": a modal dialog listing the graphs stored in this browser, newest first, with
 * Open, Rename (inline), Duplicate and Delete (confirmed inline) per graph. A native modal
 * <dialog> keeps focus inside and closes on Escape; storage goes through `LibraryActions`.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './my-graphs.css';

export interface GraphListEntry {
  id: string;
  title: string;
  /** Milliseconds since 1970 of the last save; 0 when unknown. */
  updated: number;
}

export interface LibraryActions {
  /** The stored graphs newest first, read after pending saves are written, and the open graph's id. */
  list(): Promise<{ entries: GraphListEntry[]; current: string }>;
  open(id: string): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  /** Deleting the open graph opens the newest remaining one, or a new empty graph. */
  remove(id: string): Promise<void>;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago" for recent saves, the local date for older ones. */
export function whenText(updated: number, now = Date.now()): string {
  if (!updated) return 'date unknown';
  const s = Math.round((updated - now) / 1000);
  if (Math.abs(s) < 60) return 'just now';
  if (Math.abs(s) < 3600) return relative.format(Math.round(s / 60), 'minute');
  if (Math.abs(s) < 86_400) return relative.format(Math.round(s / 3600), 'hour');
  if (Math.abs(s) < 7 * 86_400) return relative.format(Math.round(s / 86_400), 'day');
  return new Date(updated).toLocaleDateString();
}

type Mode = { kind: 'rename'; id: string; value: string } | { kind: 'delete'; id: string } | undefined;

export function MyGraphs({ library, onClose }: { library: LibraryActions; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [entries, setEntries] = useState<GraphListEntry[]>();
  const [current, setCurrent] = useState('');
  const [mode, setMode] = useState<Mode>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // After a row changes what it shows, focus goes back to a sensible control (a selector).
  const focusNext = useRef<string | undefined>(undefined);

  const refresh = useCallback(async () => {
    const r = await library.list();
    setEntries(r.entries);
    setCurrent(r.current);
  }, [library]);

  useEffect(() => {
    const d = dialog.current;
    // StrictMode runs effects twice; a second showModal on an open dialog throws.
    if (d && !d.open) d.showModal();
    refresh().catch((e: unknown) => setError(String(e instanceof Error ? e.message : e)));
  }, [refresh]);

  useLayoutEffect(() => {
    if (!focusNext.current) return;
    const el = dialog.current?.querySelector<HTMLElement>(focusNext.current);
    if (el) {
      el.focus();
      focusNext.current = undefined;
    }
  });

  /** Runs an action with the list disabled, then lists again unless `then` is false (the dialog closed). */
  const run = async (action: () => Promise<void>, then?: string | false) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      if (then === false) return;
      await refresh();
      focusNext.current = then;
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    } finally {
      setBusy(false);
    }
  };

  const close = () => dialog.current?.close();

  const open = (id: string) =>
    void run(async () => {
      await library.open(id);
      close();
    }, false);

  const saveRename = (id: string, value: string) => {
    setMode(undefined);
    void run(() => library.rename(id, value), `[data-focus="rename-${id}"]`);
  };

  const cancel = (id: string, which: 'rename' | 'delete') => {
    focusNext.current = `[data-focus="${which}-${id}"]`;
    setMode(undefined);
  };

  const onRenameKey = (e: KeyboardEvent<HTMLInputElement>, id: string, value: string) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      saveRename(id, value);
    } else if (e.key === 'Escape') {
      // Escape ends the renaming only, not the dialog.
      e.preventDefault();
      e.stopPropagation();
      cancel(id, 'rename');
    }
  };

  return (
    <dialog
      ref={dialog}
      className="my-graphs"
      aria-label="My graphs"
      onClose={onClose}
      onCancel={(e) => {
        // Escape in a row's editor or confirmation cancels that first.
        if (mode) {
          e.preventDefault();
          cancel(mode.id, mode.kind);
        }
      }}
      onClick={(e) => e.target === dialog.current && close()}
      // The editor's window-level shortcuts (undo, delete…) must not act on the graph behind the dialog.
      onKeyDown={(e) => e.stopPropagation()}
    >
      <header>
        <h2>My graphs</h2>
        <button type="button" className="close" aria-label="Close My graphs" onClick={close}>×</button>
      </header>
      <p className="hint">Saved in this browser only. Export a graph to keep a copy elsewhere.</p>
      {error && <p className="error" role="alert">{error}</p>}
      {entries === undefined ? (
        <p className="muted" role="status">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">No graphs yet.</p>
      ) : (
        <ul aria-label="Graphs" aria-busy={busy}>
          {entries.map((g) => {
            const isOpen = g.id === current;
            const renaming = mode?.kind === 'rename' && mode.id === g.id ? mode : undefined;
            const deleting = mode?.kind === 'delete' && mode.id === g.id;
            return (
              <li key={g.id} className={isOpen ? 'open' : undefined} aria-current={isOpen ? 'true' : undefined} aria-label={g.title}>
                {renaming ? (
                  <div className="rename">
                    <input
                      aria-label={`New title for “${g.title}”`}
                      value={renaming.value}
                      autoFocus
                      onFocus={(e) => e.target.select()}
                      onChange={(e) => setMode({ ...renaming, value: e.target.value })}
                      onKeyDown={(e) => onRenameKey(e, g.id, renaming.value)}
                    />
                    <button type="button" onClick={() => saveRename(g.id, renaming.value)}>Save</button>
                    <button type="button" onClick={() => cancel(g.id, 'rename')}>Cancel</button>
                  </div>
                ) : (
                  <div className="about">
                    <span className="title">{g.title}</span>
                    {isOpen && <span className="badge">open</span>}
                    <span className="when" title={g.updated ? new Date(g.updated).toLocaleString() : undefined}>
                      {whenText(g.updated)}
                    </span>
                  </div>
                )}
                {deleting ? (
                  <div className="confirm" role="group" aria-label={`Confirm deleting “${g.title}”`}>
                    <span>Delete “{g.title}”? This cannot be undone.</span>
                    <button type="button" className="danger" disabled={busy}
                      onClick={() => { setMode(undefined); void run(() => library.remove(g.id), 'li button:not(:disabled)'); }}>
                      Delete
                    </button>
                    <button type="button" autoFocus onClick={() => cancel(g.id, 'delete')}>Cancel</button>
                  </div>
                ) : (
                  !renaming && (
                    <div className="actions">
                      <button type="button" disabled={busy || isOpen} aria-label={`Open “${g.title}”`} onClick={() => open(g.id)}>Open</button>
                      <button type="button" data-focus={`rename-${g.id}`} disabled={busy} aria-label={`Rename “${g.title}”`}
                        onClick={() => setMode({ kind: 'rename', id: g.id, value: g.title })}>
                        Rename
                      </button>
                      <button type="button" disabled={busy} aria-label={`Duplicate “${g.title}”`}
                        onClick={() => void run(() => library.duplicate(g.id), `[data-focus="rename-${g.id}"]`)}>
                        Duplicate
                      </button>
                      <button type="button" data-focus={`delete-${g.id}`} disabled={busy} aria-label={`Delete “${g.title}”`}
                        onClick={() => setMode({ kind: 'delete', id: g.id })}>
                        Delete
                      </button>
                    </div>
                  )
                )}
              </li>
            );
          })}
        </ul>
      )}
    </dialog>
  );
}
