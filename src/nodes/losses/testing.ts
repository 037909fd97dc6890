/** The losses' own test helper, over the shared runtime stand-in in ../testing. Imported by tests only. */
import * as tf from '@tensorflow/tfjs';
import { runNode } from '../testing';
import type { AnyNodeDef, Value } from '../types';

/** The scalar a loss node gives for the given values, as a JS number. */
export function lossValue(def: AnyNodeDef, params: unknown, inputs: Record<string, Value>): number {
  const out = tf.tidy(() => runNode(def, { params, inputs }).outputs.loss as tf.Tensor);
  const v = out.dataSync()[0]!;
  const rank = out.rank;
  out.dispose();
  if (rank !== 0) throw new Error(`loss has rank ${rank}`);
  return v;
}

/** ∂f/∂xₖ for every k by central differences in float64, to check a tfjs gradient against a loop formula. */
export function centralDifferences(f: (x: number[]) => number, x: number[], h: number): number[] {
  return x.map((_, k) => {
    const p = [...x];
    const m = [...x];
    p[k]! += h;
    m[k]! -= h;
    return (f(p) - f(m)) / (2 * h);
  });
}
