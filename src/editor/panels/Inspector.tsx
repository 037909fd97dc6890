/** The right panel: the selected node's name, settings and docs, or the graph's settings. */
import { useMemo } from 'react';
import { partOf, setLabel, setMeta, setParams, setSettings } from '../../graph/edit';
import { makeCallSiteUnique } from '../../graph/templates';
import { zSettings, type GraphDoc } from '../../graph/schema';
import { registry } from '../../nodes/registry';
import { ImagesField } from '../images/ImagesField';
import { NodeDocs } from '../inspector/NodeDocs';
import { TemplateSettings } from '../inspector/TemplateSettings';
import { ParamsForm, type ParamsContext, type RenderField } from '../inspector/ParamsForm';
import { useDocIgnoringMoves, useEditor, useEditorStore } from '../store/hooks';

function contextOf(doc: GraphDoc): ParamsContext {
  return {
    networks: doc.networks.map((n) => ({ id: n.id, label: n.label || n.id })),
    trainableImages: doc.nodes.filter((n) => n.type === 'trainable-image').map((n) => ({ id: n.id, label: n.label || n.id })),
  };
}

export function Inspector() {
  const store = useEditorStore();
  const doc = useDocIgnoringMoves();
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
      {node.type === 'network' && scope === undefined && <CallSite doc={doc} nodeId={node.id} network={String(node.params.network ?? '')} />}
      {node.type === 'network' && scope === undefined && <TemplateOf doc={doc} network={String(node.params.network ?? '')} context={context} />}
      {def ? (
        <>
          <ParamsForm key={node.id} schema={def.params} value={node.params} context={context} idPrefix={`node-${node.id}`}
            {...(node.type === 'image-set' ? { renderField: imagesField(node.id) } : {})}
            onChange={(next) => change(`Change ${def.label}`, (d) => setParams(d, node.id, next, scope))} />
          <NodeDocs def={def} />
        </>
      ) : (
        <p className="muted">This version of Ganvas does not know this kind of node. Its settings and wires are kept as they are and saved with the graph.</p>
      )}
    </section>
  );
}

/** The settings of the template a call site's network was made from, if any. */
function TemplateOf({ doc, network, context }: { doc: GraphDoc; network: string; context: ParamsContext }) {
  const net = doc.networks.find((n) => n.id === network);
  return net ? <TemplateSettings net={net} context={context} /> : null;
}

/** The image-set node's picture list in place of its `images` field. */
const imagesField = (nodeId: string): RenderField => (field, id) =>
  field.key === 'images' && field.path.length === 1 ? <ImagesField nodeId={nodeId} id={id} /> : undefined;

/** A call site's network: open it to edit its blocks, or give this call site weights of its own. */
function CallSite({ doc, nodeId, network }: { doc: GraphDoc; nodeId: string; network: string }) {
  const store = useEditorStore();
  const net = doc.networks.find((n) => n.id === network);
  if (!net) return null;
  const sites = doc.nodes.filter((n) => n.type === 'network' && n.params.network === network).length;
  const unique = () => {
    let id = '';
    store.getState().edit('Make weights unique', (d) => {
      const r = makeCallSiteUnique(d, nodeId);
      id = r.networkId;
      return r.doc;
    });
    return id;
  };
  return (
    <div className="call-site">
      <p className="muted">
        Runs “{net.label || net.id}”{sites > 1 ? `, sharing its weights with ${sites - 1} other call site${sites > 2 ? 's' : ''}` : ''}.
      </p>
      <div className="row">
        <button type="button" onClick={() => store.getState().setScope(net.id)}>
          Open network
        </button>
        {sites > 1 && (
          <button type="button" onClick={unique} title="Copy the network so that this call site has weights of its own">
            Make weights unique
          </button>
        )}
      </div>
    </div>
  );
}
