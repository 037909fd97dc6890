/**
 * The editor's one store, made of slices: the document (the one source of truth), its
 * history, the selection, the compiler's verdict and view settings. Every edit goes through
 * `edit`, which applies a pure function of src/graph/edit.ts, so undo/redo, autosave and
 * recompile hang off one place. Created by a factory, so each test gets a fresh one.
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { compile, type CompileResult } from '../../graph/compile';
import { CompileCache } from '../../graph/compile-cache';
import { trainingFingerprint, type FingerprintMemo } from '../../graph/fingerprint';
import { registry } from '../../nodes/registry';
import { sameCompileInput } from '../../graph/same-compile-input';
import type { GraphDoc } from '../../graph/schema';
import type { Scope } from '../../graph/edit';
import { idleRun, type RunSlice } from './run-slice';

const HISTORY_LIMIT = 200;

export interface DocSlice {
  doc: GraphDoc;
  /** The network definition being edited, or undefined for the training graph. */
  scope: Scope;
  /** Applies an edit and records it for undo. */
  edit(label: string, f: (doc: GraphDoc) => GraphDoc): void;
  /** Changes the document live without a history entry (a drag in progress). */
  preview(f: (doc: GraphDoc) => GraphDoc): void;
  /** Ends a live change: one history entry from where it began. */
  commitPreview(label: string): void;
  /** Replaces the document (opening a graph): history starts afresh. */
  load(doc: GraphDoc): void;
  /** Counts loads, so views can re-frame a newly opened graph. */
  generation: number;
  setScope(scope: Scope): void;
}

export interface HistorySlice {
  past: { doc: GraphDoc; label: string }[];
  future: { doc: GraphDoc; label: string }[];
  /** The document before a live change began. */
  previewBase?: GraphDoc;
  undo(): void;
  redo(): void;
}

export interface SelectionSlice {
  selectedNodes: string[];
  selectedEdges: string[];
  select(nodes: string[], edges?: string[]): void;
}

export interface CompileSlice {
  compiled: CompileResult;
  /** trainingFingerprint of the document last compiled: what trained weights are compared with. */
  fingerprint: string;
  /** Recompiles now (the editor also does so, debounced, after every change). */
  recompile(): void;
}

export interface Notice {
  severity: 'error' | 'warning' | 'info';
  text: string;
  /** Further sentences, e.g. every diagnostic of a file that could not be opened. */
  details?: string[];
}

export interface ViewSlice {
  theme: 'dark' | 'light';
  showShapes: boolean;
  /** A message for the user about a file, a link or storage; shown in the top bar. */
  notice?: Notice;
  notify(notice: Notice | undefined): void;
  setTheme(theme: 'dark' | 'light'): void;
  toggleShapes(): void;
}

export type EditorState = DocSlice & HistorySlice & SelectionSlice & CompileSlice & ViewSlice & RunSlice;
export type EditorStore = StoreApi<EditorState>;
type Slice<T> = StateCreator<EditorState, [], [], T>;

const docSlice: Slice<DocSlice> = (set, get) => ({
  doc: undefined as unknown as GraphDoc,
  scope: undefined,
  edit(label, f) {
    const { doc, past } = get();
    const next = f(doc);
    if (next === doc) return;
    set({ doc: next, past: [...past, { doc, label }].slice(-HISTORY_LIMIT), future: [] });
  },
  preview(f) {
    const { doc, previewBase } = get();
    const next = f(doc);
    if (next !== doc) set({ doc: next, previewBase: previewBase ?? doc });
  },
  commitPreview(label) {
    const { previewBase, past } = get();
    if (!previewBase) return;
    set({ previewBase: undefined, past: [...past, { doc: previewBase, label }].slice(-HISTORY_LIMIT), future: [] });
  },
  generation: 0,
  load(doc) {
    set({ doc, generation: get().generation + 1, scope: undefined, past: [], future: [], previewBase: undefined, selectedNodes: [], selectedEdges: [] });
    get().recompile();
  },
  setScope(scope) {
    set({ scope, selectedNodes: [], selectedEdges: [] });
  },
});

const historySlice: Slice<HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  undo() {
    const { past, future, doc } = get();
    const last = past.at(-1);
    if (!last) return;
    set({ doc: last.doc, past: past.slice(0, -1), future: [{ doc, label: last.label }, ...future], scope: validScope(last.doc, get().scope) });
  },
  redo() {
    const { past, future, doc } = get();
    const next = future[0];
    if (!next) return;
    set({ doc: next.doc, past: [...past, { doc, label: next.label }], future: future.slice(1), scope: validScope(next.doc, get().scope) });
  },
});

function validScope(doc: GraphDoc, scope: Scope): Scope {
  return scope !== undefined && doc.networks.some((n) => n.id === scope) ? scope : undefined;
}

const selectionSlice: Slice<SelectionSlice> = (set) => ({
  selectedNodes: [],
  selectedEdges: [],
  select(nodes, edges = []) {
    set({ selectedNodes: nodes, selectedEdges: edges });
  },
});

const compileSlice: Slice<CompileSlice> = (set, get) => {
  // The store's documents are never mutated (every edit copies what it changes), so compiles and
  // fingerprints may reuse what they found for the objects an edit left alone. One per store.
  const cache = new CompileCache();
  const memo: FingerprintMemo = new WeakMap();
  return {
    compiled: undefined as unknown as CompileResult,
    fingerprint: '',
    recompile() {
      const doc = get().doc;
      set({ compiled: compile(doc, registry, cache), fingerprint: trainingFingerprint(doc, memo) });
    },
  };
};

const viewSlice: Slice<ViewSlice> = (set) => ({
  theme: 'dark',
  showShapes: true,
  notify(notice) {
    set({ notice });
  },
  setTheme(theme) {
    set({ theme });
  },
  toggleShapes() {
    set((s) => ({ showShapes: !s.showShapes }));
  },
});

const runSlice: Slice<RunSlice> = (set) => ({
  run: idleRun,
  runSettings: { backend: 'auto', steps: 1000, previewEvery: 10, checkpointEvery: 50 },
  runKey: '',
  setRunKey(runKey) {
    set({ runKey });
  },
  setRun(run) {
    set({ run });
  },
  setRunSettings(patch) {
    set((s) => ({ runSettings: { ...s.runSettings, ...patch } }));
  },
});

/**
 * A store holding `doc`. With `debounceMs`, the graph recompiles that long after the last
 * change (the editor); without, tests call `recompile()` when they want the verdict.
 */
export function createEditorStore(doc: GraphDoc, o: { debounceMs?: number } = {}): EditorStore {
  const store = createStore<EditorState>()((...a) => ({
    ...docSlice(...a),
    ...historySlice(...a),
    ...selectionSlice(...a),
    ...compileSlice(...a),
    ...viewSlice(...a),
    ...runSlice(...a),
  }));
  store.setState({ doc });
  store.getState().recompile();
  if (o.debounceMs !== undefined) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    store.subscribe((s, prev) => {
      // A move changes nothing the compiler reads: dragging a node costs no recompile.
      if (s.doc === prev.doc || sameCompileInput(prev.doc, s.doc)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => store.getState().recompile(), o.debounceMs);
    });
  }
  return store;
}
