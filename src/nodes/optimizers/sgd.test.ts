import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sgd } from './sgd';
import { expectRowsClose, gradSteps, runSteps, theta0 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** PyTorch's SGD: b ← μ·b + g (b = g at first); θ ← θ − lr·b, or θ − lr·(g + μ·b) with Nesterov. */
function sgdReference(lr: number, mu: number, nesterov: boolean): number[][] {
  const theta = [...theta0];
  const b = theta.map(() => 0);
  return gradSteps.map((g) => {
    theta.forEach((_, i) => {
      b[i] = mu * b[i]! + g[i]!;
      theta[i]! -= lr * (mu === 0 ? g[i]! : nesterov ? g[i]! + mu * b[i]! : b[i]!);
    });
    return [...theta];
  });
}

const make = (p: object, lr: number) => sgd.makeOptimizer!(sgd.params.parse(p), lr);

describe('sgd', () => {
  it.each([
    [0, false],
    [0.9, false],
    [0.9, true],
    [0.5, true],
  ])('follows the formula for 3 steps (momentum %d, nesterov %s)', (momentum, nesterov) => {
    const opt = make({ momentum, nesterov }, 0.1);
    const got = runSteps(opt, theta0, gradSteps);
    opt.dispose();
    expectRowsClose(got, sgdReference(0.1, momentum, nesterov));
    if (momentum > 0) expect(() => expectRowsClose(got, sgdReference(0.1, 0, false))).toThrow();
  });

  it.each([0, 0.9])('frees all its state on dispose (momentum %d)', (momentum) => {
    const before = tf.memory().numTensors;
    const opt = make({ momentum }, 0.1);
    runSteps(opt, theta0, gradSteps);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
