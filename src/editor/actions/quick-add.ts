/** Placing a quick-add pick: the node, connected to the dropped wire if there is one, as one undoable edit. */
import { connect } from '../../graph/edit';
import { placeItem, type AddItem, type CompatibleItem, type WireEnd } from '../panels/node-search';
import type { EditorStore } from '../store/store';

/** Adds the item at `position` (connected to `end` through the item's `port`) and selects it. */
export function runQuickAdd(store: EditorStore, it: AddItem | CompatibleItem, position: { x: number; y: number }, end?: WireEnd): string {
  const s = store.getState();
  let id = '';
  s.edit(`Add ${it.label}`, (d) => {
    const placed = placeItem(d, it, position, s.scope);
    id = placed.id;
    if (!end || !('port' in it)) return placed.doc;
    const c =
      end.side === 'source'
        ? { source: end.node, sourceHandle: end.handle, target: id, targetHandle: it.port }
        : { source: id, sourceHandle: it.port, target: end.node, targetHandle: end.handle };
    return connect(placed.doc, c, s.scope);
  });
  s.select([id], []);
  return id;
}
