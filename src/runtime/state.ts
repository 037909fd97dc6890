/**
 * Everything a run depends on, captured and restored: weights (trainable and running
 * statistics), optimizer slots, the iteration, random-stream positions. The learning-rate
 * schedule position is the iteration itself. A `Snapshot` holds device tensors (for a quick
 * roll-back); a `Checkpoint` is plain data (for files and IndexedDB).
 */
import * as tf from '@tensorflow/tfjs';
import type { Model } from './model';

import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './checkpoint-format';

export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION };

export interface SavedTensor<T = Float32Array | Int32Array> {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: T;
}

export interface RunState<T> {
  /** Iterations completed. */
  step: number;
  weights: Record<string, T>;
  /** Per optimizer node: its slots in its own order, names made independent of the process. */
  optimizers: Record<string, { name: string; value: T }[]>;
  streams: Record<string, number>;
}

export type Snapshot = RunState<tf.Tensor>;

export interface Checkpoint extends RunState<SavedTensor> {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  /** Identifies the weights' layout, so a checkpoint is never loaded into another graph. */
  layout: string;
}

/** A digest of the variables' keys and shapes. */
export function layoutOf(model: Model): string {
  return [...model.vars].map(([k, v]) => `${k}:${v.shape.join('x')}`).join(';');
}

export async function capture(model: Model, optimizers: Map<string, tf.Optimizer>, streams: Record<string, number>, step: number): Promise<Snapshot> {
  const weights: Record<string, tf.Tensor> = {};
  for (const [k, v] of model.vars) weights[k] = tf.clone(v);
  const opts: Snapshot['optimizers'] = {};
  for (const [id, opt] of optimizers) {
    const named = await opt.getWeights();
    // getWeights creates the iteration scalar and lends out the slot variables: copy the
    // slots, and keep the scalar it made.
    opts[id] = named.map(({ name, tensor }) => ({ name: canonical(model, name), value: name === 'iter' ? tensor : tf.clone(tensor) }));
  }
  return { step, weights, optimizers: opts, streams: { ...streams } };
}

export function disposeSnapshot(s: Snapshot): void {
  tf.dispose(Object.values(s.weights));
  for (const list of Object.values(s.optimizers)) tf.dispose(list.map((x) => x.value));
}

/** Puts a snapshot's weights back and gives each optimizer a fresh instance with its slots. */
export async function restoreInto(model: Model, s: Snapshot, optimizers: Map<string, tf.Optimizer>, fresh: (id: string) => tf.Optimizer): Promise<void> {
  for (const [k, v] of model.vars) {
    const t = s.weights[k];
    if (!t) throw new Error(`The saved state has no weight ${k}`);
    v.assign(t);
  }
  for (const [id, old] of optimizers) {
    old.dispose();
    const opt = fresh(id);
    const slots = s.optimizers[id] ?? [];
    if (slots.length > 0) {
      const named = slots.map(({ name, value }) => ({ name: name === 'iter' ? name : model.nameOf(name), tensor: tf.clone(value) }));
      await opt.setWeights(named);
      // setWeights makes its own variables from these tensors.
      tf.dispose(named.map((n) => n.tensor));
    }
    optimizers.set(id, opt);
  }
}

export async function toCheckpoint(s: Snapshot, layout: string): Promise<Checkpoint> {
  const save = async (t: tf.Tensor): Promise<SavedTensor> => ({
    shape: t.shape,
    dtype: t.dtype === 'int32' ? 'int32' : 'float32',
    data: (await t.data()) as Float32Array | Int32Array,
  });
  const weights: Record<string, SavedTensor> = {};
  for (const [k, t] of Object.entries(s.weights)) weights[k] = await save(t);
  const optimizers: Checkpoint['optimizers'] = {};
  for (const [id, list] of Object.entries(s.optimizers)) optimizers[id] = await Promise.all(list.map(async ({ name, value }) => ({ name, value: await save(value) })));
  return { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, layout, step: s.step, weights, optimizers, streams: s.streams };
}

export function fromCheckpoint(c: Checkpoint): Snapshot {
  const load = (t: SavedTensor) => tf.tensor(t.data, t.shape, t.dtype);
  const weights = Object.fromEntries(Object.entries(c.weights).map(([k, t]) => [k, load(t)]));
  const optimizers = Object.fromEntries(Object.entries(c.optimizers).map(([id, list]) => [id, list.map(({ name, value }) => ({ name, value: load(value) }))]));
  return { step: c.step, weights, optimizers, streams: c.streams };
}

/** Slot names carry the tfjs variable name; store the process-independent key instead. */
function canonical(model: Model, name: string): string {
  return name === 'iter' ? name : model.keyOf(name);
}
