/**
 * Instantiating built-in templates into a document, and the edits that decide which call
 * sites share weights. All pure: each returns a new document and leaves its input untouched.
 * Unknown ids are programming errors (the editor only offers what exists), so they throw.
 */
import { findTemplate } from '../nodes/networks/templates';
import { deriveSeed } from '../nodes/prng';
import type { GraphDoc, GraphNode, NetworkDef } from './schema';

export interface PlaceOptions {
  /** Seed of the network's initial weights (default: derived from the graph seed and the network id). */
  seed?: number;
  /** Id of the new network (default: the template id, made unique: 'unet', 'unet-2', …). */
  networkId?: string;
  label?: string;
  /** Id of the new call-site node (default: the network id, made unique among nodes). */
  nodeId?: string;
}

/** `base` if free, else `base-2`, `base-3`, … */
export function uniqueId(base: string, taken: ReadonlySet<string> | readonly string[]): string {
  const set = taken instanceof Set ? taken : new Set(taken as readonly string[]);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A network definition made from a template; params are validated and stored with their defaults. */
export function templateNetwork(templateId: string, params: unknown, o: { id: string; seed: number; label?: string }): NetworkDef {
  const t = findTemplate(templateId);
  if (!t) throw new Error(`There is no network template "${templateId}"`);
  const parsed = t.params.parse(params ?? {}) as Record<string, unknown>;
  const graph = t.build(parsed);
  return {
    id: o.id,
    label: o.label ?? t.label,
    seed: o.seed >>> 0,
    frozen: t.frozen ?? false,
    template: { id: t.id, params: structuredClone(parsed) },
    nodes: graph.nodes.map((n) => ({ ...n, position: { ...n.position }, params: structuredClone(n.params) })),
    edges: graph.edges.map((e) => ({ ...e })),
  };
}

/** Adds a new network made from a template and one call site of it at `position`. */
export function placeTemplate(
  doc: GraphDoc,
  templateId: string,
  params: unknown,
  position: { x: number; y: number },
  options: PlaceOptions = {},
): { doc: GraphDoc; networkId: string; nodeId: string } {
  const netIds = new Set(doc.networks.map((n) => n.id));
  if (options.networkId !== undefined && netIds.has(options.networkId))
    throw new Error(`The graph already has a network "${options.networkId}"`);
  const networkId = options.networkId ?? uniqueId(templateId, netIds);
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  if (options.nodeId !== undefined && nodeIds.has(options.nodeId)) throw new Error(`The graph already has a node "${options.nodeId}"`);
  const nodeId = options.nodeId ?? uniqueId(networkId, nodeIds);
  const suffix = networkId.startsWith(templateId) ? /^-(\d+)$/.exec(networkId.slice(templateId.length))?.[1] : undefined;
  const label = options.label ?? `${findTemplate(templateId)?.label ?? templateId}${suffix ? ` ${suffix}` : ''}`;
  const net = templateNetwork(templateId, params, { id: networkId, seed: options.seed ?? deriveSeed(doc.settings.seed, networkId), label });
  const node: GraphNode = { id: nodeId, type: 'network', position: { x: position.x, y: position.y }, params: { network: networkId } };
  return { doc: { ...doc, nodes: [...doc.nodes, node], networks: [...doc.networks, net] }, networkId, nodeId };
}

/**
 * A copy of a network with a new id and seed, listed after the original. Its call sites
 * are none yet: point one at it to give that call site weights of its own.
 */
export function duplicateNetwork(doc: GraphDoc, networkId: string): { doc: GraphDoc; networkId: string } {
  const at = doc.networks.findIndex((n) => n.id === networkId);
  const src = doc.networks[at];
  if (!src) throw new Error(`The graph has no network "${networkId}"`);
  const id = uniqueId(networkId.replace(/-\d+$/, ''), new Set(doc.networks.map((n) => n.id)));
  let seed = deriveSeed(doc.settings.seed, id);
  // Equal seeds would give the copy the original's weights, defeating the point of copying.
  if (seed === src.seed) seed = deriveSeed(seed, `${id}/copy`);
  const copy: NetworkDef = { ...structuredClone(src), id, seed, label: `${src.label || src.id} (copy)` };
  const networks = [...doc.networks];
  networks.splice(at + 1, 0, copy);
  return { doc: { ...doc, networks }, networkId: id };
}

/** Makes the call site `nodeId` run the network `networkId`. */
export function pointCallSite(doc: GraphDoc, nodeId: string, networkId: string): GraphDoc {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node || node.type !== 'network') throw new Error(`"${nodeId}" is not a network call site`);
  if (!doc.networks.some((n) => n.id === networkId)) throw new Error(`The graph has no network "${networkId}"`);
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, network: networkId } } : n)),
  };
}

/** Gives one call site a copy of its network, so it stops sharing weights with the others. */
export function makeCallSiteUnique(doc: GraphDoc, nodeId: string): { doc: GraphDoc; networkId: string } {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const current = (node?.params as { network?: unknown } | undefined)?.network;
  if (!node || node.type !== 'network' || typeof current !== 'string') throw new Error(`"${nodeId}" is not a network call site`);
  const dup = duplicateNetwork(doc, current);
  return { doc: pointCallSite(dup.doc, nodeId, dup.networkId), networkId: dup.networkId };
}

/**
 * Rebuilds a network made from a template with new template settings: its blocks and wires
 * are made afresh; its id, label, seed and call sites stay, so the call sites keep sharing it.
 */
export function retemplateNetwork(doc: GraphDoc, networkId: string, params: unknown): GraphDoc {
  const net = doc.networks.find((n) => n.id === networkId);
  if (!net?.template) throw new Error(`The network "${networkId}" was not made from a template`);
  const fresh = templateNetwork(net.template.id, params, { id: net.id, seed: net.seed, label: net.label });
  return { ...doc, networks: doc.networks.map((n) => (n.id === networkId ? { ...fresh, frozen: net.frozen } : n)) };
}

/** Whether a template network's blocks differ from what its template makes (positions aside). */
export function editedSinceTemplate(net: NetworkDef): boolean {
  if (!net.template || !findTemplate(net.template.id)) return false;
  let made: NetworkDef;
  try {
    made = templateNetwork(net.template.id, net.template.params, { id: net.id, seed: net.seed });
  } catch {
    return true;
  }
  const strip = (n: NetworkDef) => ({
    nodes: n.nodes.map(({ position: _p, ...rest }) => rest),
    edges: n.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`),
  });
  return JSON.stringify(strip(made)) !== JSON.stringify(strip(net));
}
