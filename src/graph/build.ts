/**
 * Small builders for writing graph documents in code: presets made by scripts, and tests.
 * `wire('G.out', 'L1.a')` reads as node.port → node.port.
 */
import { GRAPH_FORMAT, GRAPH_VERSION, zGraphDoc, type GraphDoc, type GraphEdge, type GraphNode, type NetworkDef } from './schema';

export function node(id: string, type: string, params: Record<string, unknown> = {}, position = { x: 0, y: 0 }): GraphNode {
  return { id, type, params, position };
}

export function wire(from: string, to: string): GraphEdge {
  const [source, sourceHandle] = split(from);
  const [target, targetHandle] = split(to);
  return { source, sourceHandle, target, targetHandle };
}

export function network(id: string, seed: number, nodes: GraphNode[], edges: GraphEdge[], extra: Partial<NetworkDef> = {}): NetworkDef {
  return { id, label: extra.label ?? id, seed, frozen: extra.frozen ?? false, nodes, edges, ...extra };
}

export function graph(parts: {
  nodes: GraphNode[];
  edges?: GraphEdge[];
  networks?: NetworkDef[];
  settings?: Partial<GraphDoc['settings']>;
  meta?: Partial<GraphDoc['meta']>;
}): GraphDoc {
  return zGraphDoc.parse({
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    meta: parts.meta ?? {},
    nodes: parts.nodes,
    edges: parts.edges ?? [],
    networks: parts.networks ?? [],
    settings: parts.settings ?? {},
  });
}

function split(ref: string): [string, string] {
  const i = ref.lastIndexOf('.');
  if (i <= 0) throw new Error(`"${ref}" is not node.port`);
  return [ref.slice(0, i), ref.slice(i + 1)];
}
