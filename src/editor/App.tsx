/**
 * The editor: top bar for files and history, node palette on the left, the canvas in the
 * middle with the training panel under it, inspector and problems on the right.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { TrainPanel } from './train/TrainPanel';
import { TrainingClient } from './train/training-client';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { Problems } from './panels/Problems';
import { ShortcutsHelp } from './panels/ShortcutsHelp';
import { TopBar, type FileActions } from './panels/TopBar';
import { useShortcuts } from './panels/use-shortcuts';
import { useEditor, useEditorStore } from './store/hooks';
import './app.css';

/** Undo/redo from the keyboard, except while typing in a field. */
function useHistoryKeys(): void {
  const store = useEditorStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) store.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') store.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

export function App({ files }: { files: FileActions }) {
  const theme = useEditor((s) => s.theme);
  useHistoryKeys();
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  const store = useEditorStore();
  const [client] = useState(() => new TrainingClient(store));
  useEffect(() => {
    void client.refreshSaved();
    // The fault hook for the end-to-end tests: each fault is handled as the real one is.
    const hooks = window as unknown as { ganvasTest?: { injectFault: TrainingClient['injectFault'] } };
    hooks.ganvasTest = { injectFault: (f) => client.injectFault(f) };
    return () => {
      delete hooks.ganvasTest;
      client.dispose();
    };
  }, [client]);
  const closeHelp = useCallback(() => setHelp(false), []);
  useShortcuts({ toggleHelp });
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <ReactFlowProvider>
      <div className="app">
        <TopBar files={files} onShowShortcuts={toggleHelp} />
        <Palette />
        <main className="center">
          <Canvas onImportFile={files.importFile} />
          <TrainPanel client={client} />
        </main>
        <aside className="right">
          <Inspector />
          <Problems />
        </aside>
        {help && <ShortcutsHelp onClose={closeHelp} />}
      </div>
    </ReactFlowProvider>
  );
}
