/** The right panel: the selected node's name, settings and docs, or the graph's settings. */
import { useMemo } from 'react';
import { partOf, setLabel, setMeta, setParams, setSettings } from '../../graph/edit';
import { zSettings, type GraphDoc } from '../../graph/schema';
import { registry } from '../../nodes/registry';
import { NodeDocs } from '../inspector/NodeDocs';
import { ParamsForm, type ParamsContext } from '../inspector/ParamsForm';
import { useEditor, useEditorStore } from '../store/hooks';

function contextOf(doc: GraphDoc): ParamsContext {
  return {
    networks: doc.networks.map((n) => ({ id: n.id, label: n.label || n.id })),
    trainableImages: doc.nodes.filter((n) => n.type === 'trainable-image').map((n) => ({ id: n.id, label: n.label || n.id })),
  };
}

export function Inspector() {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const scope = useEditor((s) => s.scope);
  const selected = useEditor((s) => s.selectedNodes);
  const context = useMemo(() => contextOf(doc), [doc]);
  const node = selected.length === 1 ? partOf(doc, scope).nodes.find((n) => n.id === selected[0]) : undefined;

  if (!node) {
    const edit = (label: string, f: (d: GraphDoc) => GraphDoc) => store.getState().edit(label, f);
    return (
      <section className="inspector" aria-label="Inspector">
        <h2>Graph</h2>
        <label className="field">
          <span>Title</span>
          <input value={doc.meta.title} onChange={(e) => edit('Rename graph', (d) => setMeta(d, { title: e.target.value }))} />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea rows={4} value={doc.meta.description} onChange={(e) => edit('Describe graph', (d) => setMeta(d, { description: e.target.value }))} />
        </label>
        <h3>Training settings</h3>
        <ParamsForm schema={zSettings} value={doc.settings} context={context} idPrefix="settings" onChange={(next) => edit('Change settings', (d) => setSettings(d, next as Partial<GraphDoc['settings']>))} />
        {selected.length > 1 && <p className="muted">{selected.length} nodes selected.</p>}
      </section>
    );
  }

  const def = registry.get(node.type);
  const change = (label: string, f: (d: GraphDoc) => GraphDoc) => store.getState().edit(label, f);
  return (
    <section className="inspector" aria-label="Inspector">
      <h2>{def?.label ?? `Unknown kind “${node.type}”`}</h2>
      <label className="field">
        <span>Name</span>
        <input value={node.label ?? ''} placeholder={node.id} onChange={(e) => change('Rename node', (d) => setLabel(d, node.id, e.target.value, scope))} />
      </label>
      {def ? (
        <>
          <ParamsForm key={node.id} schema={def.params} value={node.params} context={context} idPrefix={`node-${node.id}`}
            onChange={(next) => change(`Change ${def.label}`, (d) => setParams(d, node.id, next, scope))} />
          <NodeDocs def={def} />
        </>
      ) : (
        <p className="muted">This version of Ganvas does not know this kind of node. Its settings and wires are kept as they are and saved with the graph.</p>
      )}
    </section>
  );
}
