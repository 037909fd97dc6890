/** React access to the editor store: a context holding it, and selector hooks. */
import { createContext, useContext } from 'react';
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
