/** Runs an optimizer on one small variable with fixed gradients. Imported by tests only. */
import * as tf from '@tensorflow/tfjs';

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

export function expectRowsClose(got: number[][], want: number[][], tol = 1e-6): void {
  got.forEach((row, s) =>
    row.forEach((g, i) => {
      const w = want[s]![i]!;
      if (!(Math.abs(g - w) <= tol * Math.max(1, Math.abs(w)))) throw new Error(`step ${s + 1}, element ${i}: got ${g}, want ${w}`);
    }),
  );
}

export function maxDiff(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((row, s) => row.map((v, i) => Math.abs(v - b[s]![i]!))));
}
