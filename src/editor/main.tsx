/**
 * Starts the editor: opens the graph a share link carries (as a new graph, never over the
 * user's work), else the last graph the user had open, else the default preset; then
 * autosaves every change to IndexedDB.
 */
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import defaultPreset from '../../presets/default.ganvas.json';
import { parseGraphDoc, type ParseResult } from '../graph/parse';
import type { GraphDoc } from '../graph/schema';
import { App } from './App';
import { createAutosave, createLibrary, decodeShareFragment, encodeShareFragment, exportFileName, idbKv, readGraphFile, serializeDoc } from './persist';
import type { FileActions } from './panels/TopBar';
import { EditorContext } from './store/hooks';
import { createEditorStore } from './store/store';

const presetFiles = import.meta.glob('../../presets/**/*.ganvas.json', { eager: true, import: 'default' }) as Record<string, unknown>;
const presets = Object.entries(presetFiles)
  .map(([path, raw]) => ({ id: path.replace(/^.*presets\//, '').replace(/\.ganvas\.json$/, ''), doc: parseGraphDoc(raw).doc }))
  .filter((p): p is { id: string; doc: GraphDoc } => p.doc !== undefined)
  .sort((a, b) => (a.id === 'default' ? -1 : b.id === 'default' ? 1 : a.id.localeCompare(b.id)));

const library = createLibrary(idbKv());

function sentences(r: ParseResult): string[] {
  return r.diagnostics.map((d) => d.message);
}

async function start(): Promise<void> {
  const fallback = parseGraphDoc(defaultPreset).doc!;
  const store = createEditorStore(fallback, { debounceMs: 120 });
  const state = () => store.getState();
  let current = '';

  const open = async (doc: GraphDoc, note?: string) => {
    await autosave.flush();
    current = await library.create(doc);
    await library.setLastOpened(current);
    state().load(doc);
    state().notify(note ? { severity: 'info', text: note } : undefined);
  };

  const autosave = createAutosave(library, {
    delayMs: 400,
    onError: (message) => state().notify({ severity: 'error', text: message }),
  });

  try {
    const shared = await decodeShareFragment(location.hash);
    if (shared) history.replaceState(null, '', location.pathname + location.search);
    if (shared?.doc) await open(shared.doc, 'Opened the graph from the link as a new graph; your other graphs are unchanged.');
    else {
      const last = await library.lastOpened();
      const loaded = last ? await library.load(last) : undefined;
      if (loaded?.doc) {
        current = loaded.id;
        state().load(loaded.doc);
      } else await open(fallback);
      if (shared) state().notify({ severity: 'error', text: 'The link could not be opened.', details: sentences(shared) });
    }
  } catch (e) {
    // Storage can be unavailable (private windows); the editor still works, unsaved.
    state().notify({ severity: 'warning', text: `Your graphs cannot be saved in this browser (${String(e)}).` });
  }

  store.subscribe((s, prev) => {
    if (s.doc !== prev.doc && current) autosave.schedule(current, s.doc);
  });
  addEventListener('pagehide', () => void autosave.flush());
  // A share link pasted into an open tab opens as a new graph, like one opened at start-up.
  addEventListener('hashchange', () => {
    void decodeShareFragment(location.hash).then((r) => {
      if (!r) return;
      history.replaceState(null, '', location.pathname + location.search);
      if (r.doc) void open(r.doc, 'Opened the graph from the link as a new graph; your other graphs are unchanged.');
      else state().notify({ severity: 'error', text: 'The link could not be opened.', details: sentences(r) });
    });
  });

  const files: FileActions = {
    presets: presets.map((p) => ({ id: p.id, title: p.doc.meta.title })),
    newGraph: () => void open(parseGraphDoc({ format: 'ganvas-graph', version: 1, nodes: [] }).doc!),
    openPreset: (id) => {
      const p = presets.find((x) => x.id === id);
      if (p) void open(structuredClone(p.doc), `Opened the preset “${p.doc.meta.title}” as a new graph.`);
    },
    importFile: (file) =>
      void readGraphFile(file).then((r) => {
        if (r.doc) void open(r.doc, r.diagnostics.length ? `Opened ${file.name}, with remarks: ${sentences(r).join(' ')}` : `Opened ${file.name} as a new graph.`);
        else state().notify({ severity: 'error', text: `${file.name} could not be opened; nothing was changed.`, details: sentences(r) });
      }),
    exportFile: () => {
      const doc = state().doc;
      const url = URL.createObjectURL(new Blob([serializeDoc(doc)], { type: 'application/json' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: exportFileName(doc) });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    shareLink: async () => {
      const r = await encodeShareFragment(state().doc);
      if (r.ok) return `${location.origin}${location.pathname}${r.fragment}`;
      state().notify({ severity: 'warning', text: r.reason });
      return undefined;
    },
  };

  createRoot(document.getElementById('app')!).render(
    <StrictMode>
      <EditorContext.Provider value={store}>
        <App files={files} />
      </EditorContext.Provider>
    </StrictMode>,
  );
}

void start();
