/** Turning a checked analysis into a TrainingPlan: phases, pruning, streams, optimizer scopes. */
import type { Signal } from '../nodes/types';
import type { GraphAnalysis } from './analyze';
import type { CompileCache } from './compile-cache';
import type { OptimizerTargets } from './compile';
import { PLAN_VERSION, type Phase, type PlanNetwork, type PlanRef, type PlanStep, type PlanStream, type TrainingPlan } from './plan';
import type { GraphDoc } from './schema';
import type { InferredScope, ResolvedScope } from './scope';
import { upstreamOf } from './topo';

export function buildPlan(
  doc: GraphDoc,
  a: GraphAnalysis,
  optimizers: OptimizerTargets[],
  trainableImages: Set<string>,
  seedOf: (stream: string) => number,
  cache?: CompileCache,
): TrainingPlan {
  const { scope, inferred } = a;
  const links = scope.wires.map((w) => ({ from: w.from, to: w.to }));
  const above = upstreamOf(links);
  const trained = new Set(optimizers.flatMap((o) => [...o.networks, ...o.images]));
  const kindOf = (id: string) => scope.defs.get(id)?.kind ?? '';
  const category = (id: string) => scope.defs.get(id)?.category;
  const isSink = (id: string) => category(id) === 'optimizer' || category(id) === 'output' || category(id) === 'note';

  // Phases, in topological order.
  const phase = new Map<string, Phase>();
  const uses = new Map<string, Set<string>>();
  const perIteration = new Map<string, boolean>();
  for (const id of scope.order) {
    const def = scope.defs.get(id)!;
    const params = scope.params.get(id);
    const u = new Set<string>();
    let fresh = false;
    for (const w of scope.inputsOf.get(id)?.values() ?? []) {
      for (const x of uses.get(w.from) ?? []) u.add(x);
      fresh ||= perIteration.get(w.from) ?? false;
    }
    if (def.kind === 'network') u.add((params as { network: string }).network);
    if (trainableImages.has(id)) u.add(id);
    // A source is drawn every iteration unless it says it is static (a fixed style image);
    // a random transform draws every iteration whatever it is fed.
    if (def.category === 'source') fresh ||= !trainableImages.has(id) && !(def.isStatic?.(params) ?? false);
    else fresh ||= def.random === true;
    uses.set(id, u);
    perIteration.set(id, fresh);
    phase.set(id, isSink(id) ? 'sink' : [...u].some((x) => trained.has(x)) ? 'model' : fresh ? 'data' : 'static');
  }

  const refsOf = (s: ResolvedScope, id: string): Record<string, PlanRef> => {
    const r: Record<string, PlanRef> = {};
    for (const [port, w] of s.inputsOf.get(id) ?? []) r[port] = { node: w.from, port: w.fromPort };
    return r;
  };
  const lossOf = (o: OptimizerTargets) => scope.inputsOf.get(o.id)?.get('loss');
  const placed = new Set(scope.order);
  const outputs = doc.nodes.filter((n) => category(n.id) === 'output' && placed.has(n.id));
  // Charts plot the logged losses; previews and inspects are taps with a pass of their own.
  const charts = outputs.filter((n) => kindOf(n.id) === 'chart');
  const taps = outputs.filter((n) => kindOf(n.id) !== 'chart');
  const fedBy = (id: string) => [...(scope.inputsOf.get(id)?.values() ?? [])].map((w) => w.from);
  // Every loss is planned, so that losses no optimizer minimises can still be reported.
  const lossNodes = scope.order.filter((id) => category(id) === 'loss');
  const minimised = above(optimizers.flatMap((o) => lossOf(o)?.from ?? []));
  const needed = above([...minimised, ...taps.flatMap((t) => fedBy(t.id)), ...lossNodes]);
  // A subset in topological order: sorted by position, so a small set does not walk the whole graph.
  const position = new Map(scope.order.map((id, i) => [id, i]));
  const ordered = (ids: Set<string>, p?: Phase) =>
    [...ids].filter((id) => position.has(id) && (!p || phase.get(id) === p)).sort((x, y) => position.get(x)! - position.get(y)!);

  const steps: PlanStep[] = ordered(needed).map((id) => {
    const step = stepOf(scope, inferred, id, refsOf(scope, id));
    step.phase = phase.get(id)!;
    step.uses = [...uses.get(id)!];
    return step;
  });

  const streams = new Map<string, { nodes: { id: string; order: number; index: number }[] }>();
  for (const id of ordered(needed)) {
    const def = scope.defs.get(id)!;
    if (!(def.random || (def.category === 'source' && !trainableImages.has(id)))) continue;
    const p = scope.params.get(id) as { stream?: string; drawOrder?: number };
    const name = p.stream ? p.stream : `node:${id}`;
    const entry = streams.get(name) ?? { nodes: [] };
    entry.nodes.push({ id, order: p.drawOrder ?? 0, index: doc.nodes.findIndex((n) => n.id === id) });
    streams.set(name, entry);
  }
  const planStreams: PlanStream[] = [...streams].map(([name, e]) => ({
    name,
    seed: seedOf(name),
    nodes: e.nodes.sort((x, y) => x.order - y.order || x.index - y.index).map((x) => x.id),
  }));

  const networks: PlanNetwork[] = doc.networks
    .filter((n) => a.networkUse.has(n.id))
    .map((net) => {
      const make = () => planNetwork(a, net.id, trained.has(net.id));
      if (!cache) return make();
      const use = a.networkUse.get(net.id)!;
      const deps = [a.networkScopes.get(net.id), use.weights, trained.has(net.id), ...use.callSites.flatMap((site) => [site, use.inferred.get(site)])];
      return cache.plan(net, deps, make);
    });

  return {
    version: PLAN_VERSION,
    settings: doc.settings,
    steps,
    networks,
    streams: planStreams,
    sources: steps.filter((s) => category(s.id) === 'source' && s.phase === 'data').map((s) => s.id),
    trainableImages: [...trainableImages].filter((id) => needed.has(id)).map((id) => ({ id, weights: inferred.weights.filter((w) => w.block === id) })),
    optimizers: optimizers.map((o) => {
      const loss = lossOf(o)!;
      const up = above([loss.from]);
      const redraw = ordered(up, 'data').filter((id) => category(id) === 'source' || scope.defs.get(id)?.random);
      return {
        id: o.id,
        kind: kindOf(o.id),
        params: scope.params.get(o.id),
        loss: { node: loss.from, port: loss.fromPort },
        networks: o.networks,
        images: o.images,
        stepsPerIteration: o.params.stepsPerIteration,
        steps: ordered(up, 'model'),
        redraw,
        redrawSteps: ordered(up, 'data').filter((id) => !redraw.includes(id)),
      };
    }),
    taps: taps.map((t) => ({
      id: t.id,
      kind: kindOf(t.id),
      params: scope.params.get(t.id),
      inputs: refsOf(scope, t.id),
      steps: ordered(above(fedBy(t.id)), 'model'),
    })),
    charts: charts.map((c) => ({ id: c.id, params: scope.params.get(c.id), series: Object.values(refsOf(scope, c.id)) })),
    losses: lossNodes,
    reports: ordered(above(lossNodes.filter((id) => !minimised.has(id)))).filter((id) => phase.get(id) === 'model'),
  };
}

