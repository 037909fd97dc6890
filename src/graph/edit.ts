/**
 * Pure edits of a graph document: each takes a document and returns a new one (the input is
 * never changed), so the editor's undo/redo, autosave and recompile hang off one place.
 * `scope` names the network definition being edited; without it, the training graph.
 */
import { registry as defaultRegistry, type Registry } from '../nodes/registry';
import type { Connection } from './connect';
import type { Fix } from './diagnostics';
import type { GraphDoc, GraphEdge, GraphNode } from './schema';
import { edgeId } from './scope';

export type Scope = string | undefined;

interface Part {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The nodes and edges of a scope. */
export function partOf(doc: GraphDoc, scope: Scope): Part {
  if (scope === undefined) return doc;
  const net = doc.networks.find((n) => n.id === scope);
  if (!net) throw new Error(`No network ${scope}`);
  return net;
}

function update(doc: GraphDoc, scope: Scope, f: (p: Part) => Part): GraphDoc {
  if (scope === undefined) {
    const next = f(doc);
    return next.nodes === doc.nodes && next.edges === doc.edges ? doc : { ...doc, nodes: next.nodes, edges: next.edges };
  }
  let changed = false;
  const networks = doc.networks.map((n) => {
    if (n.id !== scope) return n;
    const next = f(n);
    if (next.nodes === n.nodes && next.edges === n.edges) return n;
    changed = true;
    return { ...n, nodes: next.nodes, edges: next.edges };
  });
  return changed ? { ...doc, networks } : doc;
}

/** A fresh id from a stem: "conv2d", "conv2d-2", … unused anywhere in the document */
export function freshId(doc: GraphDoc, stem: string): string {
  const taken = new Set([...doc.nodes.map((n) => n.id), ...doc.networks.flatMap((n) => n.nodes.map((m) => m.id))]);
  const base = stem.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'node';
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base}-${k}`)) k++;
  return `${base}-${k}`;
}

/** Adds a node of a kind with its default params written out in full. */
export function addNode(
  doc: GraphDoc,
  a: { kind: string; position: { x: number; y: number }; params?: Record<string, unknown>; label?: string },
  scope: Scope = undefined,
  registry: Registry = defaultRegistry,
): { doc: GraphDoc; id: string } {
  const def = registry.get(a.kind);
  if (!def) throw new Error(`Unknown node kind ${a.kind}`);
  const id = freshId(doc, a.kind.replace(/\./g, '-'));
  const params = def.params.parse(a.params ?? {}) as Record<string, unknown>;
  const node: GraphNode = { id, type: a.kind, position: a.position, params };
  if (a.label) node.label = a.label;
  return { doc: update(doc, scope, (p) => ({ nodes: [...p.nodes, node], edges: p.edges })), id };
}

/** Removes nodes (with every wire touching them) and wires. */
export function removeElements(doc: GraphDoc, ids: { nodes?: readonly string[]; edges?: readonly string[] }, scope: Scope = undefined): GraphDoc {
  const nodes = new Set(ids.nodes ?? []);
  const edges = new Set(ids.edges ?? []);
  if (nodes.size === 0 && edges.size === 0) return doc;
  return update(doc, scope, (p) => ({
    nodes: p.nodes.filter((n) => !nodes.has(n.id)),
    edges: p.edges.filter((e) => !nodes.has(e.source) && !nodes.has(e.target) && !edges.has(edgeId(e))),
  }));
}

/** Adds a wire; a wire already in that input is replaced (an input takes one wire). */
export function connect(doc: GraphDoc, c: Connection, scope: Scope = undefined): GraphDoc {
  return update(doc, scope, (p) => ({
    nodes: p.nodes,
    edges: [...p.edges.filter((e) => !(e.target === c.target && e.targetHandle === c.targetHandle)), { ...c }],
  }));
}

export function moveNodes(doc: GraphDoc, moves: readonly { id: string; position: { x: number; y: number } }[], scope: Scope = undefined): GraphDoc {
  if (moves.length === 0) return doc;
  const to = new Map(moves.map((m) => [m.id, m.position]));
  return update(doc, scope, (p) => ({ nodes: p.nodes.map((n) => (to.has(n.id) ? { ...n, position: to.get(n.id)! } : n)), edges: p.edges }));
}

export function setParams(doc: GraphDoc, id: string, params: Record<string, unknown>, scope: Scope = undefined): GraphDoc {
  return update(doc, scope, (p) => ({ nodes: p.nodes.map((n) => (n.id === id ? { ...n, params } : n)), edges: p.edges }));
}

export function setLabel(doc: GraphDoc, id: string, label: string, scope: Scope = undefined): GraphDoc {
  return update(doc, scope, (p) => ({
    nodes: p.nodes.map((n) => {
      if (n.id !== id) return n;
      const { label: _old, ...rest } = n;
      return label.trim() ? { ...rest, label } : rest;
    }),
    edges: p.edges,
  }));
}

/** The one-click repair of a range mismatch: a Rescale node between the two ports. */
export function insertRescale(doc: GraphDoc, fix: Fix, scope: Scope = undefined, registry: Registry = defaultRegistry): { doc: GraphDoc; id: string } {
  const part = partOf(doc, scope);
  const from = part.nodes.find((n) => n.id === fix.from.node);
  const to = part.nodes.find((n) => n.id === fix.to.node);
  if (!from || !to) throw new Error('The wire to repair is gone');
  const position = { x: (from.position.x + to.position.x) / 2, y: (from.position.y + to.position.y) / 2 + 40 };
  const added = addNode(doc, { kind: 'rescale', position, params: { to: fix.range } }, scope, registry);
  let next = connect(added.doc, { source: fix.from.node, sourceHandle: fix.from.port, target: added.id, targetHandle: 'in' }, scope);
  next = connect(next, { source: added.id, sourceHandle: 'out', target: fix.to.node, targetHandle: fix.to.port }, scope);
  return { doc: next, id: added.id };
}

export function setSettings(doc: GraphDoc, settings: Partial<GraphDoc['settings']>): GraphDoc {
  return { ...doc, settings: { ...doc.settings, ...settings } };
}

export function setMeta(doc: GraphDoc, meta: Partial<GraphDoc['meta']>): GraphDoc {
  return { ...doc, meta: { ...doc.meta, ...meta } };
}
