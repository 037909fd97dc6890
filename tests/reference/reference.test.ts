/**
 * Tests of the hand-written reference workloads (WORKLOADS.md) on the cpu backend: the spec's
 * PRNG test vectors, the section-0 building blocks against tfjs's own ops, the 39 appendix
 * fingerprints, parameter counts, and a few training steps per workload (finite losses of the
 * spec's magnitudes, no tensor leaks, D/G updates that leave the other network bit-identical,
 * Adam's first update against generatorGrads).
 *
 * B and C take about 20–30 s per step on the cpu backend, so they run one step here; set
 * REFERENCE_FULL=1 to run three steps of each (and B's gradient check).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Adam,
  batchNormTrain,
  bceWithLogits,
  conv2dSame,
  convTranspose2dSame,
  fingerprint,
  instanceNorm,
  mulberry32,
  normal,
  samePadding,
  upsampleNearest2x,
  upsampleNearest2xConcat,
  type NamedVariable,
  type Reference,
} from './common';
import { createReference as createPix2pix } from './pix2pix-lite-64';
import { createReference as createFastStyle } from './fast-style-128';
import { createReference as createDcgan, type DcganReference } from './dcgan-28';

const FULL = process.env.REFERENCE_FULL === '1';

/** WORKLOADS.md, Appendix: reference fingerprints (verbatim). */
const APPENDIX = `
A pix2pix-lite-64
  G.d1 [4,4,3,32]     first3=[0.00100290333, -0.0155337853, -0.00686078751] sum=-1.38081335 sumsq=0.602923564 wsum=-58.099454
  G.d2 [4,4,32,64]    first3=[-0.0370638333, 0.00952951703, -0.00927530229] sum=4.27031083 sumsq=13.0217234 wsum=333.97237
  G.d3 [4,4,64,128]   first3=[-0.0313116871, 0.0114199333, -0.00311637879] sum=5.58145328 sumsq=52.4489747 wsum=245.165805
  G.d4 [4,4,128,128]  first3=[0.0251426101, 0.0233357344, -0.0187937114] sum=0.988300964 sumsq=104.850724 wsum=652.694583
  G.u1 [4,4,128,128]  first3=[-0.0139007531, -0.000930176233, 0.00381124788] sum=4.47798561 sumsq=104.300272 wsum=459.954059
  G.u2 [4,4,64,256]   first3=[0.0097406283, 0.00438076677, 0.0281887501] sum=4.72577008 sumsq=105.023722 wsum=633.299293
  G.u3 [4,4,32,128]   first3=[-0.00862461049, -0.00754971849, -0.00467595411] sum=-0.996808904 sumsq=26.304654 wsum=78.6338513
  G.out [4,4,3,64]    first3=[-0.0100313984, -0.0143544646, -0.00274788565] sum=-0.719540774 sumsq=1.14666179 wsum=-44.4930426
  D.c1 [4,4,6,32]     first3=[-0.0293724034, 0.0334714912, -0.0116539989] sum=2.47516263 sumsq=1.15711422 wsum=134.459177
  D.c2 [4,4,32,64]    first3=[-0.0315961353, 0.00919217244, -0.0464195311] sum=1.78674001 sumsq=13.0160818 wsum=169.430204
  D.c3 [4,4,64,128]   first3=[0.00290459837, -0.0333105624, -0.00634959852] sum=6.427987 sumsq=52.5139302 wsum=114.039184
  D.c4 [4,4,128,1]    first3=[0.0407035314, 0.0346544869, 0.0175219793] sum=1.08641284 sumsq=0.841619795 wsum=20.5338522
  data.step0.x [1,64,64,3] first3=[-0.0994505882, -0.0994505882, -0.0994505882] sum=286.08972 sumsq=696.136048 wsum=12583.7708
  data.step0.y [1,64,64,3] first3=[0.30536288, -0.379412681, 0.280360937] sum=836.519655 sumsq=1578.84109 wsum=40030.6753
B fast-style-128
  T.c1 [9,9,3,16]     first3=[-0.0195803754, 0.0106503842, 0.00335210469] sum=-1.0414875 sumsq=1.57090905 wsum=-100.89098
  T.c2 [3,3,16,32]    first3=[0.0283435564, -0.0304612629, 0.0151068727] sum=0.85143673 sumsq=1.83701543 wsum=9.65957825
  T.c3 [3,3,32,64]    first3=[0.00559407705, 0.0241095591, 0.00347449188] sum=-1.32762675 sumsq=7.3918274 wsum=57.8911005
  T.r1.c1 [3,3,64,64] first3=[0.0102644162, 0.00309501449, 0.0030702434] sum=6.61516933 sumsq=14.7992083 wsum=277.975946
  T.r1.c2 [3,3,64,64] first3=[0.0305123925, -0.0116776871, 0.0257418379] sum=2.84963878 sumsq=14.7667815 wsum=269.302074
  T.r2.c1 [3,3,64,64] first3=[-0.0194180775, 0.0310633797, -0.0182320867] sum=-4.16040841 sumsq=14.7372145 wsum=-23.8495733
  T.r2.c2 [3,3,64,64] first3=[-0.0321838222, 0.0311677661, 0.0177107323] sum=-5.13770218 sumsq=14.6492454 wsum=-386.48076
  T.r3.c1 [3,3,64,64] first3=[-0.00581574626, -0.0201054718, 0.00304057682] sum=2.59904061 sumsq=14.7752481 wsum=280.39078
  T.r3.c2 [3,3,64,64] first3=[-0.0463335924, -0.00473284116, 0.00207128725] sum=-0.379577057 sumsq=14.65495 wsum=26.8344994
  T.u1 [3,3,64,32]    first3=[-0.0310153645, 0.0174294636, 0.0130928801] sum=1.05296256 sumsq=7.43800522 wsum=-79.9694302
  T.u2 [3,3,32,16]    first3=[-0.0358360521, -0.0428630076, 0.00374590862] sum=-4.74102462 sumsq=1.89163447 wsum=-233.462838
  T.out [9,9,16,3]    first3=[0.0221442021, -0.00597892702, 0.0159892086] sum=-0.267741351 sumsq=1.52541474 wsum=14.2555385
  L.c1 [3,3,3,32]     first3=[-0.350025535, 0.436872303, -0.265062422] sum=0.82882246 sumsq=64.1594148 wsum=374.773693
  L.c2 [3,3,32,64]    first3=[0.130094483, 0.0543323979, -0.0919379815] sum=-11.2225891 sumsq=128.695372 wsum=-884.618535
  L.c3 [3,3,64,128]   first3=[-0.0982541367, -0.0987688228, 0.0647013262] sum=-7.99115312 sumsq=257.932667 wsum=-381.859015
  data.style [1,128,128,3]         first3=[0.479382783, 0.597267807, 0.310875893] sum=24576 sumsq=13312 wsum=1205853.29
  data.step0.content [2,128,128,3] first3=[0.462597221, 0.547308147, 0.256564945] sum=49152 sumsq=27648 wsum=2408004.01
C dcgan-28
  G.fc [64,6272]      first3=[-0.00250102533, 0.0355303101, 0.01475803] sum=-24.2730064 sumsq=160.72723 wsum=-840.370697
  G.t1 [5,5,64,128]   first3=[-0.00838999078, -0.0092699388, 0.000301545544] sum=5.38856321 sumsq=82.3920539 wsum=92.603974
  G.t2 [5,5,1,64]     first3=[0.0291613974, -0.0188644435, 0.0475879125] sum=0.262052606 sumsq=0.627418361 wsum=-11.505672
  D.c1 [5,5,1,64]     first3=[0.0377920121, 0.00758907618, -0.000473441614] sum=-0.804908267 sumsq=0.629002914 wsum=-101.281276
  D.c2 [5,5,64,128]   first3=[0.00311864424, -0.0306607708, 0.0407121778] sum=-9.73467756 sumsq=81.7316609 wsum=-682.266792
  D.fc [6272,1]       first3=[-0.00131044211, -0.0322827287, 0.00120361219] sum=-1.54028823 sumsq=2.56686998 wsum=-93.4710963
  data.step0.real [64,28,28,1] first3=[-1, -1, -1] sum=-38997.1052 sumsq=47859.7055 wsum=-1907335.33
  data.step0.z [64,64]         first3=[-0.708429873, -1.24790359, 1.12579441] sum=-18.4001951 sumsq=4137.56369 wsum=-421.886133
`;

