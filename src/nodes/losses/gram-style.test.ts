import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gram, gramStyle } from './gram-style';
import { expectClose, features, inferNode, randomValues, runNode, sizeOf } from '../testing';
import { centralDifferences, lossValue } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Gram matrices by loops: G[b][c1][c2] = Σ_hw f[b,h,w,c1]·f[b,h,w,c2] / (C·H·W), NHWC input. */
function gramRef(f: number[], [B, H, W, C]: number[]): number[][][] {
  const out: number[][][] = [];
  for (let b = 0; b < B!; b++) {
    const g: number[][] = [];
    for (let c1 = 0; c1 < C!; c1++) {
      const row: number[] = [];
      for (let c2 = 0; c2 < C!; c2++) {
        let s = 0;
        for (let p = 0; p < H! * W!; p++) s += f[(b * H! * W! + p) * C! + c1]! * f[(b * H! * W! + p) * C! + c2]!;
        row.push(s / (C! * H! * W!));
      }
      g.push(row);
    }
    out.push(g);
  }
  return out;
}

/** One layer's term: mean over (B,C,C) of the squared Gram difference; a target batch of 1 repeats. */
function styleTerm(x: number[], xs: number[], t: number[], ts: number[]): number {
  const gx = gramRef(x, xs);
  const gt = gramRef(t, ts);
  let s = 0;
  let n = 0;
  gx.forEach((g, b) =>
    g.forEach((row, i) =>
      row.forEach((v, j) => {
        s += (v - gt[gt.length === 1 ? 0 : b]![i]![j]!) ** 2;
        n++;
      }),
    ),
  );
  return s / n;
}

const s1 = [2, 3, 4, 2];
const s2 = [2, 2, 2, 3];
const x1 = randomValues(sizeOf(s1), 1);
const x2 = randomValues(sizeOf(s2), 2);
const t1s = [1, 5, 3, 2]; // the style image: batch 1, another size than the input
const t2s = [1, 3, 2, 3];
const t1 = randomValues(sizeOf(t1s), 3);
const t2 = randomValues(sizeOf(t2s), 4);
const inputs = () => ({ input: [tf.tensor(x1, s1), tf.tensor(x2, s2)], target: [tf.tensor(t1, t1s), tf.tensor(t2, t2s)] });

describe('gram', () => {
  it('matches the loop formula Fᵀ·F/(C·H·W)', () => {
    const g = tf.tidy(() => gram(tf.tensor(x1, s1)));
    expect(g.shape).toEqual([2, 2, 2]);
    expectClose(g.dataSync(), gramRef(x1, s1).flat(2));
    g.dispose();
  });
});

describe('gram-style loss', () => {
  it('sums the per-layer terms, each times its weight', () => {
    const want = 2 * styleTerm(x1, s1, t1, t1s) + 0.5 * styleTerm(x2, s2, t2, t2s);
    expectClose(lossValue(gramStyle, { layers: [0, 1], weights: [2, 0.5] }, inputs()), want);
  });

  it('uses every layer with weight 1 when none are chosen, and 1 for missing weights', () => {
    const all = styleTerm(x1, s1, t1, t1s) + styleTerm(x2, s2, t2, t2s);
    expectClose(lossValue(gramStyle, {}, inputs()), all);
    expectClose(lossValue(gramStyle, { layers: [1, 0], weights: [3] }, inputs()), 3 * styleTerm(x2, s2, t2, t2s) + styleTerm(x1, s1, t1, t1s));
  });

  it('broadcasts a target batch of 1: the mean of each input item against it (WORKLOADS.md B.4)', () => {
    const half = sizeOf(s1) / 2;
    const perItem = [x1.slice(0, half), x1.slice(half)].map((xi) => styleTerm(xi, [1, 3, 4, 2], t1, t1s));
    const want = (perItem[0]! + perItem[1]!) / 2;
    expectClose(lossValue(gramStyle, { layers: [0] }, { input: [tf.tensor(x1, s1)], target: [tf.tensor(t1, t1s)] }), want);
    // and equals the loss against an explicit copy of the target for each item
    const tiled = [...t1, ...t1];
    expectClose(lossValue(gramStyle, { layers: [0] }, { input: [tf.tensor(x1, s1)], target: [tf.tensor(tiled, [2, 5, 3, 2])] }), want);
  });

  it('has the gradient of the loop formula (central differences in float64)', () => {
    const layerLoss = (x: number[]) => styleTerm(x, s1, t1, t1s);
    const grad = tf.tidy(() =>
      tf.grad((x: tf.Tensor) => {
        const out = runNode(gramStyle, { params: { layers: [0] }, inputs: { input: [x], target: [tf.tensor(t1, t1s)] } }).outputs;
        return out.loss as tf.Scalar;
      })(tf.tensor(x1, s1)),
    );
    const fd = centralDifferences(layerLoss, x1, 1e-5);
    const largest = Math.max(...fd.map(Math.abs));
    expect(largest).toBeGreaterThan(1e-4); // the check is not vacuous
    expectClose(grad.dataSync(), fd, 1e-3, 1e-3 * largest);
    grad.dispose();
  });

  it('reports a chosen layer the features do not have, on the port that lacks it', () => {
    const a = features([2, 4, 4, 8], [2, 2, 2, 16]);
    expect(inferNode(gramStyle, { layers: [0, 2] }, { input: a, target: a })).toMatchObject({
      code: 'layerOutOfRange',
      port: 'input',
      args: { layer: 2, count: 2 },
    });
    expect(inferNode(gramStyle, { layers: [1] }, { input: a, target: features([1, 4, 4, 8]) })).toMatchObject({
      code: 'layerOutOfRange',
      port: 'target',
      args: { layer: 1, count: 1 },
    });
    expect(inferNode(gramStyle, {}, { input: features(), target: features() })).toMatchObject({ code: 'layerOutOfRange' });
  });

  it('needs the same channels and broadcastable batches, but not the same size', () => {
    const a = features([2, 8, 8, 4]);
    expect(inferNode(gramStyle, {}, { input: a, target: features([1, 16, 16, 4]) })).toEqual({ loss: { type: 'scalar', shape: [] } });
    expect(inferNode(gramStyle, {}, { input: a, target: features([1, 8, 8, 5]) })).toMatchObject({ code: 'layerMismatch', port: 'target' });
    expect(inferNode(gramStyle, {}, { input: a, target: features([3, 8, 8, 4]) })).toMatchObject({ code: 'batchMismatch', port: 'target' });
    expect(inferNode(gramStyle, {}, { input: features([2, 16]), target: features([1, 16]) })).toMatchObject({ code: 'rankMismatch', port: 'input' });
  });

  it('summarises the chosen layers and weights', () => {
    expect(gramStyle.summarize!(gramStyle.params.parse({}))).toBe('all layers');
    expect(gramStyle.summarize!(gramStyle.params.parse({ layers: [0, 2], weights: [1, 0.5] }))).toBe('layers 0, 2 · weights 1, 0.5');
  });
});
