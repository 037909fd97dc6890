/**
 * The Trainer runs a TrainingPlan (see src/graph/plan.ts for what an iteration means): the
 * same code in Node (CLI, tests) and in a Worker. Losses stay on the device and are read
 * back every `logEvery` iterations; a non-finite loss stops training with the weights of
 * the last finite iteration (the run rolls back to its last checked state and replays,
 * checking each update, up to the bad one).
 */
import * as tf from '@tensorflow/tfjs';
import type { PlanOptimizer, PlanTap, TrainingPlan } from '../graph/plan';
import { scheduledRate, type Schedule } from '../nodes/common';
import { setLearningRate } from '../nodes/optimizers';
import { registry as defaultRegistry, type Registry } from '../nodes/registry';
import type { Value } from '../nodes/types';
import { Model, type Values } from './model';
import { capture, disposeSnapshot, fromCheckpoint, layoutOf, restoreInto, toCheckpoint, type Checkpoint, type Snapshot } from './state';
import { Streams } from './streams';
import { previewImages, wireStats, type TapResult } from './taps';

export interface TrainerOptions {
  registry?: Registry;
  /** Loads the data a node names (`assets`), e.g. the built-in digits. */
  loadAsset?: (name: string) => Promise<unknown>;
}

export interface StepReport {
  /** Iterations completed, this one included. */
  step: number;
  /** Wall time of the iteration. */
  ms: number;
  /** Loss values by node id, on logged iterations. */
  losses?: Record<string, number>;
}

/** Training stopped because a loss became NaN or infinite. */
export class NonFiniteLoss extends Error {
  constructor(
    readonly lossNode: string,
    readonly value: number,
    /** The iteration (1-based) whose loss was not finite; weights are those after step − 1. */
    readonly step: number,
  ) {
    super(`The loss “${lossNode}” became ${Number.isNaN(value) ? 'NaN' : value > 0 ? 'infinite' : '−infinite'} at step ${step}. Training stopped; the weights are those of step ${step - 1}, the last with finite losses. A lower learning rate or a loss weight often helps.`);
    this.name = 'NonFiniteLoss';
  }
}

interface OptState {
  plan: PlanOptimizer;
  params: { lr: number; schedule: Schedule; clip: number };
  vars: tf.Variable[];
}

let live = 0;

export class Trainer {
  private readonly model: Model;
  private readonly streams: Streams;
  private readonly optimizers = new Map<string, tf.Optimizer>();
  private readonly opts: OptState[];
  private readonly fixed: Values = new Map();
  private readonly previewData: Values = new Map();
  private readonly dataIds: string[];
  private iteration = 0;
  private checked?: Snapshot;
  /** Per loss id, whether it was ever non-finite since the last check (on the device). */
  private bad?: tf.Tensor;
  private readonly lossIds: string[];

  private constructor(readonly plan: TrainingPlan, private readonly registry: Registry, assets: Map<string, unknown>) {
    this.model = new Model(plan, registry, assets, `ganvas${live++}/`);
    this.streams = new Streams(plan);
    this.lossIds = plan.losses;
    this.opts = plan.optimizers.map((p) => {
      const params = p.params as OptState['params'];
      return { plan: p, params, vars: this.model.trainable([...p.networks, ...p.images]) };
    });
    for (const o of this.opts) this.optimizers.set(o.plan.id, this.makeOptimizer(o.plan.id));
    const byPhase = (phase: string) => plan.steps.filter((s) => s.phase === phase);
    const draws = (id: string) => (this.model.step(id).params as { drawOrder?: number }).drawOrder ?? 0;
    // Sources first, in draw order, so streams shared by several sources are drawn in order.
    const data = byPhase('data').map((s) => s.id);
    const sources = plan.sources.slice().sort((a, b) => draws(a) - draws(b) || data.indexOf(a) - data.indexOf(b));
    this.dataIds = [...sources, ...data.filter((id) => !sources.includes(id))];
    tf.tidy(() => {
      const fixed = this.fixed;
      this.model.evaluate(byPhase('static').map((s) => s.id), fixed, { training: false, rng: this.streams.rng });
      const preview = new Map(fixed);
      this.model.evaluate(this.dataIds, preview, { training: false, rng: new Streams(plan, 'preview').rng });
      for (const id of this.dataIds) this.previewData.set(id, preview.get(id)!);
      keepAll(fixed);
      keepAll(this.previewData);
    });
    this.initImages();
  }