interface Print {
  shape: number[];
  first3: number[];
  sum: number;
  sumsq: number;
  wsum: number;
}

/** Parses the appendix into { A: Map(name → print), B: …, C: … }. */
function parseAppendix(): Record<'A' | 'B' | 'C', Map<string, Print>> {
  const out = { A: new Map<string, Print>(), B: new Map<string, Print>(), C: new Map<string, Print>() };
  let current: Map<string, Print> | null = null;
  const num = (s: string) => Number(s.trim());
  for (const line of APPENDIX.split('\n')) {
    const head = /^([ABC]) \S+$/.exec(line.trim());
    if (head) {
      current = out[head[1] as 'A' | 'B' | 'C'];
      continue;
    }
    const m = /^\s*(\S+)\s+\[([\d,]+)\]\s+first3=\[([^\]]+)\]\s+sum=(\S+)\s+sumsq=(\S+)\s+wsum=(\S+)\s*$/.exec(line);
    if (!m || !current) continue;
    current.set(m[1]!, { shape: m[2]!.split(',').map(num), first3: m[3]!.split(',').map(num), sum: num(m[4]!), sumsq: num(m[5]!), wsum: num(m[6]!) });
  }
  return out;
}
const PRINTS = parseAppendix();

const relClose = (actual: number, expected: number, rel: number) => Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1e-12);

