import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rmsprop } from './rmsprop';
import { createRmsProp } from './rmsprop-optimizer';
import { expectRowsClose, gradSteps, maxDiff, runSteps, theta0 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** torch.optim.RMSprop, in float64. */
function rmspropReference(lr: number, rho: number, mu: number, eps: number, centered: boolean): number[][] {
  const theta = [...theta0];
  const v = theta.map(() => 0);
  const mg = theta.map(() => 0);
  const buf = theta.map(() => 0);
  return gradSteps.map((g) => {
    theta.forEach((_, i) => {
      v[i] = rho * v[i]! + (1 - rho) * g[i]! ** 2;
      let avg = v[i]!;
      if (centered) {
        mg[i] = rho * mg[i]! + (1 - rho) * g[i]!;
        avg -= mg[i]! ** 2;
      }
      const d = g[i]! / (Math.sqrt(avg) + eps);
      buf[i] = mu * buf[i]! + d;
      theta[i]! -= lr * (mu > 0 ? buf[i]! : d);
    });
    return [...theta];
  });
}

const make = (p: object, lr: number) => rmsprop.makeOptimizer!(rmsprop.params.parse(p), lr);

describe('rmsprop', () => {
  it('defaults to ρ 0.9, no momentum, ε 1e-8, not centered', () => {
    const opt = make({}, 1e-3);
    expect(opt.getConfig()).toEqual({ learningRate: 1e-3, rho: 0.9, momentum: 0, epsilon: 1e-8, centered: false });
    opt.dispose();
  });

  it.each([
    [{}, 0.01],
    [{ momentum: 0.9 }, 0.01],
    [{ centered: true }, 0.01],
    [{ rho: 0.99, momentum: 0.5, centered: true }, 0.001],
  ])('follows PyTorch\'s update for 3 steps (%j, lr %d)', (p, lr) => {
    const q = rmsprop.params.parse(p);
    const opt = make(p, lr);
    const got = runSteps(opt, theta0, gradSteps);
    opt.dispose();
    expectRowsClose(got, rmspropReference(lr, q.rho, q.momentum, q.epsilon, q.centered), 1e-5);
  });

  it('differs from tfjs\'s RMSProp, which puts ε inside the square root', () => {
    const ours = make({}, 0.01);
    const theirs = tf.train.rmsprop(0.01, 0.9, 0, 1e-8);
    const a = runSteps(ours, theta0, gradSteps);
    const b = runSteps(theirs, theta0, gradSteps);
    ours.dispose();
    theirs.dispose();
    expect(maxDiff(a, b)).toBeGreaterThan(1e-3);
  });

  it('frees all its state on dispose', () => {
    const before = tf.memory().numTensors;
    const opt = make({ momentum: 0.9, centered: true }, 0.01);
    runSteps(opt, theta0, gradSteps);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resumes from saved weights exactly where it left off', async () => {
    const a = createRmsProp(0.01, 0.9, 0.5, 1e-8, true);
    const v = tf.variable(tf.tensor1d(theta0));
    const step = (opt: tf.Optimizer, g: number[]) => tf.tidy(() => opt.applyGradients({ [v.name]: tf.tensor1d(g) }));
    step(a, gradSteps[0]!);
    step(a, gradSteps[1]!);
    const saved = (await a.getWeights()).map(({ name, tensor }) => ({ name, tensor: tf.clone(tensor) }));
    expect(saved.map((w) => w.name.split('/').pop())).toEqual(['iter', 'rms', 'momentum', 'mg']);
    const mid = tf.clone(v);
    step(a, gradSteps[2]!);
    const want = Array.from(v.dataSync());
    v.assign(mid);
    const b = createRmsProp(0.01, 0.9, 0.5, 1e-8, true);
    await b.setWeights(saved);
    expect(b.iterations).toBe(2);
    step(b, gradSteps[2]!);
    expect(Array.from(v.dataSync())).toEqual(want);
    tf.dispose([mid, v, ...saved.map((w) => w.tensor)]);
    a.dispose();
    b.dispose();
  });
});
