/**
 * Editor keys beyond undo/redo: copy, paste and duplicate nodes through the system clipboard
 * (as graph JSON text, so nodes travel between tabs and graphs), "/" to search nodes and "?"
 * for the list of shortcuts. Keys typed into a field are left to the field.
 */
import { useEffect, useRef } from 'react';
import { copySelection, duplicateSelection, pasteFragment, type PasteResult } from '../../graph/clipboard';
import type { GraphDoc } from '../../graph/schema';
import { say } from '../../nodes/messages';
import { serializeDoc } from '../persist/files';
import { useEditorStore } from '../store/hooks';
import type { EditorStore } from '../store/store';

/** How far a paste or duplicate lands from its original, so the copy is visibly a copy. */
export const PASTE_STEP = { x: 40, y: 40 };

/** Every shortcut, for the help overlay: keys as shown, and what they do. */
export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Ctrl+Z', does: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', does: 'Redo' },
  { keys: 'Delete or Backspace', does: 'Delete the selected nodes and wires' },
  { keys: 'Ctrl+C', does: 'Copy the selected nodes (with the wires between them)' },
  { keys: 'Ctrl+V', does: 'Paste nodes copied here or in another tab' },
  { keys: 'Ctrl+D', does: 'Duplicate the selected nodes' },
  { keys: 'Space', does: 'Quick add: search for a node and place it at the pointer (also a double-click on empty canvas; a wire dropped on empty canvas offers the nodes it can connect to)' },
  { keys: '↑ ↓, Enter, Escape', does: 'In quick add: choose, place, close' },
  { keys: 'L', does: 'Auto-layout: the selected nodes (two or more), or else the whole graph' },
  { keys: 'Ctrl+G', does: 'Make a network from the selected blocks' },
  { keys: '/', does: 'Search nodes in the palette (Enter adds the first match)' },
  { keys: '?', does: 'Show or hide this list of shortcuts' },
];

function typing(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Applies a paste as one undoable edit and selects what it added, or says why nothing came. */
function applyPaste(store: EditorStore, label: string, f: (doc: GraphDoc) => PasteResult): void {
  let result: PasteResult | undefined;
  store.getState().edit(label, (doc) => {
    result = f(doc);
    return result.doc;
  });
  if (!result) return;
  if (result.ids.length > 0) store.getState().select(result.ids);
  if (result.ids.length === 0 || result.diagnostics.length > 0) {
    const [first, ...rest] = result.diagnostics;
    if (first) store.getState().notify({ severity: first.severity, text: first.message, details: rest.map((d) => d.message) });
  }
}

export function useShortcuts(o: { toggleHelp(): void }): void {
  const store = useEditorStore();
  const toggleHelp = useRef(o.toggleHelp);
  toggleHelp.current = o.toggleHelp;
  // Pasting the same clipboard again steps further, instead of stacking copies on one spot.
  const lastPaste = useRef<{ text: string; times: number }>({ text: '', times: 0 });

  useEffect(() => {
    const copy = async () => {
      const { doc, scope, selectedNodes } = store.getState();
      const text = serializeDoc(copySelection(doc, scope, selectedNodes));
      lastPaste.current = { text, times: 0 };
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        store.getState().notify({ severity: 'warning', text: say('clipboardDenied', { action: 'copy' }) });
      }
    };
    const paste = async () => {
      let text: string;
      try {
        text = await navigator.clipboard.readText();
      } catch {
        store.getState().notify({ severity: 'warning', text: say('clipboardDenied', { action: 'paste' }) });
        return;
      }
      const last = lastPaste.current;
      const times = last.text === text ? last.times + 1 : 1;
      lastPaste.current = { text, times };
      const offset = { x: PASTE_STEP.x * times, y: PASTE_STEP.y * times };
      applyPaste(store, 'Paste', (doc) => pasteFragment(doc, store.getState().scope, text, offset));
    };
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'c') {
        // With no nodes selected, leave the browser's own copy (e.g. of selected text) alone.
        if (store.getState().selectedNodes.length === 0) return;
        void copy();
      } else if (mod && key === 'v') void paste();
      else if (mod && key === 'd') {
        const { scope, selectedNodes } = store.getState();
        if (selectedNodes.length > 0) applyPaste(store, 'Duplicate', (doc) => duplicateSelection(doc, scope, selectedNodes, PASTE_STEP));
      } else if (!mod && e.key === '?') toggleHelp.current();
      else if (!mod && e.key === '/') document.querySelector<HTMLInputElement>('input[aria-label="Search nodes"]')?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