function expectPrint(t: tf.Tensor, expected: Print, label: string): void {
  expect(t.shape, `${label} shape`).toEqual(expected.shape);
  const fp = fingerprint(t);
  const bad: string[] = [];
  fp.first3.forEach((v, i) => {
    if (!relClose(v, expected.first3[i]!, 1e-6)) bad.push(`first3[${i}] ${v} ≠ ${expected.first3[i]}`);
  });
  for (const k of ['sum', 'sumsq', 'wsum'] as const) if (!relClose(fp[k], expected[k], 1e-6)) bad.push(`${k} ${fp[k]} ≠ ${expected[k]}`);
  expect(bad, label).toEqual([]);
}

/** The tensor a fingerprint names: a kernel ('G.d1' → weights 'G.d1.kernel') or step-0 data. */
function printTarget(ref: Reference, name: string): tf.Tensor {
  if (name.startsWith('data.')) {
    const key = name.split('.').pop()!;
    const t = ref.data(0)[key];
    if (!t) throw new Error(`no data ${key}`);
    return t;
  }
  const net = name.split('.')[0]!;
  const w = ref.weights[net]?.find((p) => p.name === `${name}.kernel`);
  if (!w) throw new Error(`no kernel ${name}`);
  return w.variable;
}

const count = (ws: NamedVariable[]) => ws.reduce((n, w) => n + w.variable.size, 0);
const snapshot = (ws: NamedVariable[]) => ws.map((w) => Float32Array.from(w.variable.dataSync()));
/** Bit-level equality of two snapshots (NaN-safe, −0 ≠ +0). */
const sameBits = (a: Float32Array[], b: Float32Array[]) =>
  a.length === b.length && a.every((x, i) => Buffer.compare(Buffer.from(x.buffer), Buffer.from(b[i]!.buffer)) === 0);
/** Names of the weights whose values differ between two snapshots. */
const changed = (ws: NamedVariable[], a: Float32Array[], b: Float32Array[]) => ws.filter((_, i) => Buffer.compare(Buffer.from(a[i]!.buffer), Buffer.from(b[i]!.buffer)) !== 0).map((w) => w.name);

/**
 * Adam's first step from zero moments moves θ by −lr·g/(sqrt(g²)+eps) (bias corrections cancel):
 * checks θ_after − θ_before against the gradient g, to float32 rounding of θ.
 */
function expectFirstAdamStep(before: Float32Array[], after: Float32Array[], grads: Float32Array[], lr: number, names: string[]): void {
  const bad: string[] = [];
  before.forEach((b, i) => {
    const a = after[i]!;
    const g = grads[i]!;
    let worst = 0;
    for (let k = 0; k < b.length; k++) {
      const expected = (-lr * g[k]!) / (Math.sqrt(g[k]! * g[k]!) + 1e-8);
      // float32 rounding of θ, plus that of the update g/(sqrt(v̂)+eps) ≈ ±1 (a few ulp) times lr
      const tol = 2 ** -22 * Math.max(Math.abs(a[k]!), Math.abs(b[k]!)) + 1e-6 * lr;
      worst = Math.max(worst, Math.abs(a[k]! - b[k]! - expected) / tol);
    }
    if (worst > 1) bad.push(`${names[i]}: error ${worst.toFixed(2)}× tolerance`);
  });
  expect(bad).toEqual([]);
}

const readAll = (ts: tf.Tensor[]) => {
  const out = ts.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(ts);
  return out;
};

