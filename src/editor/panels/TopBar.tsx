/** The top bar: the graph's title, files (My graphs, new, presets, import, export, share), history and view. */
import { useRef, useState } from 'react';
import { pictureIdsOf } from '../images/graph-files';
import { useEditor, useEditorStore } from '../store/hooks';
import { MyGraphs, type LibraryActions } from './MyGraphs';
import { PresetGallery, type PresetEntry } from './PresetGallery';

export interface FileActions {
  presets: PresetEntry[];
  newGraph(): void;
  openPreset(id: string): void;
  importFile(file: File): void;
  /** Downloads the graph; with `pictures`, the user's pictures it names go into the file. */
  exportFile(options?: { pictures?: boolean }): void;
  /** A link carrying the graph, or undefined when it cannot (the reason is shown). */
  shareLink(): Promise<string | undefined>;
  /** The graphs stored in this browser ("My graphs"). */
  library: LibraryActions;
}

export function TopBar({ files, onShowShortcuts }: { files: FileActions; onShowShortcuts?: () => void }) {
  const store = useEditorStore();
  const title = useEditor((s) => s.doc.meta.title);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const theme = useEditor((s) => s.theme);
  const showShapes = useEditor((s) => s.showShapes);
  const scope = useEditor((s) => s.scope);
  const scopeLabel = useEditor((s) => (s.scope === undefined ? undefined : s.doc.networks.find((n) => n.id === s.scope)?.label || s.scope));
  const notice = useEditor((s) => s.notice);
  const hasPictures = useEditor((s) => pictureIdsOf(s.doc).length > 0);
  const [withPictures, setWithPictures] = useState(true);
  const picker = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string>();
  const [showGraphs, setShowGraphs] = useState(false);
  const [showPresets, setShowPresets] = useState(false);

  const share = async () => {
    const url = await files.shareLink();
    setLink(url);
    if (url) await navigator.clipboard?.writeText(url).catch(() => undefined);
  };

  return (
    <header className="topbar">
      <strong className="brand">Ganvas</strong>
      <nav className="crumbs" aria-label="Where you are">
        <button type="button" onClick={() => store.getState().setScope(undefined)} disabled={scope === undefined} aria-label={`Training graph: ${title}`}>
          {title}
        </button>
        {scopeLabel && <span aria-current="page"> › {scopeLabel}</span>}
      </nav>
      <div className="group" role="group" aria-label="File">
        <button type="button" aria-haspopup="dialog" onClick={() => setShowGraphs(true)}>My graphs</button>
        <button type="button" onClick={files.newGraph}>New</button>
        <button type="button" aria-haspopup="dialog" onClick={() => setShowPresets(true)}>Presets…</button>
        <button type="button" onClick={() => picker.current?.click()}>Import…</button>
        <input ref={picker} type="file" accept=".json,application/json,.png,image/png" hidden aria-label="Import a graph file"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) files.importFile(f); e.target.value = ''; }} />
        <button type="button" onClick={() => files.exportFile({ pictures: hasPictures && withPictures })}>Export</button>
        {hasPictures && (
          <label title="Put the graph's pictures into the exported file, so it opens complete elsewhere">
            <input type="checkbox" checked={withPictures} onChange={(e) => setWithPictures(e.target.checked)} /> with pictures
          </label>
        )}
        <button type="button" onClick={() => void share()}>Share link</button>
      </div>
      <div className="group" role="group" aria-label="History">
        <button type="button" onClick={() => store.getState().undo()} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">↶ Undo</button>
        <button type="button" onClick={() => store.getState().redo()} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">↷ Redo</button>
      </div>
      <div className="group" role="group" aria-label="View">
        <label><input type="checkbox" checked={showShapes} onChange={() => store.getState().toggleShapes()} /> Shapes</label>
        <button type="button" onClick={() => store.getState().setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        {onShowShortcuts && (
          <button type="button" onClick={onShowShortcuts} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">⌨</button>
        )}
      </div>
      {showGraphs && <MyGraphs library={files.library} onClose={() => setShowGraphs(false)} />}
      {showPresets && <PresetGallery presets={files.presets} onOpen={files.openPreset} onClose={() => setShowPresets(false)} />}
      {link && (
        <div className="share" role="status">
          <label>Share link (copied) <input readOnly value={link} onFocus={(e) => e.target.select()} /></label>
          <button type="button" aria-label="Close share link" onClick={() => setLink(undefined)}>×</button>
        </div>
      )}
      {notice && (
        <div className={`notice ${notice.severity}`} role={notice.severity === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          {notice.details && notice.details.length > 0 && (
            <ul>{notice.details.map((d, i) => <li key={i}>{d}</li>)}</ul>
          )}
          <button type="button" aria-label="Dismiss message" onClick={() => store.getState().notify(undefined)}>×</button>
        </div>
      )}
    </header>
  );
}
