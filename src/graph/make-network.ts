/**
 * "Make network from selection": selected blocks of the training graph become a new network
 * definition. Each output outside the selection that feeds it becomes an Input node (one per
 * output, however many blocks it feeds), each selected output used outside becomes an Output
 * node, typed as the wire's inferred signal (an image keeps its value range), and one call
 * site takes the blocks' place, wired the same way, so the graph computes exactly what it did.
 * Pure: returns a new document, or the reason the selection cannot be a network.
 */
import { say } from '../nodes/messages';
import { deriveSeed } from '../nodes/prng';
import { registry as defaultRegistry, type Registry } from '../nodes/registry';
import type { Signal } from '../nodes/types';
import { analyzeGraph, type GraphAnalysis } from './analyze';
import { nodeName } from './diagnostics';
import type { GraphDoc, GraphEdge, GraphNode, NetworkDef } from './schema';
import type { Scope } from './edit';
import { uniqueId } from './templates';
import { ancestors } from './topo';

export type MakeNetworkResult = { ok: true; doc: GraphDoc; networkId: string; nodeId: string } | { ok: false; reason: string };

export interface MakeNetworkOptions {
  registry?: Registry;
  /** The current analysis, when the editor has it. */
  analysis?: GraphAnalysis;
  label?: string;
}

const refuse = (reason: string): MakeNetworkResult => ({ ok: false, reason });
/** How far the Input and Output nodes sit from the blocks they feed or read (cards are up to 300 wide). */
const MARGIN = 260;
const OUT_MARGIN = 360;

/** A call-site port name from a node and port: letters, digits, - and _, unique in `taken`. */
function portName(nodeId: string, port: string, taken: Set<string>): string {
  let base = (port === 'out' || port === 'in' ? nodeId : `${nodeId}_${port}`).replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  base = base.slice(0, 36);
  const name = uniqueId(base, taken);
  taken.add(name);
  return name;
}

/** The Input or Output params for a signal, or undefined when no network port can carry it. */
function portParams(name: string, s: Signal, side: 'input' | 'output'): Record<string, unknown> | undefined {
  if (s.type === 'image') return { name, type: 'image', range: s.range ?? '[-1,1]' };
  if (s.type === 'tensor' || s.type === 'vector') return { name, type: s.type, range: '[-1,1]' };
  if (s.type === 'features' && side === 'output') return { name, type: 'features', range: '[-1,1]' };
  return undefined;
}