/** Runs step t and returns its losses and wall time. */
function timedStep(ref: Reference, t: number, hooks?: Parameters<Reference['step']>[1]) {
  const t0 = performance.now();
  const losses = ref.step(t, hooks);
  const ms = performance.now() - t0;
  return { losses, ms };
}

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
};
const maxAbs = (a: tf.Tensor) => Array.from(a.dataSync() as Float32Array).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
/** max|a − b| ≤ rel·max(1, max|b|). */
const expectAllClose = (a: tf.Tensor, b: tf.Tensor, rel: number, label: string) => {
  const d = maxAbsDiff(a, b);
  expect(d, label).toBeLessThanOrEqual(rel * Math.max(1, maxAbs(b)));
};

const seeded = (seed: number, shape: number[]) => {
  const rng = mulberry32(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let k = 0; k < n; k++) v[k] = normal(rng);
  return tf.tensor(v, shape);
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

// ------------------------------------------------------------------------------------------------
describe('section 0: PRNG and building blocks', () => {
  it('mulberry32 and normal reproduce the test vectors', () => {
    for (const [seed, uniforms, normals] of [
      [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522], [1.4043387784152637, 1.2157546192705377, -0.5103768768108126]],
      [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099], [-1.2848381576290195, -0.9453528099747296, -0.6112802846514629]],
    ] as const) {
      const u = mulberry32(seed);
      expect([u(), u(), u()]).toEqual(uniforms);
      const n = mulberry32(seed);
      expect([normal(n), normal(n), normal(n)]).toEqual(normals);
    }
  });

  it("'same' padding matches the spec's table", () => {
    const cases: [number, number, number, [number, number]][] = [
      [64, 4, 2, [1, 1]], [32, 4, 2, [1, 1]], [8, 4, 1, [1, 2]], [128, 3, 2, [0, 1]], [64, 3, 2, [0, 1]],
      [28, 5, 2, [1, 2]], [14, 5, 2, [1, 2]], [32, 3, 1, [1, 1]], [128, 9, 1, [4, 4]],
      [16, 4, 2, [1, 1]], // convT 4×4 s2 8→16: the padding of the conv 16→8
      [14, 5, 2, [1, 2]], // convT 5×5 s2 7→14
    ];
    for (const [n, k, s, pads] of cases) expect(samePadding(n, k, s), `${n} k${k} s${s}`).toEqual(pads);
  });

  it("conv2dSame: forward and both gradients equal tfjs's 'same' conv", () => {
    const cases: [number, number, number][] = [
      [8, 4, 2], [8, 4, 1], [16, 3, 2], [28, 5, 2], [14, 5, 2], [8, 3, 1], [12, 9, 1],
    ];
    cases.forEach(([n, k, s], i) => {
      tf.tidy(() => {
        const x = seeded(10 + i, [2, n, n, 3]) as tf.Tensor4D;
        const w = tf.mul(seeded(20 + i, [k, k, 3, 4]), 0.2) as tf.Tensor4D;
        const label = `n${n} k${k} s${s}`;
        const ours = conv2dSame(x, w, s);
        const theirs = tf.conv2d(x, w, s, 'same');
        expectAllClose(ours, theirs, 1e-5, `${label} forward`);
        const weight = seeded(30 + i, ours.shape);
        const [gx1, gw1] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv2dSame(a as tf.Tensor4D, b, s), weight)))([x, w]);
        const [gx2, gw2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, s, 'same'), weight)))([x, w]);
        expectAllClose(gx1!, gx2!, 1e-5, `${label} dx`);
        expectAllClose(gw1!, gw2!, 1e-5, `${label} dw`);
      });
    });
  });

  it("convTranspose2dSame: n→n·s, adjoint of the 'same' conv, gradients equal tfjs's", () => {
    const cases: [number, number][] = [
      [4, 4], [8, 4], [7, 5], [14, 5],
    ];
    cases.forEach(([n, k], i) => {
      tf.tidy(() => {
        const x = seeded(40 + i, [2, n, n, 5]) as tf.Tensor4D;
        const w = tf.mul(seeded(50 + i, [k, k, 3, 5]), 0.2) as tf.Tensor4D; // [kh, kw, Cout, Cin]
        const label = `n${n} k${k}`;
        const ours = convTranspose2dSame(x, w, 2);
        expect(ours.shape).toEqual([2, 2 * n, 2 * n, 3]);
        expectAllClose(ours, tf.conv2dTranspose(x, w, [2, 2 * n, 2 * n, 3], 2, 'same'), 1e-5, `${label} forward`);
        // <convT(x), y> = <x, conv(y)> with the conv 2n → n of the same kernel
        const y = seeded(60 + i, [2, 2 * n, 2 * n, 3]) as tf.Tensor4D;
        const lhs = tf.sum(tf.mul(ours, y)).dataSync()[0]!;
        const rhs = tf.sum(tf.mul(x, conv2dSame(y, w, 2))).dataSync()[0]!;
        expect(Math.abs(lhs - rhs), `${label} adjoint`).toBeLessThan(1e-4 * Math.max(1, Math.abs(lhs)));
        const weight = seeded(70 + i, ours.shape);
        const [gx1, gw1] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(convTranspose2dSame(a as tf.Tensor4D, b, 2), weight)))([x, w]);
        const [gx2, gw2] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, 2 * n, 2 * n, 3], 2, 'same'), weight)),
        )([x, w]);
        expectAllClose(gx1!, gx2!, 1e-5, `${label} dx`);
        expectAllClose(gw1!, gw2!, 1e-5, `${label} dw`);
      });
    });
  });

  it('nearest ×2 upsampling: forward and batch-2 gradient are exact', () => {
    tf.tidy(() => {
      const x = seeded(80, [2, 4, 5, 3]) as tf.Tensor4D;
      const ours = upsampleNearest2x(x);
      expect(maxAbsDiff(ours, upsampleNearest2xConcat(x))).toBe(0);
      expect(maxAbsDiff(ours, tf.image.resizeNearestNeighbor(x, [8, 10]))).toBe(0);
      const weight = seeded(81, [2, 8, 10, 3]);
      const g1 = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(upsampleNearest2x(a as tf.Tensor4D), weight)))(x);
      const g2 = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(upsampleNearest2xConcat(a as tf.Tensor4D), weight)))(x);
      expect(maxAbsDiff(g1, g2)).toBeLessThan(1e-6);
    });
  });

  it('instance norm and batch norm equal the tf.moments formulation', () => {
    tf.tidy(() => {
      const x = tf.add(tf.mul(seeded(90, [2, 6, 5, 4]), 3), 1.5) as tf.Tensor4D;
      const gamma = tf.add(seeded(91, [4]), 1);
      const beta = seeded(92, [4]);
      const weight = seeded(93, x.shape);
      const viaMoments = (a: tf.Tensor4D, axes: number[]) => {
        const { mean, variance } = tf.moments(a, axes, true);
        return tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
      };
      expectAllClose(instanceNorm(x, gamma, beta), viaMoments(x, [1, 2]), 1e-5, 'IN forward');
      const bn = batchNormTrain(x, gamma, beta);
      expectAllClose(bn.y, viaMoments(x, [0, 1, 2]), 1e-5, 'BN forward');
      expectAllClose(bn.variance, tf.moments(x, [0, 1, 2]).variance, 1e-6, 'BN biased variance');
      const g1 = tf.grads((a: tf.Tensor, gm: tf.Tensor, bt: tf.Tensor) => tf.sum(tf.mul(instanceNorm(a as tf.Tensor4D, gm, bt), weight)))([x, gamma, beta]);
      const g2 = tf.grads((a: tf.Tensor, gm: tf.Tensor, bt: tf.Tensor) => {
        const { mean, variance } = tf.moments(a, [1, 2], true);
        return tf.sum(tf.mul(tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, 1e-5))), gm), bt), weight));
      })([x, gamma, beta]);
      g1.forEach((g, i) => expectAllClose(g, g2[i]!, 1e-5, `IN grad ${i}`));
    });
  });

  it('BCE with logits is the stable form of −[z·log σ(x) + (1−z)·log(1−σ(x))]', () => {
    tf.tidy(() => {
      const xs = [-3, -0.5, 0.25, 2];
      const softplus = (v: number) => Math.log1p(Math.exp(v));
      const mean = (f: (v: number) => number) => xs.reduce((s, v) => s + f(v), 0) / xs.length;
      expect(bceWithLogits(tf.tensor2d(xs, [4, 1]), 1).dataSync()[0]).toBeCloseTo(mean((v) => softplus(-v)), 6);
      expect(bceWithLogits(tf.tensor2d(xs, [4, 1]), 0).dataSync()[0]).toBeCloseTo(mean((v) => softplus(v)), 6);
      expect(bceWithLogits(tf.tensor2d([100, -100], [2, 1]), 1).dataSync()[0]).toBeCloseTo(50, 4);
      expect(bceWithLogits(tf.tensor2d([100, -100], [2, 1]), 0).dataSync()[0]).toBeCloseTo(50, 4);
    });
  });

  it('Adam (eps 1e-8) matches tf.train.adam(lr, β1, β2, 1e-8)', () => {
    const init = seeded(100, [6]);
    const a = tf.variable(init);
    const b = tf.variable(init);
    const ours = new Adam([a], 1e-3, 0.9, 0.999, 1e-8);
    const theirs = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
    for (let t = 0; t < 3; t++) {
      const g = seeded(101 + t, [6]);
      ours.apply([g]);
      theirs.applyGradients([{ name: b.name, tensor: g }]);
      g.dispose();
    }
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-7);
    ours.dispose();
    theirs.dispose();
    tf.dispose([a, b, init]);
  });
});

