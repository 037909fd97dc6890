/**
 * The gallery's quality measures, each checked against an independent computation: bicubic
 * resampling against the polynomials Keys' kernel reproduces exactly, the digit classifier
 * against the held-out digits' true labels, and replication's diversity against sums by hand.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDigitsNode } from '../src/runtime/assets/digits-node';
import { initNodeBackend } from '../src/runtime/backends/node';
import { bicubicResize, keys } from '../scripts/presets/bicubic';
import { NO_DIGIT, scoreProbabilities, trainDigitClassifier } from '../scripts/presets/digit-classifier';
import { cropsOf, meanPairwiseL1 } from '../scripts/presets/quality';

describe('bicubic resampling', () => {
  it('has the cubic convolution kernel’s values', () => {
    // By hand from Keys (1981) with a = −½.
    expect([0, 0.5, 1, 1.5, 2, 2.5].map(keys)).toEqual([1, 0.5625, 0, -0.0625, 0, 0]);
  });

  it('reproduces a quadratic exactly away from the edges, at the aligned pixel centres', () => {
    const [h, w, f] = [7, 9, 4];
    const q = (y: number, x: number, c: number) => 0.3 + 0.1 * x - 0.2 * y + 0.05 * x * x - 0.03 * x * y + 0.02 * y * y + c;
    const src = new Float32Array(h * w * 2);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 2; c++) src[(y * w + x) * 2 + c] = q(y, x, c);
    const out = bicubicResize(src, [1, h, w, 2], h * f, w * f);
    let checked = 0;
    for (let oy = 0; oy < h * f; oy++)
      for (let ox = 0; ox < w * f; ox++) {
        const [u, v] = [(oy + 0.5) / f - 0.5, (ox + 0.5) / f - 0.5];
        if (Math.floor(u) < 1 || Math.floor(u) + 2 > h - 1 || Math.floor(v) < 1 || Math.floor(v) + 2 > w - 1) continue;
        for (let c = 0; c < 2; c++) expect(out[(oy * w * f + ox) * 2 + c]).toBeCloseTo(q(u, v, c), 5);
        checked++;
      }
    expect(checked).toBeGreaterThan(100);
  });

  it('keeps a constant picture constant, edges included', () => {
    const out = bicubicResize(new Float32Array(2 * 3 * 5).fill(0.7), [2, 3, 5, 1], 12, 20);
    expect(out.length).toBe(2 * 12 * 20);
    for (const v of out) expect(v).toBeCloseTo(0.7, 6);
  });
});

describe('replication diversity', () => {
  it('is 0 for identical images and the mean of the pairs’ mean |a − b| otherwise', () => {
    const img = [0.1, 0.5, 0.9, 0.3];
    expect(meanPairwiseL1([img, [...img], [...img]])).toBe(0);
    // Pairs by hand: |a−b| = (1+1+1+1)/4 = 1; |a−c| = (0.5·4)/4 = 0.5; |b−c| = 0.5. Mean 2/3.
    const [a, b, c] = [[0, 0, 0, 0], [1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]];
    expect(meanPairwiseL1([a, b])).toBeCloseTo(1, 12);
    expect(meanPairwiseL1([a, b, c])).toBeCloseTo(2 / 3, 12);
    // Unequal per-value gaps: (0.2 + 0 + 0.6 + 0.2)/4 = 0.25.
    expect(meanPairwiseL1([[0.1, 0.5, 0.9, 0.3], [0.3, 0.5, 0.3, 0.1]])).toBeCloseTo(0.25, 12);
    expect(meanPairwiseL1([a])).toBe(0);
  });

  it('cuts crops in [0,1] at every grid position of a [-1,1] picture', () => {
    // A 3×4 RGB picture whose value at (y, x, c) is (y·4 + x)/6 − 1 + c/100, in [-1,1].
    const [H, W] = [3, 4];
    const art = Float32Array.from({ length: H * W * 3 }, (_, k) => (Math.floor(k / 3) / 6 - 1) + (k % 3) / 100);
    const crops = cropsOf(art, H, W, 2, 2); // tops 0 only (0 + 2 ≤ 3; 2 + 2 > 3), lefts 0 and 2
    expect(crops.length).toBe(2);
    const at01 = (y: number, x: number, c: number) => ((y * 4 + x) / 6 + c / 100) / 2;
    expect(crops[1]![0]).toBeCloseTo(at01(0, 2, 0), 6);
    expect(crops[1]![(1 * 2 + 1) * 3 + 2]).toBeCloseTo(at01(1, 3, 2), 6);
    // The two crops differ by 2 columns everywhere: 2/6 in [-1,1] units, 1/6 in [0,1].
    expect(meanPairwiseL1(crops)).toBeCloseTo(1 / 6, 6);
  });
});

describe('digit scores', () => {
  it('counts confident digits and the classes they cover; "no digit" is never a confident digit', () => {
    const p = new Float32Array(5 * 11);
    const row = (i: number, k: number, v: number) => {
      p.fill((1 - v) / 10, i * 11, i * 11 + 11);
      p[i * 11 + k] = v;
    };
    row(0, 3, 0.95);
    row(1, 3, 0.99);
    row(2, 7, 0.92);
    row(3, 1, 0.5); // not confident
    row(4, NO_DIGIT, 0.99);
    const s = scoreProbabilities(p);
    expect(s).toEqual({ confident: 0.6, perClass: [0, 0, 0, 2, 0, 0, 0, 1, 0, 0], present: 2, samples: 5 });
    expect(scoreProbabilities(p, { presentShare: 0.3 }).present).toBe(1);
  });
});

describe('the digit classifier', () => {
  beforeAll(async () => {
    await initNodeBackend('wasm');
  });

  it('classifies held-out digits it never saw, confidently, in every class, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const c = await trainDigitClassifier(loadDigitsNode(), { epochs: 3 });
    expect(c.heldOut.accuracy).toBeGreaterThan(0.95);
    expect(c.heldOut.score.confident).toBeGreaterThan(0.85);
    expect(c.heldOut.score.present).toBe(10);
    // New pictures that are no digit (flat, noisy, blotchy, three digits at once) are called so.
    expect(c.heldOut.rejected).toBeGreaterThan(0.95);
    // An untrained generator's flat mid-grey is no confident digit.
    const grey = tf.fill([8, 28, 28, 1], 0.5) as tf.Tensor4D;
    expect(scoreProbabilities(c.probabilities(grey)).confident).toBe(0);
    grey.dispose();
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
