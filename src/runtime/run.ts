/**
 * One run's state and its iteration: the model, the random streams, the optimizers, the
 * cached static values and the fixed preview batch. The Trainer adds checking, roll-back,
 * checkpoints and reporting on top.
 */
import * as tf from '@tensorflow/tfjs';
import './provide-tfjs';
import type { PlanOptimizer, TrainingPlan } from '../graph/plan';
import { scheduledRate, type Schedule } from '../nodes/common';
import { setLearningRate } from '../nodes/optimizers';
import type { Registry } from '../nodes/registry';
import type { Value } from '../nodes/types';
import { Model, type Values } from './model';
import { Streams } from './streams';
import { NonFiniteLoss } from './errors';

export interface OptState {
  plan: PlanOptimizer;
  params: { lr: number; schedule: Schedule; clip: number };
  vars: tf.Variable[];
  /** Its steps whose values do not depend on what it trains, evaluated before its tape. */
  constant: string[];
  /** The rest of its steps, evaluated under the tape. */
  taped: string[];
  /** The networks and trainable images it trains. */
  trained: ReadonlySet<string>;
}

let live = 0;

export class Run {
  readonly model: Model;
  readonly streams: Streams;
  readonly optimizers = new Map<string, tf.Optimizer>();
  readonly opts: OptState[];
  /** Static values, computed once. */
  readonly fixed: Values = new Map();
  /** The data phase drawn once, from streams of its own, for previews and inspects. */
  readonly previewData: Values = new Map();
  /** Data-phase steps in evaluation order: sources in draw order first. */
  readonly dataIds: string[];
  readonly lossIds: string[];
  /** Iterations completed. */
  iteration = 0;
  /** The next iteration's sources, drawn ahead (see prefetch), and the stream positions before that draw. */
  private ahead?: { values: Values; positions: Record<string, number> };
  /**
   * A test hook: the iteration (1-based) whose first optimizer's loss is made NaN, the same on
   * every replay, so the non-finite-loss handling runs for real.
   */
  nanAt?: number;

