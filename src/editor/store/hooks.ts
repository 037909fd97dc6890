/** React access to the editor store: a context holding it, and selector hooks. */
import { createContext, useContext, useRef } from 'react';
import { sameCompileInput } from '../../graph/same-compile-input';
import type { GraphDoc } from '../../graph/schema';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from './store';

export const EditorContext = createContext<EditorStore | null>(null);

export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditor needs an <EditorContext.Provider>');
  return store;
}

/** Subscribes to one slice of the state; use module-level selectors and useShallow for objects. */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

/**
 * The document, kept as it was while only positions change: for views that show no positions
 * (the inspector), so that dragging a node does not re-render them on every frame.
 */
export function useDocIgnoringMoves(): GraphDoc {
  const last = useRef<GraphDoc | undefined>(undefined);
  return useEditor((s) => {
    if (last.current && sameCompileInput(last.current, s.doc)) return last.current;
    last.current = s.doc;
    return s.doc;
  });
}