  /** Trainable images that start as a copy of their `init` input take its first sample. */
  private initImages(): void {
    for (const img of this.plan.trainableImages) {
      const step = this.model.step(img.id);
      const ref = step.inputs.init;
      if ((step.params as { init: string }).init !== 'input' || !ref) continue;
      const v = (this.fixed.get(ref.node) ?? this.previewData.get(ref.node))?.[ref.port];
      if (!v || Array.isArray(v)) continue;
      const [, h, w, c] = v.shape as number[];
      tf.tidy(() => this.model.trainable([img.id])[0]!.assign(tf.slice(v, [0, 0, 0, 0], [1, h!, w!, c!])));
    }
  }

  static async create(plan: TrainingPlan, o: TrainerOptions = {}): Promise<Trainer> {
    const registry = o.registry ?? defaultRegistry;
    const names = new Set<string>();
    const steps = [...plan.steps, ...plan.networks.flatMap((n) => n.steps)];
    for (const s of steps) for (const a of registry.get(s.kind)?.assets?.(s.params) ?? []) names.add(a);
    const assets = new Map<string, unknown>();
    for (const name of names) {
      if (!o.loadAsset) throw new Error(`This graph needs "${name}", and no asset loader was given.`);
      assets.set(name, await o.loadAsset(name));
    }
    const t = new Trainer(plan, registry, assets);
    await t.check();
    return t;
  }

  /** Iterations completed. */
  get step(): number {
    return this.iteration;
  }

  /** Runs `n` iterations; a non-finite loss rejects with NonFiniteLoss. */
  async train(n: number, onReport?: (r: StepReport) => void): Promise<void> {
    for (let i = 0; i < n; i++) {
      const r = await this.runIteration();
      onReport?.(r);
    }
  }

  /** One iteration: data, then every optimizer in order. */
  async runIteration(): Promise<StepReport> {
    const t0 = performance.now();
    const logged = this.iteration % this.plan.settings.logEvery === 0;
    const losses = this.iterate(false);
    let report: StepReport = { step: this.iteration, ms: performance.now() - t0 };
    if (logged) {
      const values = await this.read(losses);
      report = { ...report, losses: values, ms: performance.now() - t0 };
      const flags = this.bad ? await this.bad.data() : undefined;
      if (flags?.some((f) => f > 0)) await this.rollBack();
      await this.check();
    } else tf.dispose(Object.values(losses));
    return report;
  }

  private iterate(careful: boolean): Record<string, tf.Tensor> {
    const t = this.iteration;
    const values: Values = new Map(this.fixed);
    const losses: Record<string, tf.Tensor> = {};
    const assigned = new Set<string>();
    const pending: [string, tf.Tensor][] = [];
    const onAssign = (key: string, value: tf.Tensor) => {
      if (assigned.has(key)) return;
      assigned.add(key);
      pending.push([key, tf.keep(value)]);
    };
    const owned: tf.Tensor[] = [];
    const evalData = (ids: readonly string[]) => {
      const kept = tf.tidy(() => {
        this.model.evaluate(ids, values, { training: true, rng: this.streams.rng });
        return ids.map((id) => values.get(id)!);
      });
      for (const r of kept) owned.push(...flat(r));
    };
    try {
      evalData(this.dataIds);
      for (const o of this.opts) {
        const opt = this.optimizers.get(o.plan.id)!;
        setLearningRate(opt, scheduledRate(o.params.lr, o.params.schedule, t));
        for (let r = 0; r < o.plan.stepsPerIteration; r++) {
          if (r > 0) evalData([...o.plan.redraw, ...o.plan.redrawSteps]);
          const local: Values = new Map(values);
          const { value, grads } = tf.variableGrads(() => {
            this.model.evaluate(o.plan.steps, local, { training: true, rng: this.streams.rng, onAssign });
            for (const id of this.lossIds) {
              const v = local.get(id)?.loss;
              // A copy: the loss the closure returns is disposed after the update.
              if (v && !losses[id] && o.plan.steps.includes(id)) losses[id] = tf.keep(tf.clone(v as tf.Tensor));
            }
            return local.get(o.plan.loss.node)![o.plan.loss.port] as tf.Scalar;
          }, o.vars);
          const seen = careful ? value.dataSync()[0]! : 0;
          if (!Number.isFinite(seen)) {
            tf.dispose([value, ...Object.values(grads)]);
            throw new NonFiniteLoss(o.plan.loss.node, seen, t + 1);
          }
          opt.applyGradients(grads);
          tf.dispose([value, ...Object.values(grads)]);
          this.afterUpdate(o);
          for (const [key, v] of pending.splice(0)) {
            this.model.vars.get(key)!.assign(v);
            v.dispose();
          }
        }
      }
      // Losses no optimizer computed: data-phase ones are already evaluated, the rest
      // (nothing minimises them) get a pass without a tape.
      const missing = this.lossIds.filter((id) => !losses[id]);
      if (missing.length > 0) {
        const extra = tf.tidy(() => {
          const local: Values = new Map(values);
          this.model.evaluate(this.plan.reports, local, { training: false, rng: this.streams.rng });
          return Object.fromEntries(missing.filter((id) => local.get(id)).map((id) => [id, tf.clone(local.get(id)!.loss as tf.Tensor)]));
        });
        Object.assign(losses, extra);
      }
      this.flag(losses);
      if (careful) for (const [id, v] of Object.entries(losses)) if (!Number.isFinite(v.dataSync()[0])) throw new NonFiniteLoss(id, v.dataSync()[0]!, t + 1);
    } catch (e) {
      tf.dispose([...Object.values(losses), ...pending.map(([, v]) => v)]);
      throw e;
    } finally {
      tf.dispose(owned);
    }
    this.iteration++;
    return losses;
  }

