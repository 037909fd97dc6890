import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferNode, runNode, valuesOf } from '../testing';
import { isProblem } from '../types';
import { digitSplit, digits } from './digits';
import { readDigits } from './testing';

const d = readDigits();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Which file digits a [-1,1] 28×28 sample equals exactly, by comparing bytes. */
function matches(sample: number[]): number[] {
  const bytes = Array.from(sample, (v) => Math.round(((v + 1) / 2) * 255));
  const found: number[] = [];
  for (let n = 0; n < d.count; n++) {
    let same = true;
    for (let k = 0; k < 784 && same; k++) same = d.images[n * 784 + k] === bytes[k];
    if (same) found.push(n);
  }
  return found;
}

function draw(params: Record<string, unknown>, seed = 1) {
  const r = runNode(digits, { seed, params, assets: (name) => (name === 'digits' ? d : undefined) });
  const out = valuesOf(r.outputs.out);
  const label = valuesOf(r.outputs.label);
  tf.dispose(Object.values(r.outputs));
  return { out, label, signals: r.signals, rng: r.rng };
}

describe('digits', () => {
  it('images are real digits in [-1,1] and the one-hot label is their class', () => {
    const { out, label, rng } = draw({ batch: 12 }, 7);
    expect(rng.drawn).toBe(12);
    expect(Math.min(...out)).toBe(-1);
    expect(Math.max(...out)).toBe(1);
    for (let b = 0; b < 12; b++) {
      const row = Array.from(label.slice(b * 10, b * 10 + 10));
      expect(row.filter((x) => x === 1).length).toBe(1);
      expect(row.filter((x) => x === 0).length).toBe(9);
      const found = matches(out.slice(b * 784, (b + 1) * 784));
      expect(found.length).toBeGreaterThan(0);
      expect(found.map((n) => d.labels[n])).toContain(row.indexOf(1));
    }
  });

  it('only draws the chosen classes', () => {
    const { label } = draw({ batch: 64, classes: [3, 7] }, 2);
    const seen = new Set<number>();
    for (let b = 0; b < 64; b++) seen.add(Array.from(label.slice(b * 10, b * 10 + 10)).indexOf(1));
    expect([...seen].sort()).toEqual([3, 7]);
  });

  it('splits are disjoint: the last holdOut digits of each class are held out', () => {
    const train = digitSplit(d, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 100, 'train');
    const held = digitSplit(d, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 100, 'held-out');
    expect(held.length).toBe(1000);
    expect(train.length).toBe(9000);
    const trainSet = new Set(train);
    expect(Array.from(held).some((n) => trainSet.has(n))).toBe(false);
    // Class 0 has 1001 digits, so its held-out ones are its 902nd…1001st, in file order.
    const zeros = Array.from(d.labels.keys()).filter((n) => d.labels[n] === 0);
    expect(Array.from(held).filter((n) => d.labels[n] === 0)).toEqual(zeros.slice(901));
  });

  it('the held-out split only ever shows held-out digits', () => {
    const held = new Set(digitSplit(d, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 100, 'held-out'));
    const { out } = draw({ batch: 8, split: 'held-out' }, 5);
    for (let b = 0; b < 8; b++) {
      const found = matches(out.slice(b * 784, (b + 1) * 784));
      expect(found.some((n) => held.has(n))).toBe(true);
    }
  });

  it('an empty held-out split is a problem, not a crash', () => {
    const r = inferNode(digits, { split: 'held-out', holdOut: 0 }, {});
    expect(isProblem(r) && r.code).toBe('emptySplit');
  });

  it('other sizes are the digit resized bilinearly (half-pixel centres)', () => {
    const small = draw({ batch: 2, size: 12 }, 3);
    const full = draw({ batch: 2 }, 3);
    const want = tf.tidy(() =>
      tf.image.resizeBilinear(tf.tensor4d(full.out, [2, 28, 28, 1]), [12, 12], false, true).dataSync(),
    );
    expect(small.signals.out!.shape).toEqual([2, 12, 12, 1]);
    for (let k = 0; k < want.length; k++) expect(small.out[k]).toBeCloseTo(want[k]!, 5);
  });
});