// ------------------------------------------------------------------------------------------------
describe('A pix2pix-lite-64', () => {
  let ref: Reference;
  let tensorsBefore = 0;
  beforeAll(() => {
    tensorsBefore = tf.memory().numTensors;
    ref = createPix2pix({ steps: 3 });
  });
  afterAll(() => ref?.dispose());

  it('reproduces the 14 appendix fingerprints', () => {
    expect(PRINTS.A.size).toBe(14);
    for (const [name, print] of PRINTS.A) expectPrint(printTarget(ref, name), print, name);
  });

  it('has the spec parameter counts and fill-order names', () => {
    expect(count(ref.weights.G!)).toBe(1_021_539);
    expect(count(ref.weights.D!)).toBe(169_377);
    expect(ref.weights.G!.map((w) => w.name).slice(0, 5)).toEqual(['G.d1.kernel', 'G.d1.bias', 'G.d2.kernel', 'G.d2.gamma', 'G.d2.beta']);
    expect(ref.weights.G!.at(-1)!.name).toBe('G.out.bias');
    expect(ref.weights.D!.map((w) => w.name)).toEqual(['D.c1.kernel', 'D.c1.bias', 'D.c2.kernel', 'D.c2.gamma', 'D.c2.beta', 'D.c3.kernel', 'D.c3.gamma', 'D.c3.beta', 'D.c4.kernel', 'D.c4.bias']);
  });

  it('runs 3 steps: finite losses, no leaks, D and G updates separated, Adam step from generatorGrads', () => {
    const G = ref.weights.G!;
    const D = ref.weights.D!;
    const n0 = tf.memory().numTensors;
    const g0 = snapshot(G);
    const d0 = snapshot(D);
    let gAfterD: Float32Array[] = [];
    let dAfterD: Float32Array[] = [];
    let grads: Float32Array[] = [];
    const s0 = timedStep(ref, 0, {
      afterD: () => {
        gAfterD = snapshot(G);
        dAfterD = snapshot(D);
        grads = readAll(ref.generatorGrads(0));
      },
    });
    const g1 = snapshot(G);
    const d1 = snapshot(D);
    expect(sameBits(gAfterD, g0), "D's update left G bit-identical").toBe(true);
    expect(changed(D, d0, dAfterD)).toEqual(D.map((w) => w.name));
    expect(sameBits(d1, dAfterD), "G's update left D bit-identical").toBe(true);
    expect(changed(G, gAfterD, g1)).toEqual(G.map((w) => w.name));
    expectFirstAdamStep(gAfterD, g1, grads, 2e-4, G.map((w) => w.name));
    const n1 = tf.memory().numTensors;
    const s1 = timedStep(ref, 1);
    const s2 = timedStep(ref, 2);
    const n3 = tf.memory().numTensors;
    expect(n1).toBe(n0);
    expect(n3).toBe(n1);

    const l = s0.losses;
    expect(Object.keys(l).sort()).toEqual(['L1', 'lossD', 'lossG', 'lossG_gan']);
    for (const s of [s0, s1, s2]) for (const v of Object.values(s.losses)) expect(Number.isFinite(v)).toBe(true);
    expect(relClose(l.lossG!, l.lossG_gan! + 100 * l.L1!, 1e-6)).toBe(true);
    expect(l.lossD).toBeGreaterThan(0.05);
    expect(l.lossD).toBeLessThan(2);
    expect(l.lossG_gan).toBeGreaterThan(0.05);
    expect(l.lossG_gan).toBeLessThan(4);
    expect(l.L1).toBeGreaterThan(0.1); // |tanh(small) − sinus| ≈ mean|y| ≈ 0.3 at init
    expect(l.L1).toBeLessThan(1);
    console.info(`A pix2pix-lite-64 cpu step ms: ${[s0, s1, s2].map((s) => s.ms.toFixed(0)).join(', ')}; losses[0] ${JSON.stringify(l)}`);
  });

  it('generatorGrads leaks nothing and returns one gradient per G weight', () => {
    ref.data(3); // generated and cached by the reference
    const n0 = tf.memory().numTensors;
    const grads = ref.generatorGrads(3);
    expect(grads.map((g) => g.shape)).toEqual(ref.weights.G!.map((w) => w.variable.shape));
    for (const g of grads) expect(g.dataSync().every((v) => Number.isFinite(v))).toBe(true);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(n0);
  });

  it('dispose frees every tensor', () => {
    ref.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    ref = null as unknown as Reference;
  });
});

