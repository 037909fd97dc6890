/** The "Make network from selection" command: one undoable edit, or a message saying why not. */
import { makeNetworkFromSelection } from '../../graph/make-network';
import type { EditorStore } from '../store/store';

/** Returns the new call site's id, or undefined when the selection was refused (the reason is shown). */
export function runMakeNetwork(store: EditorStore): string | undefined {
  const { doc, scope, selectedNodes } = store.getState();
  // Analysed afresh: the store's verdict may be a debounce behind the document.
  const r = makeNetworkFromSelection(doc, scope, selectedNodes);
  if (!r.ok) {
    store.getState().notify({ severity: 'warning', text: r.reason });
    return undefined;
  }
  store.getState().edit('Make network from selection', () => r.doc);
  store.getState().select([r.nodeId], []);
  store.getState().notify({ severity: 'info', text: `Made the network “${r.doc.networks.at(-1)!.label}” from the selection; double-click its call site to open it.` });
  return r.nodeId;
}
