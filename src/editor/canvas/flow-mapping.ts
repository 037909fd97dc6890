/**
 * The store's document, as React Flow nodes and edges: ports resolved from each kind's
 * definition, inferred shapes and the diagnostics of the scope being edited.
 */
import type { Edge } from '@xyflow/react';
import type { GraphAnalysis } from '../../graph/analyze';
import type { Diagnostic } from '../../graph/diagnostics';
import { partOf, type Scope } from '../../graph/edit';
import { portEnv, resolvePorts, typesOf } from '../../graph/ports';
import type { GraphDoc, GraphNode } from '../../graph/schema';
import { edgeId } from '../../graph/scope';
import { registry } from '../../nodes/registry';
import { formatShape } from '../../nodes/shape';
import type { PortSpec, Signal } from '../../nodes/types';
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

export function toFlow(
  doc: GraphDoc,
  scope: Scope,
  diagnostics: readonly Diagnostic[],
  analysis: GraphAnalysis | undefined,
  showShapes: boolean,
  selected: ReadonlySet<string>,
): { nodes: FlowNode[]; edges: Edge[] } {
  const part = partOf(doc, scope);
  const env = portEnv(doc.networks);
  const inferred = signalsOf(analysis, scope);
  const sharedBy = new Map<string, number>();
  for (const n of doc.nodes) if (n.type === 'network') sharedBy.set(String(n.params.network), (sharedBy.get(String(n.params.network)) ?? 0) + 1);
  const nodes = part.nodes.map((n): FlowNode => {
    const base = { id: n.id, position: n.position, selected: selected.has(n.id), ariaLabel: n.label || n.id };
    const def = registry.get(n.type);
    if (def?.category === 'note') {
      const p = { text: '', color: 'yellow', width: 240, height: 160, ...n.params } as { text: string; color: string; width: number; height: number };
      return { ...base, type: 'note', data: { text: String(p.text), color: String(p.color), width: Number(p.width), height: Number(p.height) } };
    }
    const mine = diagnostics.filter((d) => d.nodeId === n.id && d.networkId === scope);
    const ports = def ? portsOf(n, def, env) : unknownPorts(n, part.edges);
    const ins = inferred?.inputs.get(n.id) ?? {};
    const outs = inferred?.signals.get(n.id) ?? {};
    const netId = n.type === 'network' ? String(n.params.network ?? '') : undefined;
    const net = netId !== undefined ? doc.networks.find((x) => x.id === netId) : undefined;
    return {
      ...base,
      type: 'ganvas',
      data: {
        kind: n.type,
        title: n.label || (net ? net.label || net.id : def?.label ?? n.type),
        category: def?.category ?? 'unknown',
        summary: summary(n, def),
        inputs: ports.inputs.map((p) => view(p, ins[p.name])),
        outputs: ports.outputs.map((p) => view(p, outs[p.name])),
        diagnostics: mine.map((d) => ({ severity: d.severity, message: d.message, ...(d.port ? { port: d.port } : {}) })),
        unknown: !def,
        ...(net ? { network: { id: net.id, label: net.label || net.id, sharedBy: sharedBy.get(net.id) ?? 1 } } : {}),
        showShapes,
      },
    };
  });
  const edges = part.edges.map((e): Edge => {
    const id = edgeId(e);
    const s = inferred?.signals.get(e.source)?.[e.sourceHandle];
    const edge: Edge = { id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle, selected: selected.has(id), className: s ? `edge-${s.type}` : 'edge-unknown' };
    if (showShapes && s && s.type !== 'scalar') edge.label = s.type === 'features' ? `${s.layers?.length ?? 0} maps` : formatShape(s.shape);
    return edge;
  });
  return { nodes, edges };
}

function portsOf(n: GraphNode, def: NonNullable<ReturnType<typeof registry.get>>, env: ReturnType<typeof portEnv>) {
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
