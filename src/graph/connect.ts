/**
 * canConnect: whether the editor may draw a wire, checked while the user drags. It judges
 * declared types, loops and value ranges (from the current inference); shapes are judged
 * by compile, since a shape can be mended after the wire is drawn.
 */
import { say } from '../nodes/messages';
import { registry as defaultRegistry, type Registry } from '../nodes/registry';
import { analyzeGraph, type GraphAnalysis } from './analyze';
import { nodeName, type Fix } from './diagnostics';
import { describeTypes, portEnv, portsFit, rangeFits, resolvePorts } from './ports';
import type { GraphDoc } from './schema';
import { ancestors } from './topo';

export interface Connection {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export type ConnectVerdict =
  | { ok: true; /** The wire already in the target input, which the new one replaces. */ replaces?: string }
  | { ok: false; reason: string; fix?: Fix };

export interface ConnectOptions {
  registry?: Registry;
  /** Set when editing inside this network definition. */
  networkId?: string;
  /** The current analysis, when the editor has it (saves re-inferring the graph). */
  analysis?: GraphAnalysis;
}

export function canConnect(doc: GraphDoc, c: Connection, o: ConnectOptions = {}): ConnectVerdict {
  const registry = o.registry ?? defaultRegistry;
  const net = o.networkId === undefined ? undefined : doc.networks.find((n) => n.id === o.networkId);
  if (o.networkId !== undefined && !net) return { ok: false, reason: say('unknownNetwork', { node: 'This view', network: o.networkId }) };
  const nodes = net ? net.nodes : doc.nodes;
  const edges = net ? net.edges : doc.edges;
  const src = nodes.find((n) => n.id === c.source);
  const dst = nodes.find((n) => n.id === c.target);
  if (!src || !dst) return { ok: false, reason: say('wrongDirection', {}) };
  const sdef = registry.get(src.type);
  const tdef = registry.get(dst.type);
  if (!sdef) return { ok: false, reason: say('unknownKind', { node: nodeName(src), kind: src.type }) };
  if (!tdef) return { ok: false, reason: say('unknownKind', { node: nodeName(dst), kind: dst.type }) };
  const sname = nodeName(src, sdef);
  const tname = nodeName(dst, tdef);
  if (src.id === dst.id) return { ok: false, reason: say('selfLoop', { node: sname }) };
  const sp = sdef.params.safeParse(src.params);
  const tp = tdef.params.safeParse(dst.params);
  const env = portEnv(doc.networks);
  const out = sp.success ? resolvePorts(sdef, sp.data, env).outputs.find((p) => p.name === c.sourceHandle) : undefined;
  const inp = tp.success ? resolvePorts(tdef, tp.data, env).inputs.find((p) => p.name === c.targetHandle) : undefined;
  if (!out) return { ok: false, reason: say('unknownPort', { node: sname, port: c.sourceHandle, side: 'output' }) };
  if (!inp) return { ok: false, reason: say('unknownPort', { node: tname, port: c.targetHandle, side: 'input' }) };
  if (!portsFit(out, inp)) return { ok: false, reason: say('wrongType', { from: sname, fromType: describeTypes(out), to: tname, toType: describeTypes(inp) }) };
  const links = edges.map((e) => ({ from: e.source, to: e.target }));
  if (ancestors([src.id], links).has(dst.id)) return { ok: false, reason: say('wouldCycle', { from: sname, to: tname }) };

  const a = o.analysis ?? analyzeGraph(doc, registry);
  const sig = net ? firstCallSignals(a, net.id)?.get(src.id)?.[c.sourceHandle] : a.inferred.signals.get(src.id)?.[c.sourceHandle];
  if (sig?.type === 'image' && !rangeFits(sig.range, inp)) {
    const range = inp.ranges![0]!;
    return {
      ok: false,
      reason: say('rangeMismatch', { from: sname, fromRange: sig.range!, to: tname, toRange: inp.ranges!.join(' or ') }),
      fix: { kind: 'insert-rescale', from: { node: src.id, port: c.sourceHandle }, to: { node: dst.id, port: c.targetHandle }, range },
    };
  }
  const taken = edges.find((e) => e.target === dst.id && e.targetHandle === c.targetHandle);
  if (taken) return { ok: true, replaces: taken.id ?? `${taken.source}.${taken.sourceHandle}->${taken.target}.${taken.targetHandle}` };
  return { ok: true };
}

function firstCallSignals(a: GraphAnalysis, networkId: string) {
  const use = a.networkUse.get(networkId);
  return use ? use.inferred.get(use.callSites[0]!)?.signals : undefined;
}
