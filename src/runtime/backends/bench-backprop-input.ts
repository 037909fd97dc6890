/**
 * How much the polyphase Conv2DBackpropInput saves on wasm: each layer of the reference
 * workloads whose forward pass (conv2dTranspose) or input gradient (conv2d) runs that kernel,
 * timed with wasm's own loop and with the polyphase form, then a whole DCGAN training step
 * (WORKLOADS.md C, batch 64). Also times the added Conv2DBackpropFilter against the forward
 * conv of the same layer. A measurement, not a test: `npx tsx src/runtime/backends/bench-backprop-input.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from './node';
import { wasmConvOptions } from './wasm-conv-transpose';

type Shape4 = [number, number, number, number];
interface Layer {
  name: string;
  /** The conv's input [B,H,W,C] (for a transpose: its output). */
  x: Shape4;
  k: number;
  /** The conv's output channels (for a transpose: its input channels). */
  f: number;
  s: number;
}

const layers: Layer[] = [
  { name: 'DCGAN G t1 convT 7→14 5×5 128→64 (B64)', x: [64, 14, 14, 64], k: 5, f: 128, s: 2 },
  { name: 'DCGAN G t2 convT 14→28 5×5 64→1 (B64)', x: [64, 28, 28, 1], k: 5, f: 64, s: 2 },
  { name: 'DCGAN D c2 dx conv 14→7 5×5 64→128 (B64)', x: [64, 14, 14, 64], k: 5, f: 128, s: 2 },
  { name: 'pix2pix u2 convT 8→16 4×4 256→64 (B1)', x: [1, 16, 16, 64], k: 4, f: 256, s: 2 },
  { name: 'pix2pix out convT 32→64 4×4 64→3 (B1)', x: [1, 64, 64, 3], k: 4, f: 64, s: 2 },
  { name: 'pix2pix D c2 dx conv 32→16 4×4 32→64 (B1)', x: [1, 32, 32, 32], k: 4, f: 64, s: 2 },
  { name: 'fast-style r dx conv 3×3 s1 64→64 at 32² (B2)', x: [2, 32, 32, 64], k: 3, f: 64, s: 1 },
  { name: 'fast-style up2 dx conv 3×3 s1 32→16 at 128² (B2)', x: [2, 128, 128, 32], k: 3, f: 16, s: 1 },
  { name: 'fast-style out dx conv 9×9 s1 16→3 at 128² (B2)', x: [2, 128, 128, 16], k: 9, f: 3, s: 1 },
];

/** Median milliseconds of `run` after a warm-up. */
function time(run: () => tf.Tensor | tf.Tensor[], reps = 7): number {
  const once = () => {
    const t0 = performance.now();
    const out = tf.tidy(run);
    for (const t of Array.isArray(out) ? out : [out]) t.dataSync();
    tf.dispose(out);
    return performance.now() - t0;
  };
  for (let i = 0; i < 2; i++) once();
  const ms = Array.from({ length: reps }, once).sort((a, b) => a - b);
  return ms[Math.floor(reps / 2)]!;
}

function withFlag<T>(on: boolean, f: () => T): T {
  wasmConvOptions.polyphaseBackpropInput = on;
  try {
    return f();
  } finally {
    wasmConvOptions.polyphaseBackpropInput = true;
  }
}

function benchLayers(): void {
  console.log('Conv2DBackpropInput, median ms: wasm loop → polyphase (speed-up); added Conv2DBackpropFilter vs forward conv');
  for (const l of layers) {
    const [b, h, w] = l.x;
    const ho = Math.ceil(h / l.s);
    const wo = Math.ceil(w / l.s);
    const dy = tf.randomNormal([b, ho, wo, l.f]) as tf.Tensor4D;
    const x = tf.randomNormal(l.x) as tf.Tensor4D;
    const filter = tf.randomNormal([l.k, l.k, l.x[3], l.f]) as tf.Tensor4D;
    const backpropInput = () => tf.conv2dTranspose(dy, filter, l.x, l.s, 'same');
    const loop = withFlag(false, () => time(backpropInput));
    const poly = withFlag(true, () => time(backpropInput));
    const forward = time(() => tf.conv2d(x, filter, l.s, 'same'));
    const backpropFilter = time(() => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { strides: l.s, pad: 'same', dataFormat: 'NHWC', filterShape: filter.shape } as unknown as tf.NamedAttrMap) as tf.Tensor);
    const fmt = (v: number) => v.toFixed(v < 10 ? 2 : 1);
    console.log(`${l.name.padEnd(50)} ${fmt(loop).padStart(7)} → ${fmt(poly).padStart(6)} (${(loop / poly).toFixed(1)}×)   filter grad ${fmt(backpropFilter)} vs fwd ${fmt(forward)}`);
    tf.dispose([dy, x, filter]);
  }
}

