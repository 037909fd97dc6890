/**
 * The seeded weight fill of WORKLOADS.md: one mulberry32 stream per network, its weights
 * filled in the order given, each row-major in its tfjs layout. Values are computed in
 * float64 and rounded to float32 once, when stored, as the reference does.
 */
import { createRng } from './prng';
import type { InitKind } from './types';

export interface FillSpec {
  shape: readonly number[];
  init: InitKind;
  /** Standard deviation for 'normal' (default 0.02, the workloads' value). */
  std?: number;
  /** Fan-in for 'kaiming-uniform' (default: the product of all dimensions but the last). */
  fanIn?: number;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Fills every weight in order from `mulberry32(seed)`; zeros and ones draw no numbers. */
export function fillWeights(specs: readonly FillSpec[], seed: number): Float32Array[] {
  const rng = createRng(seed);
  return specs.map((spec) => {
    const out = new Float32Array(sizeOf(spec.shape));
    switch (spec.init) {
      case 'zeros':
        break;
      case 'ones':
        out.fill(1);
        break;
      case 'normal': {
        const std = spec.std ?? 0.02;
        for (let i = 0; i < out.length; i++) out[i] = std * rng.normal();
        break;
      }
      case 'kaiming-uniform': {
        const bound = Math.sqrt(6 / (spec.fanIn ?? sizeOf(spec.shape.slice(0, -1))));
        for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * bound;
        break;
      }
      default: {
        const never: never = spec.init;
        throw new Error(`Unknown initialiser ${String(never)}`);
      }
    }
    return out;
  });
}

/** The number of values in `specs`, or only in the trainable ones. */
export function countParams(specs: readonly { shape: readonly number[]; trainable: boolean }[], trainableOnly: boolean): number {
  let n = 0;
  for (const s of specs) if (s.trainable || !trainableOnly) n += sizeOf(s.shape);
  return n;
}
