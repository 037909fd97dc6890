/**
 * Type and shape inference over a whole document: the training graph, and each network
 * definition as seen from each of its call sites (networks are shape-polymorphic, like
 * functions, but all call sites of one network share its weights, so their weights must agree).
 */
import { registry as defaultRegistry, type Registry } from '../nodes/registry';
import { formatShape } from '../nodes/shape';
import { problem, type GraphSettingsView, type InferResult, type Signal, type WeightSpec } from '../nodes/types';
import type { CompileCache } from './compile-cache';
import { diag, nodeName, type Diagnostic } from './diagnostics';
import { portEnv } from './ports';
import type { GraphDoc, GraphNode, NetworkDef } from './schema';
import { inferScope, resolveScope, type InferredScope, type ResolvedScope } from './scope';

export type PlanWeight = WeightSpec & { block: string };

export interface NetworkAnalysis {
  outputs: Record<string, Signal>;
  weights: PlanWeight[];
  diagnostics: Diagnostic[];
  scope?: ResolvedScope;
  inferred?: InferredScope;
}

const defaultSettings: GraphSettingsView = { imageSize: 64, batchSize: 1, seed: 1 };

/** Infers one network definition fed with `inputs` (by Input port name). */
export function analyzeNetwork(
  net: NetworkDef,
  inputs: Record<string, Signal | undefined>,
  opts: { registry?: Registry; settings?: GraphSettingsView; scope?: ResolvedScope } = {},
): NetworkAnalysis {
  const registry = opts.registry ?? defaultRegistry;
  const scope = opts.scope ?? resolveScope(net.nodes, net.edges, { registry, env: portEnv([]), where: 'network', networkId: net.id });
  const inferred = inferScope(scope, { settings: opts.settings ?? defaultSettings, feed: (name) => inputs[name] });
  const outputs: Record<string, Signal> = {};
  for (const id of scope.order) {
    if (scope.defs.get(id)?.kind !== 'network.output') continue;
    const name = (scope.params.get(id) as { name: string } | undefined)?.name;
    const sig = inferred.signals.get(id)?.out;
    if (name !== undefined && sig) outputs[name] = sig;
  }
  const diagnostics = opts.scope ? inferred.diagnostics : [...scope.diagnostics, ...inferred.diagnostics];
  return { outputs, weights: inferred.weights, diagnostics, scope, inferred };
}

export interface GraphAnalysis {
  scope: ResolvedScope;
  inferred: InferredScope;
  networks: Map<string, NetworkDef>;
  /** Structural analysis of each network, once. */
  networkScopes: Map<string, ResolvedScope>;
  /** Per network: its weights (from its first call site) and which call sites use it. */
  networkUse: Map<string, { weights: PlanWeight[]; callSites: string[]; inferred: Map<string, InferredScope> }>;
  diagnostics: Diagnostic[];
}

/** Infers the whole document; never throws on a user's mistake. */
export function analyzeGraph(doc: GraphDoc, registry: Registry = defaultRegistry, cache?: CompileCache): GraphAnalysis {
  const env = portEnv(doc.networks);
  const c = cache?.for(registry);
  const parse = c?.parse.bind(c);
  const settings: GraphSettingsView = doc.settings;
  // Part of every call site's cache key; the settings are the same for all of them.
  const settingsKey = c ? JSON.stringify(settings) : '';
  const networks = new Map(doc.networks.map((n) => [n.id, n]));
  const networkScopes = new Map<string, ResolvedScope>();
  const networkUse: GraphAnalysis['networkUse'] = new Map();
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = (ds: readonly Diagnostic[]) => {
    for (const d of ds) {
      const key = `${d.networkId ?? ''}|${d.nodeId ?? ''}|${d.port ?? ''}|${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        diagnostics.push(d);
      }
    }
  };

  for (const net of doc.networks) {
    const resolve = () => resolveScope(net.nodes, net.edges, { registry, env, where: 'network', networkId: net.id, ...(parse ? { parse } : {}) });
    const scope = c ? c.scope(net, resolve) : resolve();
    networkScopes.set(net.id, scope);
    report(scope.diagnostics);
    const names = new Set<string>();
    for (const n of net.nodes) {
      const portName = (scope.params.get(n.id) as { name?: string } | undefined)?.name;
      if ((n.type !== 'network.input' && n.type !== 'network.output') || portName === undefined) continue;
      const key = `${n.type}:${portName}`;
      if (names.has(key))
        report([diag('error', 'duplicatePortName', { network: net.label || net.id, port: key.split(':')[1]! }, { networkId: net.id, nodeId: n.id })]);
      names.add(key);
    }
    if (!net.nodes.some((n) => n.type === 'network.output'))
      report([diag('error', 'networkNoOutput', { network: net.label || net.id }, { networkId: net.id })]);
  }

  const callNetwork = (node: GraphNode, params: unknown, inputs: Record<string, Signal | undefined>): InferResult => {
    const name = nodeName(node, registry.get('network'));
    const id = (params as { network: string }).network;
    if (!id) return problem('noNetwork', { node: name });
    const net = networks.get(id);
    const scope = networkScopes.get(id);
    if (!net || !scope) return problem('unknownNetwork', { node: name, network: id });
    const infer = () => analyzeNetwork(net, inputs, { registry, settings, scope });
    const a = c ? c.call(net, `${JSON.stringify(inputs)}|${settingsKey}`, infer) : infer();
    report(a.diagnostics);
    const use = networkUse.get(id);
    if (!use) networkUse.set(id, { weights: a.weights, callSites: [node.id], inferred: new Map([[node.id, a.inferred!]]) });
    else {
      use.callSites.push(node.id);
      use.inferred.set(node.id, a.inferred!);
      const conflict = firstConflict(use.weights, a.weights);
      if (conflict)
        return problem('sharedWeightsConflict', { node: name, network: net.label || id, weight: conflict.weight, a: conflict.here, b: conflict.there });
    }
    return a.outputs;
  };

  const scope = resolveScope(doc.nodes, doc.edges, { registry, env, where: 'graph', ...(parse ? { parse } : {}) });
  report(scope.diagnostics);
  const inferred = inferScope(scope, { settings, callNetwork });
  report(inferred.diagnostics);

  for (const net of doc.networks)
    if (!networkUse.has(net.id) && !doc.nodes.some((n) => n.type === 'network' && (n.params as { network?: unknown }).network === net.id))
      report([diag('info', 'unusedNetwork', { network: net.label || net.id }, { networkId: net.id })]);

  return { scope, inferred, networks, networkScopes, networkUse, diagnostics };
}

function firstConflict(a: PlanWeight[], b: PlanWeight[]): { weight: string; here: string; there: string } | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    const same = x && y && x.block === y.block && x.name === y.name && x.shape.join() === y.shape.join();
    if (!same) {
      const w = y ?? x!;
      return { weight: `${w.block}.${w.name}`, here: y ? formatShape(y.shape) : 'absent', there: x ? formatShape(x.shape) : 'absent' };
    }
  }
  return undefined;
}
