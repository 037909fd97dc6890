/**
 * The store's document, as React Flow nodes and edges: ports resolved from each kind's
 * definition, inferred shapes and the diagnostics of the scope being edited.
 */
import type { Edge } from '@xyflow/react';
import type { GraphAnalysis } from '../../graph/analyze';
import type { Diagnostic } from '../../graph/diagnostics';
import { partOf, type Scope } from '../../graph/edit';
import { portEnv, resolvePorts, typesOf } from '../../graph/ports';
import type { GraphDoc, GraphEdge, GraphNode } from '../../graph/schema';
import { edgeId } from '../../graph/scope';
import { registry } from '../../nodes/registry';
import { formatShape } from '../../nodes/shape';
import type { PortEnv, PortSpec, Signal } from '../../nodes/types';
import type { GraphFlowNode, NoteFlowNode, PortView } from './node-data';

export type FlowNode = GraphFlowNode | NoteFlowNode;

/** Signals of a scope: the training graph's, or a network's as its first call site sees it. */
function signalsOf(a: GraphAnalysis | undefined, scope: Scope) {
  if (!a) return undefined;
  if (scope === undefined) return a.inferred;
  const use = a.networkUse.get(scope);
  return use ? use.inferred.get(use.callSites[0]!) : undefined;
}

function view(p: PortSpec, s: Signal | undefined): PortView {
  const v: PortView = { name: p.name, label: p.label || p.name, types: [...typesOf(p)] };
  if (p.optional) v.optional = true;
  if (s) {
    v.shape = s.type === 'features' ? `${s.layers?.length ?? 0} maps` : s.type === 'scalar' ? 'scalar' : formatShape(s.shape);
    if (s.range) v.range = s.range;
  }
  return v;
}

interface MapContext {
  doc: GraphDoc;
  scope: Scope;
  diagnostics: readonly Diagnostic[];
  analysis: GraphAnalysis | undefined;
  showShapes: boolean;
}

type Size = { width: number; height: number };

interface NodeEntry {
  src: GraphNode;
  selected: boolean;
  measured: Size | undefined;
  sharedBy: number | undefined;
  edges: readonly GraphEdge[];
  out: FlowNode;
}

/** What a node's data were computed from besides the node itself: equal contexts give equal data. */
const sameContext = (a: MapContext | undefined, b: MapContext) =>
  !!a && a.doc.networks === b.doc.networks && a.scope === b.scope && a.diagnostics === b.diagnostics && a.analysis === b.analysis && a.showShapes === b.showShapes;

/**
 * A toFlow that remembers its last result: a node or edge whose inputs did not change comes
 * back as the very same object, so React Flow keeps its internal node and re-renders nothing
 * for it. Dragging one node of 300 then rebuilds one node, not 300. One mapper per canvas.
 */
export function createFlowMapper() {
  let last: MapContext | undefined;
  let nodeCache = new Map<string, NodeEntry>();
  let edgeCache = new Map<string, { src: GraphEdge; selected: boolean; out: Edge }>();
  let lastNodes: FlowNode[] = [];
  let lastEdges: Edge[] = [];
  // The very same array when every element is: React Flow then skips its per-edge bookkeeping.
  const same = <T,>(prev: T[], next: T[]) => (prev.length === next.length && next.every((x, i) => x === prev[i]) ? prev : next);
  return (c: MapContext, selected: ReadonlySet<string>, sizes: ReadonlyMap<string, Size> = new Map()): { nodes: FlowNode[]; edges: Edge[] } => {
    const reuse = sameContext(last, c);
    last = c;
    const part = partOf(c.doc, c.scope);
    const shared = sharedCounts(c.doc);
    const inferred = signalsOf(c.analysis, c.scope);
    // What only rebuilt nodes need, made once per call and only if one is rebuilt.
    let lookups: { byNode: Map<string, Diagnostic[]>; env: PortEnv } | undefined;
    const nextNodes = new Map<string, NodeEntry>();
    const nodes = part.nodes.map((n) => {
      const prev = reuse ? nodeCache.get(n.id) : undefined;
      const sel = selected.has(n.id);
      const measured = sizes.get(n.id);
      const sharedBy = n.type === 'network' ? shared.get(String(n.params.network)) : undefined;
      const sameData = prev && prev.src.type === n.type && prev.src.params === n.params && prev.src.label === n.label && prev.sharedBy === sharedBy && (registry.get(n.type) !== undefined || prev.edges === part.edges);
      let out: FlowNode;
      if (prev && sameData && prev.src === n && prev.selected === sel && prev.measured === measured) out = prev.out;
      else {
        lookups ??= { byNode: diagnosticsByNode(c.diagnostics, c.scope), env: portEnv(c.doc.networks) };
        const data = sameData ? prev.out.data : flowData(n, c, part.edges, lookups.byNode.get(n.id) ?? [], lookups.env, inferred, shared);
        out = { id: n.id, position: n.position, selected: sel, ariaLabel: n.label || n.id, type: registry.get(n.type)?.category === 'note' ? 'note' : 'ganvas', data } as FlowNode;
        if (measured) out.measured = measured;
      }
      nextNodes.set(n.id, { src: n, selected: sel, measured, sharedBy, edges: part.edges, out });
      return out;
    });
    nodeCache = nextNodes;
    const nextEdges = new Map<string, { src: GraphEdge; selected: boolean; out: Edge }>();
    const edges = part.edges.map((e) => {
      const id = edgeId(e);
      const prev = reuse ? edgeCache.get(id) : undefined;
      const sel = selected.has(id);
      const out = prev && prev.src === e && prev.selected === sel ? prev.out : flowEdge(e, id, sel, inferred, c.showShapes);
      nextEdges.set(id, { src: e, selected: sel, out });
      return out;
    });
    edgeCache = nextEdges;
    lastNodes = same(lastNodes, nodes);
    lastEdges = same(lastEdges, edges);
    return { nodes: lastNodes, edges: lastEdges };
  };
}

