/**
 * The workloads' data (WORKLOADS.md section 0 and A.1, B.1, C.1), from the reference PRNG and
 * generators of tests/reference, pre-generated before timing as the protocol says.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32, normal, sinus64, stroke } from '../../tests/reference/common';

/** A sequential stream: each call draws the next step's data, as tensors the caller owns. */
export type Next<T> = () => T;

/** A: y = sinus(64, K=4, fmax=3) in [−1,1]; x = its luma (float64, then float32) in all 3 channels. */
export function pix2pixStream(): Next<{ x: tf.Tensor4D; y: tf.Tensor4D }> {
  const S = 64;
  const rng = mulberry32(103);
  return () => {
    const y64 = sinus64(rng, S, 4, 3);
    const x = new Float32Array(S * S * 3);
    for (let p = 0; p < S * S; p++) x.fill(0.299 * y64[3 * p]! + 0.587 * y64[3 * p + 1]! + 0.114 * y64[3 * p + 2]!, 3 * p, 3 * p + 3);
    return { x: tf.tensor4d(x, [1, S, S, 3]), y: tf.tensor4d(Float32Array.from(y64), [1, S, S, 3]) };
  };
}

/** (sinus(128, K, fmax) + 1)/2, computed in float64 before the cast. */
function sinus01(rng: () => number, K: number, fmax: number): Float32Array {
  return Float32Array.from(sinus64(rng, 128, K, fmax), (v) => (v + 1) / 2);
}

/** B: the one style image, made once. */
export const fastStyleImage = (): tf.Tensor4D => tf.tensor4d(sinus01(mulberry32(203), 6, 12), [1, 128, 128, 3]);

/** B: 2 content images per step. */
export function fastStyleStream(): Next<tf.Tensor4D> {
  const rng = mulberry32(204);
  return () => {
    const pair = new Float32Array(2 * 128 * 128 * 3);
    pair.set(sinus01(rng, 4, 3), 0);
    pair.set(sinus01(rng, 4, 3), 128 * 128 * 3);
    return tf.tensor4d(pair, [2, 128, 128, 3]);
  };
}

/** C: per step, 64 strokes, then z as 64×64 normals, from the one seed-303 stream. */
export function dcganStream(): Next<{ real: tf.Tensor4D; z: tf.Tensor2D }> {
  const rng = mulberry32(303);
  return () => {
    const real = new Float32Array(64 * 28 * 28);
    for (let b = 0; b < 64; b++) real.set(stroke(rng), b * 28 * 28);
    const z = Float32Array.from({ length: 64 * 64 }, () => normal(rng));
    return { real: tf.tensor4d(real, [64, 28, 28, 1]), z: tf.tensor2d(z, [64, 64]) };
  };
}

/** Items 0..n−1 of a stream. */
export const draw = <T>(next: Next<T>, n: number): T[] => Array.from({ length: n }, next);
