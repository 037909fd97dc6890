import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adam } from './adam';
import { expectRowsClose, gradSteps, maxDiff, runSteps, theta0 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** WORKLOADS.md §0, in float64: ε outside the square root of the bias-corrected v. */
function adamReference(lr: number, b1: number, b2: number, eps: number, epsInside = false): number[][] {
  const theta = [...theta0];
  const m = theta.map(() => 0);
  const v = theta.map(() => 0);
  return gradSteps.map((g, s) => {
    const t = s + 1;
    theta.forEach((_, i) => {
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      const mh = m[i]! / (1 - b1 ** t);
      const vh = v[i]! / (1 - b2 ** t);
      theta[i]! -= (lr * mh) / (epsInside ? Math.sqrt(vh + eps) : Math.sqrt(vh) + eps);
    });
    return [...theta];
  });
}

const make = (p: object, lr: number) => adam.makeOptimizer!(adam.params.parse(p), lr);

describe('adam', () => {
  it('defaults to β1 0.9, β2 0.999 and ε 1e-8 (not tfjs\'s 1e-7)', () => {
    const opt = make({}, 1e-3);
    expect(opt.getConfig()).toMatchObject({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    opt.dispose();
  });

  it.each([
    [{}, 1e-3],
    [{ beta1: 0.5 }, 2e-4],
    [{ beta1: 0.5, beta2: 0.99 }, 0.05],
  ])('follows θ ← θ − lr·m̂/(sqrt(v̂) + ε) for 3 steps (%j, lr %d)', (p, lr) => {
    const q = adam.params.parse(p);
    const opt = make(p, lr);
    const got = runSteps(opt, theta0, gradSteps);
    opt.dispose();
    expectRowsClose(got, adamReference(lr, q.beta1, q.beta2, q.epsilon), 1e-6);
    // the gradients are chosen so that a different ε would be caught
    expect(maxDiff(got, adamReference(lr, q.beta1, q.beta2, 1e-7))).toBeGreaterThan(lr / 10);
    expect(maxDiff(got, adamReference(lr, q.beta1, q.beta2, q.epsilon, true))).toBeGreaterThan(lr / 10);
  });

  it('frees all its state on dispose', () => {
    const before = tf.memory().numTensors;
    const opt = make({}, 1e-3);
    runSteps(opt, theta0, gradSteps);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('summarises rate and betas', () => {
    expect(adam.summarize!(adam.params.parse({ lr: 2e-4, beta1: 0.5 }))).toBe('lr 2e-4 · β 0.5, 0.999');
  });
});