  /** Weight clipping (Wasserstein critics) and keeping trainable images in their range. */
  private afterUpdate(o: OptState): void {
    tf.tidy(() => {
      if (o.params.clip > 0) for (const v of o.vars) v.assign(tf.clipByValue(v, -o.params.clip, o.params.clip));
      for (const id of o.plan.images) {
        const range = (this.model.step(id).params as { range: string }).range;
        const [lo, hi] = range === '[-1,1]' ? [-1, 1] : [0, 1];
        for (const v of this.model.trainable([id])) v.assign(tf.clipByValue(v, lo, hi));
      }
    });
  }

  /** Accumulates, on the device, which losses were ever non-finite since the last check. */
  private flag(losses: Record<string, tf.Tensor>): void {
    const next = tf.tidy(() => {
      const now = tf.stack(this.lossIds.map((id) => (losses[id] ? tf.cast(tf.logicalNot(tf.isFinite(losses[id]!)), 'float32') : tf.scalar(0))));
      return this.bad ? tf.maximum(this.bad, now) : now;
    });
    this.bad?.dispose();
    this.bad = next;
  }

  private async read(losses: Record<string, tf.Tensor>): Promise<Record<string, number>> {
    const ids = Object.keys(losses);
    if (ids.length === 0) return {};
    const packed = tf.tidy(() => tf.stack(ids.map((id) => tf.reshape(losses[id]!, []))));
    const data = await packed.data();
    tf.dispose([packed, ...Object.values(losses)]);
    return Object.fromEntries(ids.map((id, i) => [id, data[i]!]));
  }

  /** Marks the current state as checked: all losses so far were finite. */
  private async check(): Promise<void> {
    const s = await capture(this.model, this.optimizers, this.streams.positions(), this.iteration);
    if (this.checked) disposeSnapshot(this.checked);
    this.checked = s;
    this.bad?.dispose();
    this.bad = undefined;
  }

  /** Back to the last checked state, then forward one careful iteration at a time to the bad one. */
  private async rollBack(): Promise<never> {
    const target = this.iteration;
    await this.restore(this.checked!);
    for (;;) {
      const start = await capture(this.model, this.optimizers, this.streams.positions(), this.iteration);
      try {
        tf.dispose(Object.values(this.iterate(true)));
        disposeSnapshot(start);
      } catch (e) {
        await this.restore(start);
        disposeSnapshot(start);
        throw e;
      }
      if (this.iteration > target) throw new Error('A non-finite loss did not recur on replay; the run is not deterministic.');
    }
  }

  private async restore(s: Snapshot): Promise<void> {
    await restoreInto(this.model, s, this.optimizers, (id) => this.makeOptimizer(id));
    this.streams.restore(s.streams);
    this.iteration = s.step;
    this.bad?.dispose();
    this.bad = undefined;
  }

  private makeOptimizer(id: string): tf.Optimizer {
    const o = this.opts.find((x) => x.plan.id === id)!;
    const def = this.registry.get(o.plan.kind);
    if (!def?.makeOptimizer) throw new Error(`${o.plan.kind} is not an optimizer`);
    return def.makeOptimizer(o.plan.params, o.params.lr);
  }

  /**
   * The data the next iteration will see, without drawing it: the data phase evaluated on
   * copies of the streams. For tests, and for showing what a source makes.
   */
  async sample(ids: readonly string[]): Promise<Record<string, Float32Array>> {
    const streams = this.streamsCopy();
    const values = tf.tidy(() => {
      const local: Values = new Map(this.fixed);
      this.model.evaluate(this.dataIds, local, { training: true, rng: streams.rng });
      return ids.map((id) => tf.clone(first(local.get(id))));
    });
    const out: Record<string, Float32Array> = {};
    for (const [i, id] of ids.entries()) out[id] = (await values[i]!.data()) as Float32Array;
    tf.dispose(values);
    return out;
  }

