/**
 * The Trainer runs a TrainingPlan (see src/graph/plan.ts for what an iteration means): the
 * same code in Node (CLI, tests) and in a Worker. Losses stay on the device and are read
 * back every `logEvery` iterations; a non-finite loss stops training with the weights of
 * the last finite iteration (the run rolls back to its last checked state and replays,
 * checking each update, up to the bad one).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingPlan } from '../graph/plan';
import { registry as defaultRegistry, type Registry } from '../nodes/registry';
import * as inspect from './inspect';
import { Run } from './run';
import { capture, disposeSnapshot, fromCheckpoint, layoutOf, restoreInto, toCheckpoint, type Checkpoint, type Snapshot } from './state';
import { Streams } from './streams';
import type { TapResult } from './taps';

export { NonFiniteLoss } from './errors';

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

export class Trainer {
  /** The state at the last check, when every loss so far was finite. */
  private checked?: Snapshot;
  /** Per loss id, whether it was non-finite since the last check (on the device). */
  private bad?: tf.Tensor;

  private constructor(private readonly run: Run) {}

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
    const t = new Trainer(new Run(plan, registry, assets));
    await t.check();
    return t;
  }

  get plan(): TrainingPlan {
    return this.run.plan;
  }

  /** Iterations completed. */
  get step(): number {
    return this.run.iteration;
  }

  /** Runs `n` iterations; a non-finite loss rejects with NonFiniteLoss. */
  async train(n: number, onReport?: (r: StepReport) => void): Promise<void> {
    for (let i = 0; i < n; i++) {
      const r = await this.runIteration();
      onReport?.(r);
    }
  }

  /**
   * One iteration: data, then every optimizer in order. Losses are read back (and checked)
   * every `logEvery` iterations, or when `log` asks for it (the last iteration of a run).
   * Once the iteration's work is issued, the next iteration's sources are drawn (see prefetch),
   * unless `prefetch` is false: on a GPU backend that work overlaps the device's.
   */
  async runIteration(o: { log?: boolean; prefetch?: boolean } = {}): Promise<StepReport> {
    const t0 = performance.now();
    const logged = o.log === true || this.run.iteration % this.plan.settings.logEvery === 0;
    const losses = this.run.iterate(false);
    this.flag(losses);
    if (o.prefetch !== false) this.run.prefetch();
    const report: StepReport = { step: this.run.iteration, ms: performance.now() - t0 };
    if (!logged) {
      tf.dispose(Object.values(losses));
      return report;
    }
    const values = await this.read(losses);
    const flags = this.bad ? await this.bad.data() : undefined;
    if (flags?.some((f) => f > 0)) await this.rollBack();
    await this.check();
    return { ...report, losses: values, ms: performance.now() - t0 };
  }

  /**
   * Draws the next iteration's data sources now, so that it finds them ready: the same values,
   * in the same order, as it would draw itself. Checkpoints, snapshots and sample() see the
   * state before the draw; a restore forgets it.
   */
  prefetch(): void {
    this.run.prefetch();
  }

  /** Accumulates, on the device, which losses were non-finite since the last check. */
  private flag(losses: Record<string, tf.Tensor>): void {
    const next = tf.tidy(() => {
      const now = tf.stack(this.run.lossIds.map((id) => (losses[id] ? tf.cast(tf.logicalNot(tf.isFinite(losses[id]!)), 'float32') : tf.scalar(0))));
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
    const s = await this.snapshot();
    if (this.checked) disposeSnapshot(this.checked);
    this.checked = s;
    this.bad?.dispose();
    this.bad = undefined;
  }

  private snapshot(): Promise<Snapshot> {
    return capture(this.run.model, this.run.optimizers, this.run.positions(), this.run.iteration);
  }

  /** Back to the last checked state, then forward one careful iteration at a time to the bad one. */
  private async rollBack(): Promise<never> {
    const target = this.run.iteration;
    await this.restore(this.checked!);
    for (;;) {
      const start = await this.snapshot();
      try {
        tf.dispose(Object.values(this.run.iterate(true)));
        disposeSnapshot(start);
      } catch (e) {
        await this.restore(start);
        disposeSnapshot(start);
        throw e;
      }
      if (this.run.iteration > target) throw new Error('A non-finite loss did not recur on replay; the run is not deterministic.');
    }
  }

  private async restore(s: Snapshot): Promise<void> {
    this.run.dropPrefetch();
    await restoreInto(this.run.model, s, this.run.optimizers, (id) => this.run.makeOptimizer(id));
    this.run.streams.restore(s.streams);
    this.run.iteration = s.step;
    this.bad?.dispose();
    this.bad = undefined;
  }

  async checkpoint(): Promise<Checkpoint> {
    const s = await this.snapshot();
    try {
      return await toCheckpoint(s, layoutOf(this.run.model));
    } finally {
      disposeSnapshot(s);
    }
  }

  async resume(c: Checkpoint): Promise<void> {
    if (c.layout !== layoutOf(this.run.model)) throw new Error('This checkpoint belongs to a graph whose networks have other weights; it cannot be resumed here.');
    const s = fromCheckpoint(c);
    try {
      await this.restore(s);
      await this.check();
    } finally {
      disposeSnapshot(s);
    }
  }

  /**
   * Takes the weights of every network (or trainable image) whose variables the checkpoint
   * holds with the same keys and shapes, after an edit of the graph; the others keep their
   * fresh initial values. Optimizer state starts afresh; the step count continues.
   */
  async adopt(c: Checkpoint): Promise<{ kept: string[]; fresh: string[] }> {
    const owners = new Map<string, [string, tf.Variable][]>();
    for (const [k, v] of this.run.model.vars) {
      const owner = k.slice(0, k.indexOf('/'));
      owners.set(owner, [...(owners.get(owner) ?? []), [k, v]]);
    }
    const kept: string[] = [];
    const fresh: string[] = [];
    for (const [owner, vars] of owners) {
      const saved = Object.keys(c.weights).filter((k) => k.startsWith(owner + '/'));
      const same =
        saved.length === vars.length &&
        vars.every(([k, v]) => {
          const w = c.weights[k];
          return w !== undefined && w.shape.length === v.shape.length && w.shape.every((d, i) => d === v.shape[i]);
        });
      if (!same) {
        fresh.push(owner);
        continue;
      }
      for (const [k, v] of vars) {
        const w = c.weights[k]!;
        tf.tidy(() => v.assign(tf.tensor(w.data, w.shape, w.dtype)));
      }
      kept.push(owner);
    }
    this.run.iteration = c.step;
    await this.check();
    return { kept, fresh };
  }

  /** A test hook: the loss of iteration `step` (1-based) turns NaN, as a real blow-up would. */
  injectNonFinite(step: number): void {
    this.run.nanAt = step;
  }

  /** Runs the preview and inspect taps (all, or those named) on the fixed preview batch. */
  async taps(which?: readonly string[]): Promise<TapResult[]> {
    const out: TapResult[] = [];
    for (const tap of this.plan.taps) if (!which || which.includes(tap.id)) out.push(await inspect.runTap(this.run, tap));
    return out;
  }

  /**
   * Runs one network on inputs named by its Input nodes, as a preview pass does: no gradients,
   * batch norm on its running statistics. The caller disposes the outputs.
   */
  apply(networkId: string, inputs: Record<string, tf.Tensor>): Record<string, tf.Tensor | tf.Tensor[]> {
    return tf.tidy(() => this.run.model.runNetwork(networkId, inputs, { training: false, rng: new Streams(this.plan, 'preview').rng }));
  }

  /** The data the next iteration will see, without drawing it. */
  sample(ids: readonly string[]): Promise<Record<string, Float32Array>> {
    return inspect.sample(this.run, ids);
  }

  /** The gradients an optimizer would apply next, by weight key, without applying them. */
  gradients(optimizerId: string): Promise<Record<string, Float32Array>> {
    return inspect.gradients(this.run, optimizerId);
  }

  /** Every weight's current value, by key (`owner/block/name`). */
  weights(): Promise<Record<string, Float32Array>> {
    return inspect.weights(this.run);
  }

  dispose(): void {
    if (this.checked) disposeSnapshot(this.checked);
    this.bad?.dispose();
    this.run.dispose();
  }
}
