/**
 * Checking one scope: the training graph, or one network definition's inner graph.
 * `resolveScope` does what does not depend on shapes (kinds, params, ports, wires, order,
 * cycles); `inferScope` then infers every wire's signal in order from what the scope is fed.
 */
import type { Registry } from '../nodes/registry';
import { describeSignal } from '../nodes/shape';
import { isProblem, type AnyNodeDef, type GraphSettingsView, type InferResult, type PortEnv, type Signal, type WeightSpec } from '../nodes/types';
import { diag, nodeName, type Diagnostic } from './diagnostics';
import { describeTypes, portsFit, rangeFits, resolvePorts, signalFits, typesOf, type NodePorts } from './ports';
import type { GraphEdge, GraphNode } from './schema';
import { findCycles, topoOrder } from './topo';

export interface Wire {
  edgeId: string;
  from: string;
  fromPort: string;
  to: string;
  toPort: string;
}

export interface ResolvedScope {
  networkId?: string;
  nodes: Map<string, GraphNode>;
  defs: Map<string, AnyNodeDef>;
  /** Parsed params, for nodes whose kind is known and whose params are valid. */
  params: Map<string, unknown>;
  ports: Map<string, NodePorts>;
  wires: Wire[];
  inputsOf: Map<string, Map<string, Wire>>;
  /** Topological order (ties by list order) of the nodes on no cycle. */
  order: string[];
  diagnostics: Diagnostic[];
}

export interface ResolveOptions {
  registry: Registry;
  env: PortEnv;
  where: 'graph' | 'network';
  networkId?: string;
  /** Parses a node's params (a CompileCache reuses earlier results); `def.params.safeParse` by default. */
  parse?: (def: AnyNodeDef, params: unknown) => ReturnType<AnyNodeDef['params']['safeParse']>;
}

export function edgeId(e: GraphEdge): string {
  return e.id ?? `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`;
}

export function resolveScope(nodes: readonly GraphNode[], edges: readonly GraphEdge[], o: ResolveOptions): ResolvedScope {
  const ds: Diagnostic[] = [];
  const at = o.networkId === undefined ? {} : { networkId: o.networkId };
  const s: ResolvedScope = {
    nodes: new Map(nodes.map((n) => [n.id, n])),
    defs: new Map(),
    params: new Map(),
    ports: new Map(),
    wires: [],
    inputsOf: new Map(),
    order: [],
    diagnostics: ds,
  };
  if (o.networkId !== undefined) s.networkId = o.networkId;

  for (const n of nodes) {
    const def = o.registry.get(n.type);
    if (!def) {
      ds.push(diag('error', 'unknownKind', { node: nodeName(n), kind: n.type }, { ...at, nodeId: n.id }));
      continue;
    }
    s.defs.set(n.id, def);
    const name = nodeName(n, def);
    if (def.where !== 'both' && def.where !== o.where)
      ds.push(diag('error', 'wrongPlace', { node: name, where: def.where }, { ...at, nodeId: n.id }));
    const parsed = o.parse ? o.parse(def, n.params) : def.params.safeParse(n.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        const param = issue.path.length > 0 ? issue.path.join('.') : '(all)';
        ds.push(diag('error', 'badParam', { node: name, param, detail: issue.message }, { ...at, nodeId: n.id }));
      }
      continue;
    }
    s.params.set(n.id, parsed.data);
    try {
      s.ports.set(n.id, resolvePorts(def, parsed.data, o.env));
    } catch (e) {
      ds.push(diag('error', 'internalError', { node: name, detail: String(e) }, { ...at, nodeId: n.id }));
    }
  }

  for (const e of edges) {
    const id = edgeId(e);
    const src = s.nodes.get(e.source);
    const dst = s.nodes.get(e.target);
    if (!src || !dst) continue; // the reader drops these with a diagnostic
    const sp = s.ports.get(e.source);
    const tp = s.ports.get(e.target);
    if (!tp) continue; // unknown kind or bad params: already reported, wire kept in the file
    const inp = tp.inputs.find((p) => p.name === e.targetHandle);
    if (!sp) {
      // The source is broken and reported; the wire still counts as connecting the input,
      // so that the node downstream stays quiet rather than saying it has no input.
      if (inp) addWire(s, { edgeId: id, from: e.source, fromPort: e.sourceHandle, to: e.target, toPort: e.targetHandle });
      continue;
    }
    const out = sp.outputs.find((p) => p.name === e.sourceHandle);
    if (!out) {
      ds.push(diag('error', 'unknownPort', { node: nodeName(src, s.defs.get(src.id)), port: e.sourceHandle, side: 'output' }, { ...at, nodeId: src.id, edgeId: id }));
      continue;
    }
    if (!inp) {
      ds.push(diag('error', 'unknownPort', { node: nodeName(dst, s.defs.get(dst.id)), port: e.targetHandle, side: 'input' }, { ...at, nodeId: dst.id, edgeId: id }));
      continue;
    }
    if (!portsFit(out, inp)) {
      ds.push(
        diag('error', 'wrongType', { from: nodeName(src, s.defs.get(src.id)), fromType: describeTypes(out), to: nodeName(dst, s.defs.get(dst.id)), toType: describeTypes(inp) }, { ...at, nodeId: dst.id, port: inp.name, edgeId: id }),
      );
      continue;
    }
    if (!addWire(s, { edgeId: id, from: e.source, fromPort: e.sourceHandle, to: e.target, toPort: e.targetHandle })) {
      const count = s.wires.filter((x) => x.to === e.target && x.toPort === e.targetHandle).length;
      ds.push(diag('error', 'manyWires', { node: nodeName(dst, s.defs.get(dst.id)), port: e.targetHandle, count }, { ...at, nodeId: dst.id, port: e.targetHandle, edgeId: id }));
    }
  }

  const ids = nodes.map((n) => n.id);
  const links = s.wires.map((w) => ({ from: w.from, to: w.to }));
  const { order, cyclic } = topoOrder(ids, links);
  s.order = order;
  if (cyclic.length > 0) {
    for (const cycle of findCycles(ids, links)) {
      const names = cycle.map((id) => nodeName(s.nodes.get(id)!, s.defs.get(id))).join(' → ');
      if (cycle.length === 1) ds.push(diag('error', 'selfLoop', { node: names }, { ...at, nodeId: cycle[0]! }));
      else ds.push(diag('error', 'cycle', { nodes: names }, { ...at, nodeId: cycle[0]! }));
    }
  }
  return s;
}

