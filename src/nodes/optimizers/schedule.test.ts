import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduledRate, zSchedule } from '../common';
import { adam } from './adam';
import { learningRateOf, setLearningRate } from './learning-rate';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';
import { runSteps, theta0 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('scheduledRate', () => {
  it('keeps a constant rate', () => {
    const s = zSchedule.parse(undefined);
    expect(s).toEqual({ kind: 'constant' });
    expect([0, 1, 10_000].map((t) => scheduledRate(0.1, s, t))).toEqual([0.1, 0.1, 0.1]);
  });

  it('decays linearly from start to end, then holds the final fraction', () => {
    const s = zSchedule.parse({ kind: 'linear', start: 10, end: 20, final: 0.1 });
    const at = (t: number) => scheduledRate(2, s, t);
    expect(at(0)).toBe(2);
    expect(at(10)).toBe(2);
    expect(at(15)).toBeCloseTo(2 * (1 - 0.5 * 0.9), 12);
    expect(at(20)).toBeCloseTo(0.2, 12);
    expect(at(500)).toBeCloseTo(0.2, 12);
  });

  it('defaults a linear schedule to a decay to 0 over iterations 0…1000', () => {
    const s = zSchedule.parse({ kind: 'linear' });
    expect(scheduledRate(1, s, 250)).toBeCloseTo(0.75, 12);
    expect(scheduledRate(1, s, 1000)).toBe(0);
  });

  it('drops by the factor every `every` iterations', () => {
    const s = zSchedule.parse({ kind: 'step', every: 100, factor: 0.5 });
    expect([0, 99, 100, 199, 200, 250].map((t) => scheduledRate(1, s, t))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
  });
});

describe('setLearningRate', () => {
  it.each([
    ['adam', adam],
    ['sgd', sgd],
    ['sgd with momentum', sgd, { momentum: 0.9 }],
    ['rmsprop', rmsprop],
  ] as const)('changes the rate of a live %s optimizer', (_n, def, p: object = {}) => {
    const opt = def.makeOptimizer!(def.params.parse(p) as never, 0.1);
    const v = tf.variable(tf.tensor1d(theta0));
    const step = () => tf.tidy(() => opt.applyGradients({ [v.name]: tf.tensor1d([1, -1, 0.5, 2]) }));
    step();
    setLearningRate(opt, 0);
    expect(learningRateOf(opt)).toBe(0);
    const before = Array.from(v.dataSync());
    step();
    expect(Array.from(v.dataSync())).toEqual(before); // a rate of 0 moves nothing
    setLearningRate(opt, 0.1);
    step();
    expect(Array.from(v.dataSync())).not.toEqual(before);
    v.dispose();
    opt.dispose();
  });

  it('scales a plain SGD step exactly', () => {
    const opt = sgd.makeOptimizer!(sgd.params.parse({}), 0.1);
    setLearningRate(opt, 0.25);
    const [row] = runSteps(opt, theta0, [[1, 1, 1, 1]]);
    expect(row!.map((x, i) => x - theta0[i]!).map((d) => Math.round(d * 1e6) / 1e6)).toEqual([-0.25, -0.25, -0.25, -0.25]);
    opt.dispose();
  });
});
