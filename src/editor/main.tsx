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
import { setMeta } from '../graph/edit';
import { parseGraphDoc, type ParseResult } from '../graph/parse';
import type { GraphDoc } from '../graph/schema';
import { idbCheckpoints } from '../runtime/checkpoint-store';
import { App } from './App';
import { exportWithPictures, importPictures } from './images/graph-files';
import { guardFileDrops, STRAY_DROP_TEXT } from './images/stray-drops';
import { createAutosave, createLibrary, decodeShareFragment, encodeShareFragment, exportFileName, idbKv, normalizeTitle, readGraphFile, serializeDoc } from './persist';
import type { FileActions } from './panels/TopBar';
import { EditorContext } from './store/hooks';
import { createEditorStore } from './store/store';

const presetFiles = import.meta.glob('../../presets/**/*.ganvas.json', { eager: true, import: 'default' }) as Record<string, unknown>;
const presets = Object.entries(presetFiles)
  .map(([path, raw]) => ({ id: path.replace(/^.*presets\//, '').replace(/\.ganvas\.json$/, ''), doc: parseGraphDoc(raw).doc }))
  .filter((p): p is { id: string; doc: GraphDoc } => p.doc !== undefined)
  .sort((a, b) => (a.id === 'default' ? -1 : b.id === 'default' ? 1 : a.id.localeCompare(b.id)));

// presets/thumbs/<name>.png, where someone has made one: shown in the gallery in place of the mini-diagram.
const thumbFiles = import.meta.glob('../../presets/thumbs/*.png', { eager: true, query: '?url', import: 'default' }) as Record<string, string>;
const thumbOf = (p: { id: string; doc: GraphDoc }): string | undefined =>
  thumbFiles[`../../presets/thumbs/${p.id.replace(/^.*\//, '')}.png`] ??
  (/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(p.doc.meta.thumbnail ?? '') ? p.doc.meta.thumbnail : undefined);

const library = createLibrary(idbKv());

function sentences(r: ParseResult): string[] {
  return r.diagnostics.map((d) => d.message);
}

async function start(): Promise<void> {
  const fallback = parseGraphDoc(defaultPreset).doc!;
  const store = createEditorStore(fallback, { debounceMs: 120 });
  const state = () => store.getState();
  let current = '';
  const checkpoints = idbCheckpoints();
  /** The open graph's id; training keeps its checkpoints under it. */
  const setCurrent = (id: string) => {
    current = id;
    state().setRunKey(id);
  };

  const open = async (doc: GraphDoc, note?: string) => {
    await autosave.flush();
    setCurrent(await library.create(doc));
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
        setCurrent(loaded.id);
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
  guardFileDrops(() => state().notify({ severity: 'info', text: STRAY_DROP_TEXT }));
  // A share link pasted into an open tab opens as a new graph, like one opened at start-up.
  addEventListener('hashchange', () => {
    void decodeShareFragment(location.hash).then((r) => {
      if (!r) return;
      history.replaceState(null, '', location.pathname + location.search);
      if (r.doc) void open(r.doc, 'Opened the graph from the link as a new graph; your other graphs are unchanged.');
      else state().notify({ severity: 'error', text: 'The link could not be opened.', details: sentences(r) });
    });
  });

  const emptyGraph = () => parseGraphDoc({ format: 'ganvas-graph', version: 1, nodes: [] }).doc!;

  /** Opens a stored graph; one that no longer opens stays closed and says why (thrown for the dialog). */
  const openStored = async (id: string) => {
    await autosave.flush();
    const r = await library.load(id);
    if (!r.doc) throw new Error(['This graph could not be opened.', ...sentences(r)].join(' '));
    // `current` changes before the document, so the load is never saved under the old id.
    setCurrent(id);
    await library.setLastOpened(id);
    state().load(r.doc);
    state().notify(r.diagnostics.length ? { severity: 'info', text: `Opened “${r.doc.meta.title}”, with remarks.`, details: sentences(r) } : undefined);
  };

  const files: FileActions = {
    library: {
      async list() {
        // Pending edits first, so the open graph's title and time are current.
        await autosave.flush();
        return { entries: await library.list(), current };
      },
      open: openStored,
      async rename(id, title) {
        await autosave.flush();
        await library.rename(id, title);
        // The open document carries the title too; without this edit autosave would write the old one back.
        if (id === current) state().edit('Rename graph', (d) => setMeta(d, { title: normalizeTitle(title) }));
      },
      async duplicate(id) {
        await autosave.flush();
        await library.duplicate(id);
      },
      async remove(id) {
        // Its trained weights go with it (a checkpoint can be tens of megabytes).
        await checkpoints.remove(id).catch(() => undefined);
        if (id !== current) return library.remove(id);
        autosave.cancel(id);
        await autosave.flush();
        // Nothing is open until the next graph is, so no save brings the deleted one back.
        setCurrent('');
        await library.remove(id);
        const next = (await library.list())[0];
        if (next) {
          try {
            return await openStored(next.id);
          } catch {
            // The newest graph no longer opens: start a new one rather than leave nothing open.
          }
        }
        await open(emptyGraph());
      },
    },
    presets: presets.map((p) => {
      const thumbnail = thumbOf(p);
      return { id: p.id, title: p.doc.meta.title, description: p.doc.meta.description, tags: p.doc.meta.tags, doc: p.doc, ...(thumbnail ? { thumbnail } : {}) };
    }),
    newGraph: () => void open(emptyGraph()),
    openPreset: (id) => {
      const p = presets.find((x) => x.id === id);
      if (p) void open(structuredClone(p.doc), `Opened the preset “${p.doc.meta.title}” as a new graph.`);
    },
    importFile: (file) =>
      void readGraphFile(file).then(async (r) => {
        if (!r.doc) return state().notify({ severity: 'error', text: `${file.name} could not be opened; nothing was changed.`, details: sentences(r) });
        // The pictures first, so the graph's image sets find them when it opens.
        const notes = [...sentences(r), ...(r.assets !== undefined ? await importPictures(r.assets) : [])];
        await open(r.doc, notes.length ? `Opened ${file.name}, with remarks: ${notes.join(' ')}` : `Opened ${file.name} as a new graph.`);
      }),
    exportFile: (options) =>
      void (async () => {
        const doc = state().doc;
        const r = options?.pictures ? await exportWithPictures(doc) : { text: serializeDoc(doc), notes: [] };
        if ('error' in r) return state().notify({ severity: 'error', text: r.error });
        const url = URL.createObjectURL(new Blob([r.text], { type: 'application/json' }));
        const a = Object.assign(document.createElement('a'), { href: url, download: exportFileName(doc) });
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        if (r.notes.length) state().notify({ severity: 'warning', text: r.notes.join(' ') });
      })(),
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