/** The document as React Flow nodes and edges, computed afresh. */
export function toFlow(
  doc: GraphDoc,
  scope: Scope,
  diagnostics: readonly Diagnostic[],
  analysis: GraphAnalysis | undefined,
  showShapes: boolean,
  selected: ReadonlySet<string>,
): { nodes: FlowNode[]; edges: Edge[] } {
  return createFlowMapper()({ doc, scope, diagnostics, analysis, showShapes }, selected);
}

function sharedCounts(doc: GraphDoc): Map<string, number> {
  const sharedBy = new Map<string, number>();
  for (const n of doc.nodes) if (n.type === 'network') sharedBy.set(String(n.params.network), (sharedBy.get(String(n.params.network)) ?? 0) + 1);
  return sharedBy;
}

function diagnosticsByNode(diagnostics: readonly Diagnostic[], scope: Scope): Map<string, Diagnostic[]> {
  const m = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.nodeId === undefined || d.networkId !== scope) continue;
    const list = m.get(d.nodeId);
    if (list) list.push(d);
    else m.set(d.nodeId, [d]);
  }
  return m;
}

function flowData(
  n: GraphNode,
  c: MapContext,
  partEdges: readonly GraphEdge[],
  mine: readonly Diagnostic[],
  env: PortEnv,
  inferred: ReturnType<typeof signalsOf>,
  sharedBy: ReadonlyMap<string, number>,
): FlowNode['data'] {
  const def = registry.get(n.type);
  if (def?.category === 'note') {
    const p = { text: '', color: 'yellow', width: 240, height: 160, ...n.params } as { text: string; color: string; width: number; height: number };
    return { text: String(p.text), color: String(p.color), width: Number(p.width), height: Number(p.height) };
  }
  const ports = def ? portsOf(n, def, env) : unknownPorts(n, partEdges);
  const ins = inferred?.inputs.get(n.id) ?? {};
  const outs = inferred?.signals.get(n.id) ?? {};
  const netId = n.type === 'network' ? String(n.params.network ?? '') : undefined;
  const net = netId !== undefined ? c.doc.networks.find((x) => x.id === netId) : undefined;
  return {
    kind: n.type,
    title: n.label || (net ? net.label || net.id : def?.label ?? n.type),
    category: def?.category ?? 'unknown',
    summary: summary(n, def),
    inputs: ports.inputs.map((p) => view(p, ins[p.name])),
    outputs: ports.outputs.map((p) => view(p, outs[p.name])),
    diagnostics: mine.map((d) => ({ severity: d.severity, message: d.message, ...(d.port ? { port: d.port } : {}) })),
    unknown: !def,
    ...(net ? { network: { id: net.id, label: net.label || net.id, sharedBy: sharedBy.get(net.id) ?? 1 } } : {}),
    showShapes: c.showShapes,
  };
}

function flowEdge(e: GraphEdge, id: string, selected: boolean, inferred: ReturnType<typeof signalsOf>, showShapes: boolean): Edge {
  const s = inferred?.signals.get(e.source)?.[e.sourceHandle];
  const edge: Edge = { id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle, selected, className: s ? `edge-${s.type}` : 'edge-unknown' };
  if (showShapes && s && s.type !== 'scalar') edge.label = s.type === 'features' ? `${s.layers?.length ?? 0} maps` : formatShape(s.shape);
  return edge;
}

function portsOf(n: GraphNode, def: NonNullable<ReturnType<typeof registry.get>>, env: PortEnv) {
  const parsed = def.params.safeParse(n.params);
  const params = parsed.success ? parsed.data : def.params.safeParse({}).data;
  try {
    return resolvePorts(def, params, env);
  } catch {
    return { inputs: [], outputs: [] };
  }
}

/** A kind this version does not know shows the ports its wires use, so nothing is lost. */
function unknownPorts(n: GraphNode, edges: readonly { source: string; sourceHandle: string; target: string; targetHandle: string }[]) {
  const port = (name: string): PortSpec => ({ name, label: name, type: ['image', 'tensor', 'vector', 'scalar', 'features'] });
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    inputs: uniq(edges.filter((e) => e.target === n.id).map((e) => e.targetHandle)).map(port),
    outputs: uniq(edges.filter((e) => e.source === n.id).map((e) => e.sourceHandle)).map(port),
  };
}

function summary(n: GraphNode, def: ReturnType<typeof registry.get>): string {
  if (!def?.summarize) return '';
  const parsed = def.params.safeParse(n.params);
  if (!parsed.success) return 'settings need attention';
  try {
    return def.summarize(parsed.data);
  } catch {
    return '';
  }
}