// ------------------------------------------------------------------------------------------------
describe('B fast-style-128', () => {
  let ref: Reference;
  let tensorsBefore = 0;
  const steps = FULL ? 3 : 1;
  beforeAll(() => {
    tensorsBefore = tf.memory().numTensors;
    ref = createFastStyle({ steps });
  });
  afterAll(() => ref?.dispose());

  it('reproduces the 17 appendix fingerprints', () => {
    expect(PRINTS.B.size).toBe(17);
    for (const [name, print] of PRINTS.B) expectPrint(printTarget(ref, name), print, name);
  });

  it('has the spec parameter counts; the loss net is frozen', () => {
    expect(count(ref.weights.T!)).toBe(276_131);
    expect(count(ref.weights.L!)).toBe(93_248);
    expect(ref.weights.T!.every((w) => w.variable.trainable)).toBe(true);
    expect(ref.weights.L!.every((w) => !w.variable.trainable)).toBe(true);
    expect(ref.weights.T!.slice(9, 15).map((w) => w.name)).toEqual(['T.r1.c1.kernel', 'T.r1.c1.gamma', 'T.r1.c1.beta', 'T.r1.c2.kernel', 'T.r1.c2.gamma', 'T.r1.c2.beta']);
    expect(ref.weights.L!.map((w) => w.name)).toEqual(['L.c1.kernel', 'L.c1.bias', 'L.c2.kernel', 'L.c2.bias', 'L.c3.kernel', 'L.c3.bias']);
  });

  it(`runs ${steps} step(s): losses of the spec's magnitudes, no leaks, L untouched${FULL ? ', Adam step from generatorGrads' : ''}`, () => {
    const T = ref.weights.T!;
    const L = ref.weights.L!;
    const n0 = tf.memory().numTensors;
    const t0 = snapshot(T);
    const l0 = snapshot(L);
    const grads = FULL ? readAll(ref.generatorGrads(0)) : [];
    expect(tf.memory().numTensors).toBe(n0);
    const results = [timedStep(ref, 0)];
    const t1 = snapshot(T);
    expect(tf.memory().numTensors).toBe(n0);
    expect(sameBits(snapshot(L), l0), 'the loss net is frozen').toBe(true);
    expect(changed(T, t0, t1)).toEqual(T.map((w) => w.name));
    if (FULL) expectFirstAdamStep(t0, t1, grads, 1e-3, T.map((w) => w.name));
    for (let t = 1; t < steps; t++) results.push(timedStep(ref, t));
    expect(tf.memory().numTensors).toBe(n0);

    const l = results[0]!.losses;
    expect(Object.keys(l).sort()).toEqual(['content', 'style', 'total', 'tv']);
    for (const r of results) for (const v of Object.values(r.losses)) expect(Number.isFinite(v)).toBe(true);
    expect(relClose(l.total!, 1e5 * l.style! + l.content! + 0.1 * l.tv!, 1e-6)).toBe(true);
    // spec at init: content ≈ 0.2, tv ≈ 0.35; raw style ≈ 3e-5–1.3e-4 on real paintings (sinus style: same order)
    expect(l.content).toBeGreaterThan(0.1);
    expect(l.content).toBeLessThan(0.4);
    expect(l.tv).toBeGreaterThan(0.2);
    expect(l.tv).toBeLessThan(0.5);
    expect(l.style).toBeGreaterThan(3e-6);
    expect(l.style).toBeLessThan(1.3e-3);
    console.info(`B fast-style-128 cpu step ms: ${results.map((s) => s.ms.toFixed(0)).join(', ')}; losses[0] ${JSON.stringify(l)}`);
  }, 300_000);

  it('dispose frees every tensor', () => {
    ref.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    ref = null as unknown as Reference;
  });
});

