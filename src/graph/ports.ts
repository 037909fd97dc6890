/** Resolving a node's ports (some depend on params or on network definitions) and type rules. */
import type { AnyNodeDef, NetworkPorts, PortEnv, PortSpec, PortType, Signal, ValueRange } from '../nodes/types';
import type { NetworkDef } from './schema';

export interface NodePorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
}

export function resolvePorts(def: AnyNodeDef, params: unknown, env: PortEnv): NodePorts {
  const inputs = typeof def.inputs === 'function' ? def.inputs(params, env) : def.inputs;
  const outputs = typeof def.outputs === 'function' ? def.outputs(params, env) : def.outputs;
  return { inputs, outputs };
}

export function typesOf(port: PortSpec): readonly PortType[] {
  return typeof port.type === 'string' ? [port.type] : port.type;
}

/** Whether a value of type `given` may go into an input of type(s) `accepted`. */
export function typeFits(given: PortType, accepted: readonly PortType[]): boolean {
  if (accepted.includes(given)) return true;
  // An image is a tensor with a known range; a vector is a rank-2 tensor.
  return accepted.includes('tensor') && (given === 'image' || given === 'vector');
}

/** Whether an output port can ever feed an input port, judging by declared types. */
export function portsFit(out: PortSpec, input: PortSpec): boolean {
  return typesOf(out).some((t) => typeFits(t, typesOf(input)));
}

export function rangeFits(range: ValueRange | undefined, port: PortSpec): boolean {
  if (!port.ranges || range === undefined) return true;
  return port.ranges.includes(range);
}

export function describeTypes(port: PortSpec): string {
  return typesOf(port).join(' or ');
}

/** The signal type an output port declares, for messages before shapes are known. */
export function signalFits(s: Signal, port: PortSpec): boolean {
  return typeFits(s.type, typesOf(port));
}

/**
 * A network definition's call-site ports, read from its Input and Output nodes in list
 * order. Their params are read leniently: a broken Input still yields a port named by id.
 */
export function networkPorts(net: NetworkDef): NetworkPorts {
  const inputs: PortSpec[] = [];
  const outputs: PortSpec[] = [];
  for (const n of net.nodes) {
    if (n.type !== 'network.input' && n.type !== 'network.output') continue;
    const p = n.params as { name?: unknown; type?: unknown; range?: unknown };
    const name = typeof p.name === 'string' && p.name ? p.name : n.type === 'network.input' ? 'in' : 'out';
    const type = (typeof p.type === 'string' ? p.type : n.type === 'network.input' ? 'image' : 'image') as PortType;
    const range = (typeof p.range === 'string' ? p.range : '[-1,1]') as ValueRange;
    const port: PortSpec = { name, label: name, type };
    if (type === 'image' && n.type === 'network.input') port.ranges = [range];
    (n.type === 'network.input' ? inputs : outputs).push(port);
  }
  return { id: net.id, label: net.label || net.id, inputs, outputs };
}

export function portEnv(networks: readonly NetworkDef[]): PortEnv {
  const byId = new Map(networks.map((n) => [n.id, n]));
  const cache = new Map<string, NetworkPorts>();
  return {
    network(id) {
      const net = byId.get(id);
      if (!net) return undefined;
      let p = cache.get(id);
      if (!p) cache.set(id, (p = networkPorts(net)));
      return p;
    },
  };
}