/** Records a wire; false when its input already had one (the first wire is kept). */
function addWire(s: ResolvedScope, w: Wire): boolean {
  s.wires.push(w);
  let byPort = s.inputsOf.get(w.to);
  if (!byPort) s.inputsOf.set(w.to, (byPort = new Map()));
  if (byPort.has(w.toPort)) return false;
  byPort.set(w.toPort, w);
  return true;
}

export interface InferOptions {
  settings: GraphSettingsView;
  /** Signals fed to the scope's Input nodes, by port name. */
  feed?: (name: string) => Signal | undefined;
  /** Infers a network call site (the training graph only). */
  callNetwork?: (node: GraphNode, params: unknown, inputs: Record<string, Signal | undefined>) => InferResult;
}

export interface InferredScope {
  /** Output signals by node and port. */
  signals: Map<string, Record<string, Signal>>;
  /** Input signals by node and port, as the node saw them. */
  inputs: Map<string, Record<string, Signal | undefined>>;
  /** Weights of the scope's blocks, in fill order. */
  weights: (WeightSpec & { block: string })[];
  diagnostics: Diagnostic[];
}

export function inferScope(s: ResolvedScope, o: InferOptions): InferredScope {
  const r: InferredScope = { signals: new Map(), inputs: new Map(), weights: [], diagnostics: [] };
  const at = s.networkId === undefined ? {} : { networkId: s.networkId };
  for (const id of s.order) {
    const def = s.defs.get(id);
    const params = s.params.get(id);
    const ports = s.ports.get(id);
    if (!def || params === undefined || !ports) continue;
    const node = s.nodes.get(id)!;
    const name = nodeName(node, def);
    const inputs: Record<string, Signal | undefined> = {};
    let ready = true;
    for (const port of ports.inputs) {
      const w = s.inputsOf.get(id)?.get(port.name);
      if (!w) {
        if (!port.optional) {
          ready = false;
          if (def.category === 'optimizer') r.diagnostics.push(diag('error', 'optimizerNoLoss', { node: name }, { ...at, nodeId: id, port: port.name }));
          else r.diagnostics.push(diag('error', 'missingInput', { node: name, port: port.label || port.name }, { ...at, nodeId: id, port: port.name }));
        }
        continue;
      }
      const sig = r.signals.get(w.from)?.[w.fromPort];
      if (!sig) {
        ready = false; // the node upstream has its own diagnostic
        continue;
      }
      const from = nodeName(s.nodes.get(w.from)!, s.defs.get(w.from));
      if (!signalFits(sig, port)) {
        r.diagnostics.push(diag('error', 'wrongType', { from, fromType: sig.type, to: name, toType: typesOf(port).join(' or ') }, { ...at, nodeId: id, port: port.name, edgeId: w.edgeId }));
        ready = false;
        continue;
      }
      if (sig.type === 'image' && !rangeFits(sig.range, port)) {
        const want = port.ranges![0]!;
        r.diagnostics.push(
          diag('error', 'rangeMismatch', { from, fromRange: sig.range!, to: name, toRange: port.ranges!.join(' or ') }, {
            ...at,
            nodeId: id,
            port: port.name,
            edgeId: w.edgeId,
            fix: { kind: 'insert-rescale', from: { node: w.from, port: w.fromPort }, to: { node: id, port: port.name }, range: want },
          }),
        );
        ready = false;
        continue;
      }
      inputs[port.name] = sig;
    }
    if (def.kind === 'network.input') inputs.in = o.feed?.((params as { name: string }).name);
    r.inputs.set(id, inputs);
    if (!ready) continue;
    let result: InferResult;
    try {
      result =
        def.kind === 'network' && o.callNetwork
          ? o.callNetwork(node, params, inputs)
          : def.infer({ params, inputs, settings: o.settings, name });
    } catch (e) {
      r.diagnostics.push(diag('error', 'internalError', { node: name, detail: String(e) }, { ...at, nodeId: id }));
      continue;
    }
    if (isProblem(result)) {
      r.diagnostics.push(diag('error', result.code, result.args as never, { ...at, nodeId: id, port: result.port }));
      continue;
    }
    for (const port of ports.outputs) {
      const sig = result[port.name];
      if (sig && !signalFits(sig, port))
        r.diagnostics.push(diag('error', 'internalError', { node: name, detail: `output "${port.name}" gives ${describeSignal(sig)}` }, { ...at, nodeId: id }));
    }
    r.signals.set(id, result);
    try {
      if (def.weights) for (const w of def.weights(params, inputs, result)) r.weights.push({ ...w, block: id });
    } catch (e) {
      r.diagnostics.push(diag('error', 'internalError', { node: name, detail: String(e) }, { ...at, nodeId: id }));
    }
  }
  return r;
}
