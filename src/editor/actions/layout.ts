/** The "Auto-layout" command: the selection (two nodes or more) or else the whole scope, as one undoable edit. */
import { moveNodes, partOf } from '../../graph/edit';
import { autoLayout, type Size } from '../canvas/auto-layout';
import type { EditorStore } from '../store/store';

/** Lays out and returns how many nodes moved (0: nothing to do, no history entry). */
export function runAutoLayout(store: EditorStore, sizeOf: (id: string) => Size | undefined): number {
  const { scope, selectedNodes } = store.getState();
  const only = selectedNodes.length >= 2 ? new Set(selectedNodes) : undefined;
  let moved = 0;
  store.getState().edit(only ? 'Auto-layout selection' : 'Auto-layout', (d) => {
    const moves = autoLayout(partOf(d, scope), { sizeOf, ...(only ? { only } : {}) });
    moved = moves.length;
    return moveNodes(d, moves, scope);
  });
  return moved;
}
