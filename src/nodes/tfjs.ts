/**
 * The TensorFlow.js that node builds run with, provided by the runtime.
 *
 * Node definitions are read by the editor's page (palette, inspector, shape checks) as well as by
 * the trainer, but only the trainer runs their `build`s. Reaching tfjs through this binding keeps
 * it out of the page's bundle: the page loads node definitions without tfjs, and the runtime
 * (worker, CLI, tests) calls `provideTfjs` once before it builds anything.
 */
import type * as T from '@tensorflow/tfjs';

type Tfjs = typeof T;
let bound: Tfjs | undefined;

/** Hands the node library the tfjs module to build with. Idempotent for the same module. */
export function provideTfjs(module: Tfjs): void {
  bound = module;
}

export function hasTfjs(): boolean {
  return bound !== undefined;
}

export const tf: Tfjs = new Proxy({} as Tfjs, {
  get(_target, key) {
    if (!bound) throw new Error(`tfjs.${String(key)} was used before the runtime provided TensorFlow.js (provideTfjs).`);
    return bound[key as keyof Tfjs];
  },
});

// The types node files name as `tf.Tensor` etc.; types cost nothing in the page's bundle.
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace tf {
  export type Tensor<R extends T.Rank = T.Rank> = T.Tensor<R>;
  export type Scalar = T.Scalar;
  export type Tensor2D = T.Tensor2D;
  export type Tensor3D = T.Tensor3D;
  export type Tensor4D = T.Tensor4D;
  export type Variable<R extends T.Rank = T.Rank> = T.Variable<R>;
  export type NamedTensorMap = T.NamedTensorMap;
  export type Optimizer = T.Optimizer;
  export type SGDOptimizer = T.SGDOptimizer;
  export type MomentumOptimizer = T.MomentumOptimizer;
}