  /**
   * The gradients an optimizer would apply in the next iteration's first update, by weight
   * key, without applying them or drawing data: for parity tests and for teaching.
   */
  async gradients(optimizerId: string): Promise<Record<string, Float32Array>> {
    const o = this.opts.find((x) => x.plan.id === optimizerId);
    if (!o) throw new Error(`No optimizer ${optimizerId}`);
    const streams = this.streamsCopy();
    const grads = tf.tidy(() => {
      const local: Values = new Map(this.fixed);
      this.model.evaluate(this.dataIds, local, { training: true, rng: streams.rng });
      const { value, grads } = tf.variableGrads(() => {
        this.model.evaluate(o.plan.steps, local, { training: true, rng: streams.rng });
        return local.get(o.plan.loss.node)![o.plan.loss.port] as tf.Scalar;
      }, o.vars);
      value.dispose();
      return grads;
    });
    const out: Record<string, Float32Array> = {};
    for (const [name, g] of Object.entries(grads)) out[this.model.keyOf(name)] = (await g.data()) as Float32Array;
    tf.dispose(Object.values(grads));
    return out;
  }

  /** The current value of every weight, by key (`network/block/name`). */
  async weights(): Promise<Record<string, Float32Array>> {
    const out: Record<string, Float32Array> = {};
    for (const [k, v] of this.model.vars) out[k] = (await v.data()) as Float32Array;
    return out;
  }

  private streamsCopy(): Streams {
    const s = new Streams(this.plan);
    s.restore(this.streams.positions());
    return s;
  }

  /** Runs every preview and inspect tap on the fixed preview batch, without gradients. */
  async taps(which?: readonly string[]): Promise<TapResult[]> {
    const out: TapResult[] = [];
    for (const tap of this.plan.taps) {
      if (which && !which.includes(tap.id)) continue;
      out.push(await this.runTap(tap));
    }
    return out;
  }

  private async runTap(tap: PlanTap): Promise<TapResult> {
    const ref = Object.values(tap.inputs)[0]!;
    const value = tf.tidy(() => {
      const local: Values = new Map([...this.fixed, ...this.previewData]);
      this.model.evaluate(tap.steps, local, { training: false, rng: new Streams(this.plan, 'preview').rng });
      const v = local.get(ref.node)![ref.port]!;
      return Array.isArray(v) ? v.map((x) => tf.clone(x)) : tf.clone(v);
    });
    const params = tap.params as { count?: number; histogramBins?: number };
    try {
      if (tap.kind === 'preview') {
        const signal = this.model.step(ref.node).outputs[ref.port];
        return { id: tap.id, kind: 'preview', step: this.iteration, images: await previewImages(value, signal, params.count ?? 8) };
      }
      return { id: tap.id, kind: 'inspect', step: this.iteration, stats: await wireStats(value, params.histogramBins ?? 32) };
    } finally {
      tf.dispose(value);
    }
  }

  async checkpoint(): Promise<Checkpoint> {
    const s = await capture(this.model, this.optimizers, this.streams.positions(), this.iteration);
    try {
      return await toCheckpoint(s, layoutOf(this.model));
    } finally {
      disposeSnapshot(s);
    }
  }

  async resume(c: Checkpoint): Promise<void> {
    if (c.layout !== layoutOf(this.model)) throw new Error('This checkpoint belongs to a graph whose networks have other weights; it cannot be resumed here.');
    const s = fromCheckpoint(c);
    try {
      await this.restore(s);
      await this.check();
    } finally {
      disposeSnapshot(s);
    }
  }

  dispose(): void {
    for (const o of this.optimizers.values()) o.dispose();
    this.optimizers.clear();
    if (this.checked) disposeSnapshot(this.checked);
    this.bad?.dispose();
    for (const r of [...this.fixed.values(), ...this.previewData.values()]) tf.dispose(flat(r));
    this.model.dispose();
  }
}

function flat(r: Record<string, Value>): tf.Tensor[] {
  return Object.values(r).flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function first(r: Record<string, Value> | undefined): tf.Tensor {
  const v = r ? Object.values(r)[0] : undefined;
  if (!v) throw new Error('No such value in the data phase');
  return Array.isArray(v) ? v[0]! : v;
}

function keepAll(values: Values): void {
  for (const r of values.values()) for (const t of flat(r)) tf.keep(t);
}