  constructor(readonly plan: TrainingPlan, private readonly registry: Registry, assets: ReadonlyMap<string, unknown>) {
    this.model = new Model(plan, registry, assets, `ganvas${live++}/`);
    this.streams = new Streams(plan);
    this.lossIds = plan.losses;
    this.opts = plan.optimizers.map((p) => {
      const params = p.params as OptState['params'];
      const owners = [...p.networks, ...p.images];
      return { plan: p, params, vars: this.model.trainable(owners), trained: new Set(owners), ...this.splitSteps(p) };
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

  /**
   * An optimizer's steps that do not depend on the networks and images it trains (a generator
   * in the discriminator's update) are constants to its update: evaluated before its tape, as a
   * hand-written loop computes fake = G(z) outside the tape, nothing of them is recorded, no
   * copies are saved for a backward pass that never reaches them, and fused activations stay
   * fused. A step depends only on steps with no more uses than its own, so the constant steps
   * first is still an order in which every input comes before its use; where the steps include
   * a random transform, only the constant steps before the first taped one move, so random
   * draws keep their order.
   */
  private splitSteps(p: PlanOptimizer): { constant: string[]; taped: string[] } {
    const trained = new Set([...p.networks, ...p.images]);
    const isConstant = (id: string) => !(this.model.step(id).uses ?? []).some((u) => trained.has(u));
    const random = p.steps.some((id) => this.registry.get(this.model.step(id).kind)?.random === true);
    const firstTaped = p.steps.findIndex((id) => !isConstant(id));
    const constant = random ? p.steps.slice(0, firstTaped < 0 ? p.steps.length : firstTaped) : p.steps.filter(isConstant);
    return { constant, taped: p.steps.filter((id) => !constant.includes(id)) };
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

  /**
   * One iteration. Careful mode reads each loss before its update and throws NonFiniteLoss
   * instead of applying a non-finite one (used when replaying up to a bad iteration).
   */
  iterate(careful: boolean): Record<string, tf.Tensor> {
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
      const ahead = this.takeAhead();
      for (const [id, r] of ahead) values.set(id, r);
      for (const r of ahead.values()) owned.push(...flat(r));
      evalData(this.dataIds.filter((id) => !ahead.has(id)));
      for (const o of this.opts) {
        const opt = this.optimizers.get(o.plan.id)!;
        setLearningRate(opt, scheduledRate(o.params.lr, o.params.schedule, t));
        for (let r = 0; r < o.plan.stepsPerIteration; r++) {
          if (r > 0) evalData([...o.plan.redraw, ...o.plan.redrawSteps]);
          const local: Values = new Map(values);
          const constants = tf.tidy(() => {
            this.model.evaluate(o.constant, local, { training: true, rng: this.streams.rng, onAssign });
            return o.constant.flatMap((id) => flat(local.get(id)!));
          });
          owned.push(...constants);
          const { value, grads } = tf.variableGrads(() => {
            this.model.evaluate(o.taped, local, { training: true, rng: this.streams.rng, onAssign, trained: o.trained });
            if (t + 1 === this.nanAt && o === this.opts[0]) poison(local, o.plan.loss);
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

  /**
   * Draws the next iteration's sources now, from the run's own streams, so the iteration finds
   * them ready: called between iterations, e.g. while a GPU backend still works on the last one.
   * The values are those the iteration would draw itself, in the same stream order (sources
   * depend only on the streams and static values, never on weights). Derived data-phase steps
   * (transforms, frozen networks) are left to the iteration. Drawing twice does nothing more.
   */
  prefetch(): void {
    if (this.ahead) return;
    const positions = this.streams.positions();
    const sources = this.dataIds.filter((id) => this.plan.sources.includes(id));
    const values: Values = new Map(this.fixed);
    tf.tidy(() => {
      this.model.evaluate(sources, values, { training: true, rng: this.streams.rng });
      for (const id of sources) for (const t of flat(values.get(id)!)) tf.keep(t);
    });
    this.ahead = { values: new Map(sources.map((id) => [id, values.get(id)!])), positions };
  }

  /** Forgets drawn-ahead sources and puts the streams back where they were before the draw. */
  dropPrefetch(): void {
    const a = this.ahead;
    if (!a) return;
    this.ahead = undefined;
    for (const r of a.values.values()) tf.dispose(flat(r));
    this.streams.restore(a.positions);
  }

  /** The stream positions of the state between iterations: those before any drawn-ahead sources. */
  positions(): Record<string, number> {
    return this.ahead ? { ...this.ahead.positions } : this.streams.positions();
  }

  /** The drawn-ahead sources, now owned by the caller (none: an empty map). */
  private takeAhead(): Values {
    const a = this.ahead;
    this.ahead = undefined;
    return a?.values ?? new Map();
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

  makeOptimizer(id: string): tf.Optimizer {
    const o = this.opts.find((x) => x.plan.id === id)!;
    const def = this.registry.get(o.plan.kind);
    if (!def?.makeOptimizer) throw new Error(`${o.plan.kind} is not an optimizer`);
    return def.makeOptimizer(o.plan.params, o.params.lr);
  }

  /** Copies of the streams at their current positions, to look ahead without drawing. */
  streamsCopy(): Streams {
    const s = new Streams(this.plan);
    s.restore(this.positions());
    return s;
  }

  dispose(): void {
    this.dropPrefetch();
    for (const o of this.optimizers.values()) o.dispose();
    this.optimizers.clear();
    for (const r of [...this.fixed.values(), ...this.previewData.values()]) tf.dispose(flat(r));
    this.model.dispose();
  }
}

export function flat(r: Record<string, Value>): tf.Tensor[] {
  return Object.values(r).flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function keepAll(values: Values): void {
  for (const r of values.values()) for (const t of flat(r)) tf.keep(t);
}

/** Makes a loss NaN in place (the fault-injection hook), so its gradients are NaN too. */
function poison(values: Values, loss: { node: string; port: string }): void {
  const out = values.get(loss.node)!;
  values.set(loss.node, { ...out, [loss.port]: tf.mul(out[loss.port] as tf.Tensor, Number.NaN) });
}