/** One DCGAN step as WORKLOADS.md C describes it (G and D updated), built from plain tfjs ops. */
function dcganStep(): () => tf.Tensor[] {
  const n = (shape: number[]) => tf.variable(tf.mul(tf.randomNormal(shape), 0.02));
  const g = { fc: n([64, 6272]), t1: n([5, 5, 64, 128]), t2: n([5, 5, 1, 64]), t2b: n([1]) };
  const d = { c1: n([5, 5, 1, 64]), c1b: n([64]), c2: n([5, 5, 64, 128]), c2b: n([128]), fc: n([6272, 1]), fcb: n([1]) };
  const bn = (t: tf.Tensor, axes: number[]) => {
    const { mean, variance } = tf.moments(t, axes, true);
    return tf.mul(tf.sub(t, mean), tf.rsqrt(tf.add(variance, 1e-5)));
  };
  const G = (z: tf.Tensor) => {
    const h0 = tf.relu(bn(tf.reshape(tf.matMul(z, g.fc), [64, 7, 7, 128]), [0, 1, 2])) as tf.Tensor4D;
    const h1 = tf.relu(bn(tf.conv2dTranspose(h0, g.t1 as tf.Tensor4D, [64, 14, 14, 64], 2, 'same'), [0, 1, 2])) as tf.Tensor4D;
    return tf.tanh(tf.add(tf.conv2dTranspose(h1, g.t2 as tf.Tensor4D, [64, 28, 28, 1], 2, 'same'), g.t2b)) as tf.Tensor4D;
  };
  const D = (x: tf.Tensor4D) => {
    const c1 = tf.leakyRelu(tf.add(tf.conv2d(x, d.c1 as tf.Tensor4D, 2, 'same'), d.c1b), 0.2) as tf.Tensor4D;
    const c2 = tf.leakyRelu(tf.add(tf.conv2d(c1, d.c2 as tf.Tensor4D, 2, 'same'), d.c2b), 0.2);
    return tf.add(tf.matMul(tf.reshape(c2, [64, 6272]), d.fc), d.fcb);
  };
  const bce = (logits: tf.Tensor, label: number) => tf.losses.sigmoidCrossEntropy(tf.fill(logits.shape, label), logits);
  const optG = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const optD = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const real = tf.randomUniform([64, 28, 28, 1], -1, 1) as tf.Tensor4D;
  const z = tf.randomNormal([64, 64]);
  return () => {
    const fake = tf.tidy(() => G(z));
    const ld = optD.minimize(() => tf.add(bce(D(real), 1), bce(D(fake), 0)) as tf.Scalar, true, Object.values(d))!;
    const lg = optG.minimize(() => bce(D(G(z)), 1) as tf.Scalar, true, Object.values(g))!;
    fake.dispose();
    return [ld, lg];
  };
}

async function main(): Promise<void> {
  console.log(`backend ${await initNodeBackend('wasm')}`);
  benchLayers();
  const step = dcganStep();
  const loop = withFlag(false, () => time(step, 5));
  const poly = withFlag(true, () => time(step, 5));
  console.log(`DCGAN training step (B64, G+D): wasm loop ${loop.toFixed(0)} ms → polyphase ${poly.toFixed(0)} ms (${(loop / poly).toFixed(2)}×)`);
}

void main();
