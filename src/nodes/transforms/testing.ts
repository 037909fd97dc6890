/**
 * The transforms' own test helpers, over the shared runtime stand-in in ../testing: running a
 * transform on images (the shared harness would take a rank-4 value for a plain tensor), and
 * NHWC indexing for the plain-JS references. Imported by tests only.
 */
import type * as tf from '@tensorflow/tfjs';
import { image } from '../shape';
import { runNode, type RunOptions, type RunResult } from '../testing';
import type { AnyNodeDef, Signal, ValueRange } from '../types';

/**
 * Runs a transform on concrete images; each input is an image in `range` unless `signals`
 * gives its signal. Every output must be a tensor. The caller owns them (wrap in tf.tidy).
 */
export function runTransform(
  def: AnyNodeDef,
  o: RunOptions & { inputs: Record<string, tf.Tensor>; range?: ValueRange },
): RunResult & { outputs: Record<string, tf.Tensor> } {
  const signals: Record<string, Signal> = {};
  for (const [k, v] of Object.entries(o.inputs)) signals[k] = o.signals?.[k] ?? image([...v.shape], o.range ?? '[-1,1]');
  const r = runNode(def, { ...o, signals });
  for (const [k, v] of Object.entries(r.outputs)) if (Array.isArray(v)) throw new Error(`${k} is not a tensor`);
  return r as RunResult & { outputs: Record<string, tf.Tensor> };
}

/** NHWC flat index. */
export function at(shape: readonly number[], b: number, i: number, j: number, c: number): number {
  const [, h, w, ch] = shape as [number, number, number, number];
  return ((b * h + i) * w + j) * ch + c;
}