// ------------------------------------------------------------------------------------------------
describe('C dcgan-28', () => {
  let ref: DcganReference;
  let tensorsBefore = 0;
  const steps = FULL ? 3 : 1;
  beforeAll(() => {
    tensorsBefore = tf.memory().numTensors;
    ref = createDcgan({ steps });
  });
  afterAll(() => ref?.dispose());

  it('reproduces the 8 appendix fingerprints', () => {
    expect(PRINTS.C.size).toBe(8);
    for (const [name, print] of PRINTS.C) expectPrint(printTarget(ref, name), print, name);
  });

  it('has the spec parameter counts; BN running statistics are not trainable', () => {
    expect(count(ref.weights.G!)).toBe(608_193);
    expect(count(ref.weights.D!)).toBe(212_865);
    expect(ref.weights.G!.map((w) => w.name)).toEqual(['G.fc.kernel', 'G.fc.gamma', 'G.fc.beta', 'G.t1.kernel', 'G.t1.gamma', 'G.t1.beta', 'G.t2.kernel', 'G.t2.bias']);
    expect(ref.weights.D!.map((w) => w.name)).toEqual(['D.c1.kernel', 'D.c1.bias', 'D.c2.kernel', 'D.c2.bias', 'D.fc.kernel', 'D.fc.bias']);
    expect(ref.buffers.every((b) => !b.variable.trainable)).toBe(true);
  });

  it(`runs ${steps} step(s): BCE ≈ ln 2 at init, no leaks, D and G updates separated, Adam step from generatorGrads`, () => {
    const G = ref.weights.G!;
    const D = ref.weights.D!;
    const n0 = tf.memory().numTensors;
    const g0 = snapshot(G);
    const d0 = snapshot(D);
    let gAfterD: Float32Array[] = [];
    let dAfterD: Float32Array[] = [];
    let grads: Float32Array[] = [];
    const results = [
      timedStep(ref, 0, {
        afterD: () => {
          gAfterD = snapshot(G);
          dAfterD = snapshot(D);
          grads = readAll(ref.generatorGrads(0));
        },
      }),
    ];
    const g1 = snapshot(G);
    const d1 = snapshot(D);
    expect(sameBits(gAfterD, g0), "D's update left G bit-identical").toBe(true);
    expect(changed(D, d0, dAfterD)).toEqual(D.map((w) => w.name));
    expect(sameBits(d1, dAfterD), "G's update left D bit-identical").toBe(true);
    expect(changed(G, gAfterD, g1)).toEqual(G.map((w) => w.name));
    expectFirstAdamStep(gAfterD, g1, grads, 2e-4, G.map((w) => w.name));
    expect(tf.memory().numTensors).toBe(n0);
    // running = 0.9·running + 0.1·batch, once per step: mean starts at 0, variance at 1
    const [rm0, rv0] = [ref.buffers[0]!.variable.dataSync(), ref.buffers[1]!.variable.dataSync()];
    expect(rm0.some((v) => v !== 0)).toBe(true);
    expect(rv0.every((v) => v >= 0.9 && Number.isFinite(v))).toBe(true);
    for (let t = 1; t < steps; t++) results.push(timedStep(ref, t));
    expect(tf.memory().numTensors).toBe(n0);

    const l = results[0]!.losses;
    expect(Object.keys(l).sort()).toEqual(['fake', 'lossD', 'lossG', 'real']);
    for (const r of results) for (const v of Object.values(r.losses)) expect(Number.isFinite(v)).toBe(true);
    expect(relClose(l.lossD!, l.real! + l.fake!, 1e-6)).toBe(true);
    for (const k of ['real', 'fake', 'lossG'] as const) {
      expect(l[k]).toBeGreaterThan(0.5);
      expect(l[k]).toBeLessThan(0.9);
    }
    console.info(`C dcgan-28 cpu step ms: ${results.map((s) => s.ms.toFixed(0)).join(', ')}; losses[0] ${JSON.stringify(l)}`);
  }, 300_000);

  it('dispose frees every tensor', () => {
    ref.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    ref = null as unknown as DcganReference;
  });
});
