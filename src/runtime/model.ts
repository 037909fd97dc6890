/**
 * The weights of a plan and the interpreter that evaluates its steps with the node
 * definitions' `build`. It owns every tf.Variable of a run: networks' weights (filled from
 * each network's seed in fill order), trainable images, running statistics.
 */
import * as tf from '@tensorflow/tfjs';
import './provide-tfjs';
import type { PlanNetwork, PlanStep, TrainingPlan } from '../graph/plan';
import { fillWeights } from '../nodes/init';
import type { Rng } from '../nodes/prng';
import type { Registry } from '../nodes/registry';
import { trainableImageStart } from '../nodes/sources/trainable-image';
import type { BuildCtx, Signal, Value } from '../nodes/types';

export type Values = Map<string, Record<string, Value>>;

export interface EvalOptions {
  training: boolean;
  /** The random stream of a node that draws. */
  rng(nodeId: string): Rng;
  /** Running-statistics updates, offered once per block per call; the caller decides. */
  onAssign?(key: string, value: tf.Tensor): void;
  /**
   * Under a gradient tape: the networks and trainable images the tape's optimizer trains. The
   * blocks learn from it which gradients this pass needs of them (BuildCtx.tape).
   */
  trained?: ReadonlySet<string>;
}

/** Of a network's steps: those after one of its Input nodes, and those after a block with trainable weights. */
interface Reach {
  fromInputs: Set<string>;
  afterWeights: Set<string>;
}

export class Model {
  /** Every variable by key `${owner}/${block}/${name}`, owner a network or trainable-image id. */
  readonly vars = new Map<string, tf.Variable>();
  /** Values nodes computed once from a static input (BuildCtx.once), by `${node}/${port}`. */
  private readonly onceValues = new Map<string, tf.Tensor | tf.Tensor[]>();
  private readonly networks: Map<string, PlanNetwork>;

  constructor(
    readonly plan: TrainingPlan,
    private readonly registry: Registry,
    private readonly assets: ReadonlyMap<string, unknown>,
    private readonly prefix: string,
  ) {
    this.networks = new Map(plan.networks.map((n) => [n.id, n]));
    for (const net of plan.networks) {
      const data = fillWeights(net.weights, net.seed);
      net.weights.forEach((w, i) => this.addVar(net.id, w.block, w.name, tf.tensor(data[i]!, w.shape), w.trainable && !net.frozen));
    }
    for (const img of plan.trainableImages) {
      const step = plan.steps.find((s) => s.id === img.id)!;
      const start = trainableImageStart(step.params as Parameters<typeof trainableImageStart>[0]);
      const data = fillWeights(img.weights, plan.settings.seed);
      img.weights.forEach((w, i) => {
        const t = tf.tidy(() => tf.add(tf.tensor(data[i]!, w.shape), start.offset));
        this.addVar(img.id, w.block, w.name, t, true);
      });
    }
  }

  private addVar(owner: string, block: string, name: string, initial: tf.Tensor, trainable: boolean): void {
    const key = `${owner}/${block}/${name}`;
    this.vars.set(key, tf.variable(initial, trainable, `${this.prefix}${key}`));
    initial.dispose();
  }

  /** The trainable variables of the given networks and images, in fill order. */
  trainable(owners: readonly string[]): tf.Variable[] {
    const want = new Set(owners);
    return [...this.vars].filter(([k, v]) => want.has(k.slice(0, k.indexOf('/'))) && v.trainable).map(([, v]) => v);
  }