function stepOf(s: ResolvedScope, inf: InferredScope, id: string, inputs: Record<string, PlanRef>): PlanStep {
  const params = s.params.get(id);
  const step: PlanStep = {
    id,
    kind: s.defs.get(id)!.kind,
    params,
    inputs,
    inputSignals: defined(inf.inputs.get(id) ?? {}),
    outputs: inf.signals.get(id) ?? {},
  };
  if (step.kind === 'network') step.network = (params as { network: string }).network;
  return step;
}

function defined(r: Record<string, Signal | undefined>): Record<string, Signal> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, Signal>;
}

/** Whether two nodes' output signals are the same, port by port (types, shapes, ranges, feature layers). */
function sameSignals(a: Record<string, Signal> | undefined, b: Record<string, Signal> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => b[k] !== undefined && JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

function planNetwork(a: GraphAnalysis, id: string, trained: boolean): PlanNetwork {
  const net = a.networks.get(id)!;
  const scope = a.networkScopes.get(id)!;
  const use = a.networkUse.get(id)!;
  const refs = (nid: string) => Object.fromEntries([...(scope.inputsOf.get(nid) ?? [])].map(([p, w]) => [p, { node: w.from, port: w.fromPort }]));
  const nameOf = (nid: string) => (scope.params.get(nid) as { name: string }).name;
  // Steps carry the signals seen from the first call site; call sites that feed the network
  // other shapes keep their own.
  const inferredFirst = use.inferred.get(use.callSites[0]!)!;
  const callSignals: PlanNetwork['callSignals'] = {};
  for (const site of use.callSites.slice(1)) {
    const inf = use.inferred.get(site)!;
    const differs = scope.order.some((nid) => !sameSignals(inf.signals.get(nid), inferredFirst.signals.get(nid)));
    if (!differs) continue;
    callSignals[site] = Object.fromEntries(
      scope.order.map((nid) => [nid, { inputs: defined(inf.inputs.get(nid) ?? {}), outputs: inf.signals.get(nid) ?? {} }]),
    );
  }
  return {
    id,
    label: net.label || id,
    seed: net.seed,
    frozen: net.frozen,
    trained,
    steps: scope.order.map((nid) => stepOf(scope, inferredFirst, nid, refs(nid))),
    inputs: scope.order.filter((nid) => scope.defs.get(nid)?.kind === 'network.input').map((nid) => ({ name: nameOf(nid), node: nid })),
    outputs: scope.order.filter((nid) => scope.defs.get(nid)?.kind === 'network.output').map((nid) => ({ name: nameOf(nid), node: nid })),
    weights: use.weights,
    paramCount: use.weights.reduce((n, w) => n + w.shape.reduce((x, y) => x * y, 1), 0),
    trainableCount: use.weights.filter((w) => w.trainable).reduce((n, w) => n + w.shape.reduce((x, y) => x * y, 1), 0),
    callSites: use.callSites,
    callSignals,
  };
}
