import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tensor, vector } from '../shape';
import { adversarial, adversarialLoss } from './adversarial';
import { expectClose, features, inferNode } from '../testing';
import { lossValue } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Independent references, in float64.
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const relu = (x: number) => Math.max(0, x);

const reference: Record<string, Record<string, (x: number[]) => number>> = {
  bce: {
    real: (x) => mean(x.map((v) => softplus(-v))),
    fake: (x) => mean(x.map((v) => softplus(v))),
    generator: (x) => mean(x.map((v) => softplus(-v))),
  },
  lsgan: {
    real: (x) => mean(x.map((v) => (v - 1) ** 2)),
    fake: (x) => mean(x.map((v) => v ** 2)),
    generator: (x) => mean(x.map((v) => (v - 1) ** 2)),
  },
  hinge: {
    real: (x) => mean(x.map((v) => relu(1 - v))),
    fake: (x) => mean(x.map((v) => relu(1 + v))),
    generator: (x) => -mean(x),
  },
  wasserstein: { real: (x) => -mean(x), fake: (x) => mean(x), generator: (x) => -mean(x) },
};

const cases = Object.entries(reference).flatMap(([loss, sides]) => Object.keys(sides).map((side) => [loss, side] as const));
const scores = [-3, -0.5, 0, 0.7, 1.2, 2.5, -1.1, 0.3];

describe('adversarial loss', () => {
  it.each(cases)('%s, side %s, matches the formula on a vector and on a patch map', (loss, side) => {
    const want = reference[loss]![side]!(scores);
    expectClose(lossValue(adversarial, { loss, side }, { scores: tf.tensor(scores, [2, 4]) }), want);
    expectClose(lossValue(adversarial, { loss, side }, { scores: tf.tensor(scores, [2, 2, 2, 1]) }), want);
  });

  it('gives different values for the real and fake sides (a test that the side is used)', () => {
    const x = tf.tensor(scores, [8, 1]);
    expect(lossValue(adversarial, { side: 'real' }, { scores: x })).not.toBeCloseTo(lossValue(adversarial, { side: 'fake' }, { scores: x }), 3);
  });

  it('BCE stays finite and exact for logits far from 0', () => {
    const big = [-1000, -100, -60, -20, 20, 60, 100, 1000];
    for (const side of ['real', 'fake'] as const) {
      const got = lossValue(adversarial, { loss: 'bce', side }, { scores: tf.tensor(big, [8, 1]) });
      expect(Number.isFinite(got)).toBe(true);
      expectClose(got, reference.bce![side]!(big), 1e-6);
    }
  });

  it.each(['real', 'fake', 'generator'] as const)('BCE gradient (%s) is the hand-derived ∓σ(∓x)/N, even for large |x|', (side) => {
    const x = [...scores, -80, 80, -1000, 1000];
    const n = x.length;
    const grad = tf.tidy(() => tf.grad((t: tf.Tensor) => adversarialLoss(t, { loss: 'bce', side }))(tf.tensor(x, [n, 1])));
    // d/dx softplus(−x) = −σ(−x); d/dx softplus(x) = σ(x)
    const want = x.map((v) => (side === 'fake' ? sigmoid(v) : -sigmoid(-v)) / n);
    expectClose(grad.dataSync(), want, 1e-5, 1e-9);
    grad.dispose();
  });

  it('LSGAN and hinge gradients follow their formulas', () => {
    const n = scores.length;
    const g = (loss: 'lsgan' | 'hinge', side: 'real' | 'fake' | 'generator') =>
      tf.tidy(() => tf.grad((t: tf.Tensor) => adversarialLoss(t, { loss, side }))(tf.tensor(scores, [n, 1]))).arraySync() as number[][];
    expectClose(g('lsgan', 'real').flat(), scores.map((v) => (2 * (v - 1)) / n));
    expectClose(g('lsgan', 'fake').flat(), scores.map((v) => (2 * v) / n));
    expectClose(g('hinge', 'real').flat(), scores.map((v) => (v < 1 ? -1 / n : 0)));
    expectClose(g('hinge', 'generator').flat(), scores.map(() => -1 / n));
  });

  it('infers a scalar from vectors and maps, and refuses feature lists', () => {
    expect(inferNode(adversarial, {}, { scores: vector([4, 1]) })).toEqual({ loss: { type: 'scalar', shape: [] } });
    expect(inferNode(adversarial, {}, { scores: tensor([2, 8, 8, 1]) })).toHaveProperty('loss');
    expect(inferNode(adversarial, {}, { scores: features([2, 4, 4, 1]) })).toMatchObject({ code: 'rankMismatch', port: 'scores' });
    expect(inferNode(adversarial, {}, {})).toMatchObject({ code: 'missingInput', port: 'scores' });
  });

  it('summarises its objective and side', () => {
    expect(adversarial.summarize!(adversarial.params.parse({ loss: 'lsgan', side: 'generator' }))).toBe('LSGAN · generator');
  });
});