  /** The key of a variable from its tfjs name (checkpoints store keys, not names). */
  keyOf(name: string): string {
    return name.startsWith(this.prefix) ? name.slice(this.prefix.length) : name;
  }
  nameOf(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** Evaluates the given training-graph steps in order into `values`. */
  evaluate(ids: readonly string[], values: Values, o: EvalOptions): void {
    for (const id of ids) {
      const step = this.step(id);
      const inputs: Record<string, Value | undefined> = {};
      for (const [port, ref] of Object.entries(step.inputs)) inputs[port] = values.get(ref.node)?.[ref.port];
      const tape = o.trained && { weights: o.trained.has(id), inputs: this.flows(step, o.trained) };
      values.set(id, step.kind === 'network' ? this.callNetwork(step, inputs, o) : this.build(step, step, inputs, o, id, tape));
    }
  }

  /** Whether anything `trained` lies behind one of a training-graph step's inputs. */
  private flows(step: PlanStep, trained: ReadonlySet<string>): boolean {
    return Object.values(step.inputs).some((ref) => (this.step(ref.node).uses ?? []).some((u) => trained.has(u)));
  }

  private reachIndex = new Map<string, Reach>();
  private reach(net: PlanNetwork): Reach {
    let r = this.reachIndex.get(net.id);
    if (r) return r;
    r = { fromInputs: new Set(), afterWeights: new Set() };
    const weighted = new Set(net.weights.filter((w) => w.trainable).map((w) => w.block));
    const inputs = new Set(net.inputs.map((i) => i.node));
    for (const step of net.steps) {
      for (const ref of Object.values(step.inputs)) {
        if (inputs.has(ref.node) || r.fromInputs.has(ref.node)) r.fromInputs.add(step.id);
        if (weighted.has(ref.node) || r.afterWeights.has(ref.node)) r.afterWeights.add(step.id);
      }
    }
    this.reachIndex.set(net.id, r);
    return r;
  }

  private stepIndex?: Map<string, PlanStep>;
  step(id: string): PlanStep {
    this.stepIndex ??= new Map(this.plan.steps.map((s) => [s.id, s]));
    const s = this.stepIndex.get(id);
    if (!s) throw new Error(`The plan has no step ${id}`);
    return s;
  }

  /**
   * Runs a network on inputs named by its Input nodes, outside the training graph (Apply, exports'
   * checks): as no call site, with the signals the network was checked with.
   */
  runNetwork(networkId: string, inputs: Record<string, Value>, o: EvalOptions): Record<string, Value> {
    const net = this.networks.get(networkId);
    if (!net) throw new Error(`The graph has no network ${JSON.stringify(networkId)}.`);
    for (const { name } of net.inputs) if (!inputs[name]) throw new Error(`Network ${networkId} needs its input "${name}".`);
    const site: PlanStep = { id: `apply:${networkId}`, kind: 'network', params: { network: networkId }, inputs: {}, inputSignals: {}, outputs: {}, network: networkId };
    return this.callNetwork(site, inputs, o);
  }

  private callNetwork(site: PlanStep, inputs: Record<string, Value | undefined>, o: EvalOptions): Record<string, Value> {
    const net = this.networks.get(site.network!)!;
    const signals = net.callSignals[site.id];
    const inner: Values = new Map();
    // Under a tape: gradients flow into a block from its call site's inputs, or from its own
    // network's weights before it, when those train.
    const trains = o.trained !== undefined && o.trained.has(net.id) && !net.frozen;
    const siteFlows = o.trained !== undefined && this.flows(site, o.trained);
    const reach = o.trained && this.reach(net);
    for (const step of net.steps) {
      const sig = signals?.[step.id];
      const view = sig ? { ...step, inputSignals: sig.inputs, outputs: sig.outputs } : step;
      if (step.kind === 'network.input') {
        const name = (step.params as { name: string }).name;
        inner.set(step.id, { out: inputs[name]! });
        continue;
      }
      const stepInputs: Record<string, Value | undefined> = {};
      for (const [port, ref] of Object.entries(step.inputs)) stepInputs[port] = inner.get(ref.node)?.[ref.port];
      const tape = reach && { weights: trains, inputs: (siteFlows && reach.fromInputs.has(step.id)) || (trains && reach.afterWeights.has(step.id)) };
      inner.set(step.id, this.build(view, step, stepInputs, o, `${net.id}/${step.id}`, tape));
    }
    const out: Record<string, Value> = {};
    for (const { name, node } of net.outputs) out[name] = inner.get(node)!.out!;
    return out;
  }

  /** Runs one node's build; `owner` keys its weights (`network/block` or the node id). */
  private build(view: PlanStep, step: PlanStep, inputs: Record<string, Value | undefined>, o: EvalOptions, owner: string, tape: BuildCtx<unknown>['tape']): Record<string, Value> {
    const def = this.registry.get(step.kind);
    if (!def?.build) throw new Error(`Node kind ${step.kind} cannot be evaluated`);
    const weightKey = (name: string) => (owner.includes('/') ? `${owner}/${name}` : `${owner}/${owner}/${name}`);
    const ctx: BuildCtx<unknown> = {
      params: step.params,
      inputs: view.inputSignals as Record<string, Signal | undefined>,
      outputs: view.outputs,
      settings: this.plan.settings,
      training: o.training,
      ...(tape && { tape }),
      weight: (name) => {
        const v = this.vars.get(weightKey(name));
        if (!v) throw new Error(`No weight ${weightKey(name)}`);
        return v;
      },
      assign: (name, value) => o.onAssign?.(weightKey(name), value),
      rng: () => o.rng(step.id),
      asset: (name) => this.assets.get(name),
    };
    // Training-graph steps only: their inputs' phases say what is static.
    if (!owner.includes('/')) ctx.once = (port, compute) => this.once(step, port, compute);
    return def.build(ctx, inputs);
  }

  private once<T extends tf.Tensor | tf.Tensor[]>(step: PlanStep, port: string, compute: () => T): T {
    const ref = step.inputs[port];
    if (!ref || this.step(ref.node).phase !== 'static') return compute();
    const key = `${step.id}/${port}`;
    let v = this.onceValues.get(key) as T | undefined;
    if (!v) {
      v = compute();
      for (const t of Array.isArray(v) ? v : [v]) tf.keep(t);
      this.onceValues.set(key, v);
    }
    return v;
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
    for (const v of this.onceValues.values()) tf.dispose(v);
    this.onceValues.clear();
  }
}
