/**
 * Looking into a run without changing it: the data the next iteration will see, the
 * gradients an optimizer would apply, the weights, and the taps (previews, inspects).
 */
import * as tf from '@tensorflow/tfjs';
import type { PlanTap } from '../graph/plan';
import type { Value } from '../nodes/types';
import type { Values } from './model';
import type { Run } from './run';
import { Streams } from './streams';
import { channelImages, previewImages, wireStats, type TapResult } from './taps';

/**
 * The data phase evaluated on copies of the streams, so nothing is drawn: every source (sources
 * sharing a stream draw in turn), and of the steps derived from them only those `ids` need.
 */
export async function sample(run: Run, ids: readonly string[]): Promise<Record<string, Float32Array>> {
  const streams = run.streamsCopy();
  const needed = new Set([...run.plan.sources, ...ids]);
  for (const id of [...run.dataIds].reverse()) if (needed.has(id)) for (const ref of Object.values(run.model.step(id).inputs)) needed.add(ref.node);
  const values = tf.tidy(() => {
    const local: Values = new Map(run.fixed);
    run.model.evaluate(run.dataIds.filter((id) => needed.has(id)), local, { training: true, rng: streams.rng });
    return ids.map((id) => tf.clone(first(local.get(id))));
  });
  const out: Record<string, Float32Array> = {};
  for (const [i, id] of ids.entries()) out[id] = (await values[i]!.data()) as Float32Array;
  tf.dispose(values);
  return out;
}

/** An optimizer's gradients for the next iteration's first update, by weight key; nothing is applied. */
export async function gradients(run: Run, optimizerId: string): Promise<Record<string, Float32Array>> {
  const o = run.opts.find((x) => x.plan.id === optimizerId);
  if (!o) throw new Error(`No optimizer ${optimizerId}`);
  const streams = run.streamsCopy();
  const grads = tf.tidy(() => {
    const local: Values = new Map(run.fixed);
    run.model.evaluate(run.dataIds, local, { training: true, rng: streams.rng });
    const { value, grads } = tf.variableGrads(() => {
      run.model.evaluate(o.plan.steps, local, { training: true, rng: streams.rng });
      return local.get(o.plan.loss.node)![o.plan.loss.port] as tf.Scalar;
    }, o.vars);
    value.dispose();
    return grads;
  });
  const out: Record<string, Float32Array> = {};
  for (const [name, g] of Object.entries(grads)) out[run.model.keyOf(name)] = (await g.data()) as Float32Array;
  tf.dispose(Object.values(grads));
  return out;
}

export async function weights(run: Run): Promise<Record<string, Float32Array>> {
  const out: Record<string, Float32Array> = {};
  for (const [k, v] of run.model.vars) out[k] = (await v.data()) as Float32Array;
  return out;
}

/** A tap's pass: no gradients, the fixed preview batch, the current weights. */
export async function runTap(run: Run, tap: PlanTap): Promise<TapResult> {
  const ref = Object.values(tap.inputs)[0]!;
  const value = tf.tidy(() => {
    const local: Values = new Map([...run.fixed, ...run.previewData]);
    run.model.evaluate(tap.steps, local, { training: false, rng: new Streams(run.plan, 'preview').rng });
    const v = local.get(ref.node)![ref.port]!;
    return Array.isArray(v) ? v.map((x) => tf.clone(x)) : tf.clone(v);
  });
  const params = tap.params as { count?: number; histogramBins?: number; maxChannels?: number };
  try {
    if (tap.kind === 'preview') {
      const signal = run.model.step(ref.node).outputs[ref.port];
      return { id: tap.id, kind: 'preview', step: run.iteration, images: await previewImages(value, signal, params.count ?? 8) };
    }
    const stats = await wireStats(value, params.histogramBins ?? 32);
    return { id: tap.id, kind: 'inspect', step: run.iteration, stats, channels: await channelImages(value, params.maxChannels ?? 16) };
  } finally {
    tf.dispose(value);
  }
}

function first(r: Record<string, Value> | undefined): tf.Tensor {
  const v = r ? Object.values(r)[0] : undefined;
  if (!v) throw new Error('No such value in the data phase');
  return Array.isArray(v) ? v[0]! : v;
}
