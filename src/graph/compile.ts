/**
 * compile(doc) → { plan?, diagnostics }: checks a graph document and, when it has no
 * errors, turns it into a TrainingPlan. Never throws on a user's mistake.
 */
import { registry as defaultRegistry, type Registry } from '../nodes/registry';
import { deriveSeed } from '../nodes/prng';
import { analyzeGraph, type GraphAnalysis } from './analyze';
import type { CompileCache } from './compile-cache';
import { diag, hasErrors, nodeName, type Diagnostic } from './diagnostics';
import { buildPlan } from './plan-build';
import type { GraphDoc } from './schema';
import { upstreamOf } from './topo';
import type { TrainingPlan } from './plan';

export interface OptimizerTargets {
  id: string;
  params: { trains: { networks: string[]; images: string[] }; order: number; stepsPerIteration: number };
  networks: string[];
  images: string[];
}

export interface CompileResult {
  plan?: TrainingPlan;
  diagnostics: Diagnostic[];
  analysis: GraphAnalysis;
}

/** Checks and plans `doc`; with a cache (the editor's), reuses what earlier compiles of unchanged parts found. */
export function compile(doc: GraphDoc, registry: Registry = defaultRegistry, cache?: CompileCache): CompileResult {
  const analysis = analyzeGraph(doc, registry, cache);
  const diagnostics = [...analysis.diagnostics];
  const { scope } = analysis;
  const links = scope.wires.map((w) => ({ from: w.from, to: w.to }));
  const above = upstreamOf(links);
  const name = (id: string) => nodeName(scope.nodes.get(id)!, scope.defs.get(id));

  const trainableImages = new Set(
    doc.nodes.filter((n) => scope.defs.get(n.id)?.category === 'source' && scope.defs.get(n.id)?.weights).map((n) => n.id),
  );
  const optimizers: OptimizerTargets[] = [];
  const trainedBy = new Map<string, string>();
  for (const n of doc.nodes) {
    if (scope.defs.get(n.id)?.category !== 'optimizer') continue;
    const params = scope.params.get(n.id) as OptimizerTargets['params'] | undefined;
    if (!params) continue;
    const { networks, images } = params.trains;
    const opt: OptimizerTargets = { id: n.id, params, networks: [], images: [] };
    if (networks.length + images.length === 0) diagnostics.push(diag('error', 'optimizerNothingToTrain', { node: name(n.id) }, { nodeId: n.id }));
    const lossWire = scope.inputsOf.get(n.id)?.get('loss');
    const upstream = lossWire ? above([lossWire.from]) : new Set<string>();
    const calls = new Set([...upstream].filter((id) => scope.defs.get(id)?.kind === 'network').map((id) => (scope.params.get(id) as { network: string } | undefined)?.network));
    for (const t of networks) {
      const net = analysis.networks.get(t);
      if (!net) diagnostics.push(diag('error', 'optimizerUnknownTarget', { node: name(n.id), target: t }, { nodeId: n.id }));
      else if (net.frozen) diagnostics.push(diag('error', 'frozenTrained', { node: name(n.id), network: net.label || t }, { nodeId: n.id }));
      else {
        opt.networks.push(t);
        if (lossWire && !calls.has(t)) diagnostics.push(diag('warning', 'lossIndependent', { node: name(n.id), target: net.label || t }, { nodeId: n.id }));
      }
    }
    for (const t of images) {
      if (!trainableImages.has(t)) diagnostics.push(diag('error', 'optimizerUnknownTarget', { node: name(n.id), target: t }, { nodeId: n.id }));
      else {
        opt.images.push(t);
        if (lossWire && !upstream.has(t)) diagnostics.push(diag('warning', 'lossIndependent', { node: name(n.id), target: name(t) }, { nodeId: n.id }));
      }
    }
    for (const t of [...opt.networks, ...opt.images]) {
      const other = trainedBy.get(t);
      if (other) diagnostics.push(diag('warning', 'trainedTwice', { target: t, a: name(other), b: name(n.id) }, { nodeId: n.id }));
      else trainedBy.set(t, n.id);
    }
    optimizers.push(opt);
  }

  const minimised = above(
    optimizers.flatMap((o) => {
      const w = scope.inputsOf.get(o.id)?.get('loss');
      return w ? [w.from] : [];
    }),
  );
  for (const n of doc.nodes)
    if (scope.defs.get(n.id)?.category === 'loss' && !minimised.has(n.id))
      diagnostics.push(diag('warning', 'lossUnused', { node: name(n.id) }, { nodeId: n.id }));
  const meaningful = doc.nodes.some((n) => scope.defs.get(n.id)?.category !== 'note');
  if (optimizers.length === 0 && meaningful) diagnostics.push(diag('warning', 'noOptimizer', {}));

  if (hasErrors(diagnostics)) return { diagnostics, analysis };
  const listed = new Map(doc.nodes.map((n, i) => [n.id, i]));
  optimizers.sort((a, b) => a.params.order - b.params.order || listed.get(a.id)! - listed.get(b.id)!);
  const plan = buildPlan(doc, analysis, optimizers, trainableImages, streamSeed(doc), cache?.for(registry));
  return { plan, diagnostics, analysis };
}

/** The seed of a named stream: the settings' entry, or one derived from the graph seed. */
export function streamSeed(doc: GraphDoc): (name: string) => number {
  return (name) => doc.settings.streams[name] ?? deriveSeed(doc.settings.seed, name);
}
