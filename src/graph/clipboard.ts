/**
 * Copy, paste and duplicate as pure functions. A copied fragment is a whole `ganvas-graph`
 * document, so it travels through the system clipboard as text, into another tab or graph,
 * and comes back in through `parseGraphDoc` like any file: text that is not a graph pastes
 * nothing and says so.
 */
import { diag, type Diagnostic } from './diagnostics';
import { freshId, partOf, type Scope } from './edit';
import { parseGraphDoc } from './parse';
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphDoc, type GraphEdge, type GraphNode, type NetworkDef } from './schema';
import { uniqueId } from './templates';

export interface PasteResult {
  doc: GraphDoc;
  /** Ids of the pasted nodes, in the fragment's order. */
  ids: string[];
  diagnostics: Diagnostic[];
}

type Offset = { x: number; y: number };

const calledNetwork = (n: GraphNode): string | undefined => {
  const id = n.type === 'network' ? n.params.network : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * The selected nodes of a scope and the wires between them, as a graph document: call sites
 * bring their network definitions along, so the paste works where those networks are unknown.
 */
export function copySelection(doc: GraphDoc, scope: Scope, nodeIds: readonly string[]): GraphDoc {
  const part = partOf(doc, scope);
  const chosen = new Set(nodeIds);
  const nodes = part.nodes.filter((n) => chosen.has(n.id));
  const edges = part.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target));
  const called = new Set(nodes.map(calledNetwork).filter((id) => id !== undefined));
  const networks = doc.networks.filter((n) => called.has(n.id));
  return structuredClone({
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    meta: { title: doc.meta.title, description: '', author: '', tags: [] },
    nodes,
    edges,
    networks,
    settings: doc.settings,
  });
}

/**
 * Pastes a fragment (a document or its JSON text) into a scope, `offset` away from where it
 * was copied. Every node gets a fresh id and the wires follow. A network the fragment brings
 * is reused when the document has one of that id with the same content (so a duplicated call
 * site shares weights with its original), and added under a fresh id otherwise.
 */
export function pasteFragment(doc: GraphDoc, scope: Scope, fragment: GraphDoc | string, offset: Offset): PasteResult {
  const parsed = parseGraphDoc(fragment);
  const frag = parsed.doc;
  if (!frag || frag.nodes.length === 0) return { doc, ids: [], diagnostics: [diag('warning', 'pasteNothing', {})] };
  partOf(doc, scope); // an unknown scope is a programming error, not a paste problem

  const { networks, netIds } = mergeNetworks(doc.networks, frag);
  const ids = new Map<string, string>();
  const added: GraphNode[] = [];
  for (const n of frag.nodes) {
    // Ids already handed out in this paste count as taken too.
    const id = freshId({ ...doc, nodes: [...doc.nodes, ...added] }, n.id.replace(/-\d+$/, ''));
    ids.set(n.id, id);
    const net = calledNetwork(n);
    const params = net !== undefined && netIds.has(net) ? { ...n.params, network: netIds.get(net)! } : n.params;
    added.push({ ...n, id, params, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } });
  }
  const wires: GraphEdge[] = frag.edges.map((e) => ({
    source: ids.get(e.source)!,
    sourceHandle: e.sourceHandle,
    target: ids.get(e.target)!,
    targetHandle: e.targetHandle,
  }));

  // Untouched networks stay the same array, so views of them need not redraw.
  let next: GraphDoc = { ...doc, networks: networks.length === doc.networks.length ? doc.networks : networks };
  if (scope === undefined) next = { ...next, nodes: [...doc.nodes, ...added], edges: [...doc.edges, ...wires] };
  else
    next = {
      ...next,
      networks: next.networks.map((n) => (n.id === scope ? { ...n, nodes: [...n.nodes, ...added], edges: [...n.edges, ...wires] } : n)),
    };
  // What parseGraphDoc repaired (a wire to nowhere, a duplicate id) is worth telling.
  return { doc: next, ids: [...ids.values()], diagnostics: parsed.diagnostics };
}

/** Copy and paste in one step. */
export function duplicateSelection(doc: GraphDoc, scope: Scope, nodeIds: readonly string[], offset: Offset): PasteResult {
  if (nodeIds.length === 0) return { doc, ids: [], diagnostics: [] };
  return pasteFragment(doc, scope, copySelection(doc, scope, nodeIds), offset);
}

/** The document's networks with the fragment's called ones merged in, and how their ids changed. */
function mergeNetworks(existing: readonly NetworkDef[], frag: GraphDoc): { networks: NetworkDef[]; netIds: Map<string, string> } {
  const called = new Set(frag.nodes.map(calledNetwork).filter((id) => id !== undefined));
  const networks = [...existing];
  const netIds = new Map<string, string>();
  for (const net of frag.networks) {
    if (!called.has(net.id)) continue;
    const same = networks.find((n) => n.id === net.id);
    if (same && sameContent(same, net)) {
      netIds.set(net.id, net.id);
      continue;
    }
    const id = same ? uniqueId(net.id.replace(/-\d+$/, ''), new Set(networks.map((n) => n.id))) : net.id;
    networks.push({ ...net, id });
    netIds.set(net.id, id);
  }
  return { networks, netIds };
}

function sameContent(a: NetworkDef, b: NetworkDef): boolean {
  return stable({ ...a, id: '' }) === stable({ ...b, id: '' });
}

/** JSON with sorted keys, so key order (which a round trip through text may change) does not matter. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
