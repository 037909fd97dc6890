import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../prng';
import type { AnyNodeDef } from '../types';
import { noise } from './noise';
import { sinus } from './sinus';
import { stroke } from './stroke';
import { texture, texturePatterns } from './texture';
import { expectClose, fingerprint, runNode, valuesOf, type RunOptions } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Print = { first3: number[]; sum: number; sumsq: number; wsum: number };

/** Each of first3, sum, sumsq and wsum, in that order, within 1e-6 relative (1e-9 absolute). */
function expectPrint(got: Print, want: Print): void {
  const flat = (p: Print) => [...p.first3, p.sum, p.sumsq, p.wsum];
  expectClose(flat(got), flat(want), 1e-6, 1e-9);
}

/** Runs a source and returns its `out` values, disposing the tensors. */
function run(def: AnyNodeDef, opts: RunOptions): number[] {
  const r = runNode(def, opts);
  const v = valuesOf(r.outputs.out);
  tf.dispose(Object.values(r.outputs));
  return v;
}

describe('WORKLOADS.md appendix fingerprints', () => {
  it('A data.step0.y: sinus(mulberry32(103), 64, 4, 3)', () => {
    const v = run(sinus, { seed: 103, params: { size: 64, batch: 1, waves: 4, fmax: 3 } });
    expect(v.length).toBe(64 * 64 * 3);
    expectPrint(fingerprint(v), {
      first3: [0.30536288, -0.379412681, 0.280360937],
      sum: 836.519655,
      sumsq: 1578.84109,
      wsum: 40030.6753,
    });
  });

  it('B data.style: (sinus(mulberry32(203), 128, 6, 12) + 1) / 2', () => {
    const v = run(sinus, { seed: 203, params: { size: 128, batch: 1, waves: 6, fmax: 12, range: '[0,1]', fixed: true } });
    expectPrint(fingerprint(v), {
      first3: [0.479382783, 0.597267807, 0.310875893],
      sum: 24576,
      sumsq: 13312,
      wsum: 1205853.29,
    });
  });

  it('B data.step0.content: two [0,1] images from seed 204', () => {
    const v = run(sinus, { seed: 204, params: { size: 128, batch: 2, waves: 4, fmax: 3, range: '[0,1]' } });
    expectPrint(fingerprint(v), {
      first3: [0.462597221, 0.547308147, 0.256564945],
      sum: 49152,
      sumsq: 27648,
      wsum: 2408004.01,
    });
  });

  it('C data.step0.real and .z: 64 strokes, then 64×64 normals, from one seed-303 stream', () => {
    const rng = createRng(303);
    const real = run(stroke, { rng, params: { batch: 64 } });
    expect(real.length).toBe(64 * 28 * 28);
    expectPrint(fingerprint(real), {
      first3: [-1, -1, -1],
      sum: -38997.1052,
      sumsq: 47859.7055,
      wsum: -1907335.33,
    });
    const z = run(noise, { rng, params: { batch: 64, dim: 64 } });
    expectPrint(fingerprint(z), {
      first3: [-0.708429873, -1.24790359, 1.12579441],
      sum: -18.4001951,
      sumsq: 4137.56369,
      wsum: -421.886133,
    });
  });
});

describe('noise', () => {
  it('uniform noise lies in [-1,1) and uses one draw per value', () => {
    const r = runNode(noise, { seed: 5, params: { batch: 3, dim: 100, distribution: 'uniform' } });
    const v = valuesOf(r.outputs.out);
    expect(r.rng.drawn).toBe(300);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...v)).toBeLessThan(1);
    expect(Math.min(...v)).toBeLessThan(-0.9);
    const u = createRng(5);
    expect(v[0]).toBeCloseTo(2 * u.uniform() - 1, 6);
    tf.dispose(Object.values(r.outputs));
  });
});

describe('sinus', () => {
  it('the [0,1] range is (v+1)/2 of the [-1,1] image from the same stream', () => {
    const a = run(sinus, { seed: 9, params: { size: 16, batch: 2, range: '[-1,1]' } });
    const b = run(sinus, { seed: 9, params: { size: 16, batch: 2, range: '[0,1]' } });
    for (let k = 0; k < a.length; k++) expect(b[k]).toBeCloseTo((a[k]! + 1) / 2, 6);
  });

  it('is static only when fixed', () => {
    expect(sinus.isStatic!(sinus.params.parse({ fixed: true }))).toBe(true);
    expect(sinus.isStatic!(sinus.params.parse({}))).toBe(false);
  });
});

describe('stroke', () => {
  it('at twice the size, the reference image scales: full ink stays full, no ink stays empty', () => {
    const small = run(stroke, { seed: 11, params: { batch: 8 } });
    const big = run(stroke, { seed: 11, params: { batch: 8, size: 56 } });
    let full = 0;
    let empty = 0;
    for (let n = 0; n < 8; n++)
      for (let i = 0; i < 28; i++)
        for (let j = 0; j < 28; j++) {
          const s = small[n * 784 + i * 28 + j]!;
          const b = big[n * 56 * 56 + 2 * i * 56 + 2 * j]!;
          if (s === 1) {
            full++;
            expect(b).toBe(1);
          }
          if (s === -1) {
            empty++;
            expect(b).toBe(-1);
          }
        }
    expect(full).toBeGreaterThan(50);
    expect(empty).toBeGreaterThan(1000);
  });
});

describe('texture', () => {
  it.each(texturePatterns)('%s: in range, varied, 9 draws per sample, deterministic', (pattern) => {
    const r = runNode(texture, { seed: 3, params: { pattern, size: 16, batch: 3, range: '[-1,1]' } });
    const v = valuesOf(r.outputs.out);
    expect(r.rng.drawn).toBe(27);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...v)).toBeLessThanOrEqual(1);
    expect(Math.max(...v) - Math.min(...v)).toBeGreaterThan(0.3);
    const first = v.slice(0, 16 * 16 * 3);
    const second = v.slice(16 * 16 * 3, 2 * 16 * 16 * 3);
    expect(first).not.toEqual(second);
    expect(run(texture, { seed: 3, params: { pattern, size: 16, batch: 3, range: '[-1,1]' } })).toEqual(v);
    tf.dispose(Object.values(r.outputs));
  });

  it('checker uses exactly two colours per sample', () => {
    const v = run(texture, { seed: 4, params: { pattern: 'checker', size: 16, batch: 1, scale: 3 } });
    const colours = new Set<string>();
    for (let k = 0; k < v.length; k += 3) colours.add(`${v[k]},${v[k + 1]},${v[k + 2]}`);
    expect(colours.size).toBe(2);
  });
});
