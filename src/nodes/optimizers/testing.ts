/** Runs an optimizer on one small variable with fixed gradients. Imported by tests only. */
import * as tf from '@tensorflow/tfjs';
import { expectNear } from '../testing';

/** The variable's values after each update, one row per gradient given. */
export function runSteps(opt: tf.Optimizer, theta0: number[], grads: number[][]): number[][] {
  const init = tf.tensor1d(theta0);
  const v = tf.variable(init); // a copy: init stays ours to dispose
  init.dispose();
  const rows: number[][] = [];
  for (const g of grads) {
    const gt = tf.tensor1d(g);
    opt.applyGradients({ [v.name]: gt });
    gt.dispose();
    rows.push(Array.from(v.dataSync()));
  }
  v.dispose();
  return rows;
}

export const theta0 = [0.5, -1.2, 2, 0.03];
/**
 * Gradients for 3 steps. The 1e-7 entries make ε visible: there sqrt(v̂) ≈ |g|, so moving ε
 * (1e-8 ↔ 1e-7, or inside the square root) changes the step by half or more.
 */
export const gradSteps = [
  [0.1, -0.2, 1e-7, 3],
  [0.05, 0.3, -2e-7, -1],
  [-0.4, 0.25, 1e-7, 0.5],
];

/** Every step's values within tol·max(1, |want|); a failure's element index counts row by row. */
export function expectRowsClose(got: number[][], want: number[][], tol = 1e-6): void {
  expectNear(got.flat(), want.flat(), tol);
}

export function maxDiff(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((row, s) => row.map((v, i) => Math.abs(v - b[s]![i]!))));
}