export function makeNetworkFromSelection(doc: GraphDoc, scope: Scope, ids: readonly string[], o: MakeNetworkOptions = {}): MakeNetworkResult {
  if (scope !== undefined) return refuse(say('makeNetworkNested', {}));
  const registry = o.registry ?? defaultRegistry;
  const wanted = new Set(ids);
  const picked = doc.nodes.filter((n) => wanted.has(n.id) && n.type !== 'note');
  if (picked.length === 0) return refuse(say('makeNetworkEmpty', {}));
  for (const n of picked) {
    const def = registry.get(n.type);
    if (!def) return refuse(say('unknownKind', { node: nodeName(n), kind: n.type }));
    if (def.where === 'graph') return refuse(say('makeNetworkKind', { node: nodeName(n, def), category: n.type === 'network' ? 'network call site' : def.category }));
  }
  const sel = new Set(picked.map((n) => n.id));
  const links = doc.edges.map((e) => ({ from: e.source, to: e.target }));
  const downstream = ancestors([...sel], links.map((l) => ({ from: l.to, to: l.from })));
  const upstream = ancestors([...sel], links);
  const between = doc.nodes.find((n) => !sel.has(n.id) && downstream.has(n.id) && upstream.has(n.id));
  if (between) return refuse(say('makeNetworkLoop', { node: nodeName(between, registry.get(between.type)) }));

  const analysis = o.analysis ?? analyzeGraph(doc, registry);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const name = (id: string) => nodeName(byId.get(id)!, registry.get(byId.get(id)!.type));
  const signal = (id: string, port: string) => analysis.inferred.signals.get(id)?.[port];
  const incoming = doc.edges.filter((e) => sel.has(e.target) && !sel.has(e.source));
  const outgoing = doc.edges.filter((e) => sel.has(e.source) && !sel.has(e.target));
  if (outgoing.length === 0) return refuse(say('makeNetworkNoOutput', {}));

  const networkId = uniqueId('network', new Set(doc.networks.map((n) => n.id)));
  const taken = new Set([...doc.nodes.map((n) => n.id), ...doc.networks.flatMap((n) => n.nodes.map((m) => m.id))]);
  const freshNode = (stem: string) => {
    const id = uniqueId(stem, taken);
    taken.add(id);
    return id;
  };
  const callId = freshNode(networkId);
  const xs = picked.map((n) => n.position.x);
  const ys = picked.map((n) => n.position.y);
  const [left, right] = [Math.min(...xs), Math.max(...xs)];

  const inner: GraphNode[] = picked.map((n) => structuredClone(n));
  const innerEdges: GraphEdge[] = doc.edges.filter((e) => sel.has(e.source) && sel.has(e.target)).map((e) => ({ ...e }));
  const outerEdges: GraphEdge[] = doc.edges.filter((e) => !sel.has(e.source) && !sel.has(e.target));
  const inNames = new Set<string>();
  const outNames = new Set<string>();

  // One Input per outside output, in the order the wires are listed.
  const inputs = new Map<string, { port: string; node: string }>();
  for (const e of incoming) {
    const key = `${e.source}\u0000${e.sourceHandle}`;
    let input = inputs.get(key);
    if (input === undefined) {
      const s = signal(e.source, e.sourceHandle);
      if (!s) return refuse(say('makeNetworkUnknown', { node: name(e.source), port: e.sourceHandle }));
      const port = portName(e.source, e.sourceHandle, inNames);
      const params = portParams(port, s, 'input');
      if (!params) return refuse(say('makeNetworkSignal', { node: name(e.source), port: e.sourceHandle, type: s.type === 'scalar' ? 'a scalar' : s.type }));
      input = { port, node: freshNode(`in-${port}`) };
      inner.push({ id: input.node, type: 'network.input', position: { x: left - MARGIN, y: byId.get(e.target)!.position.y }, params });
      outerEdges.push({ source: e.source, sourceHandle: e.sourceHandle, target: callId, targetHandle: port });
      inputs.set(key, input);
    }
    innerEdges.push({ source: input.node, sourceHandle: 'out', target: e.target, targetHandle: e.targetHandle });
  }

  // One Output per selected output used outside; every outside use reads it from the call site.
  const outputs = new Map<string, string>();
  for (const e of outgoing) {
    const key = `${e.source}\u0000${e.sourceHandle}`;
    let port = outputs.get(key);
    if (port === undefined) {
      const s = signal(e.source, e.sourceHandle);
      if (!s) return refuse(say('makeNetworkUnknown', { node: name(e.source), port: e.sourceHandle }));
      // Input and output names differ too, so no handle of the call site has two meanings.
      port = portName(e.source, e.sourceHandle, new Set([...outNames, ...inNames]));
      outNames.add(port);
      const params = portParams(port, s, 'output');
      if (!params) return refuse(say('makeNetworkSignal', { node: name(e.source), port: e.sourceHandle, type: s.type === 'scalar' ? 'a scalar' : s.type }));
      const id = freshNode(`out-${port}`);
      inner.push({ id, type: 'network.output', position: { x: right + OUT_MARGIN, y: byId.get(e.source)!.position.y }, params });
      innerEdges.push({ source: e.source, sourceHandle: e.sourceHandle, target: id, targetHandle: 'in' });
      outputs.set(key, port);
    }
    outerEdges.push({ source: callId, sourceHandle: port, target: e.target, targetHandle: e.targetHandle });
  }

  const net: NetworkDef = {
    id: networkId,
    label: o.label ?? `Network ${doc.networks.length + 1}`,
    seed: deriveSeed(doc.settings.seed, networkId),
    frozen: false,
    nodes: inner,
    edges: innerEdges,
  };
  const call: GraphNode = {
    id: callId,
    type: 'network',
    position: { x: Math.round((left + right) / 2), y: Math.round(ys.reduce((a, b) => a + b, 0) / ys.length) },
    params: { network: networkId },
  };
  // The call site takes the list place of the first block it replaces: ties in the graph's
  // order are broken by list order, so the rest of the graph runs in the order it did.
  const first = doc.nodes.findIndex((n) => sel.has(n.id));
  const nodes = doc.nodes.filter((n, i) => i < first && !sel.has(n.id));
  nodes.push(call, ...doc.nodes.filter((n, i) => i > first && !sel.has(n.id)));
  return { ok: true, doc: { ...doc, nodes, edges: outerEdges, networks: [...doc.networks, net] }, networkId, nodeId: callId };
}
