/**
 * The kernels Ganvas adds to the wasm backend, checked against tfjs's own cpu kernels (plain
 * loops over the definition) on seeded inputs over a table of shapes, strides, paddings, kernel
 * sizes, batches and channel counts; through tf.grads end to end; and for leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from './node';
import { caseShapes, convCases, data, describeCase, expectAgree, type ConvCase } from './testing';
import { wasmConvOptions } from './wasm-conv-transpose';
import { registerWasmGradientKernels, wasmGradientKernels } from './wasm-kernels';

type Backend = 'cpu' | 'wasm';
const added = [tf.Conv2DBackpropFilter, tf.DepthwiseConv2dNativeBackpropFilter, tf.DepthwiseConv2dNativeBackpropInput];
const depthwise = (kernel: string) => kernel.startsWith('Depthwise');

let tensorsAtStart = 0;
beforeAll(async () => {
  await initNodeBackend('wasm');
  tensorsAtStart = tf.memory().numTensors;
  // The engine then checks that each kernel call leaves exactly its output's buffer behind.
  tf.env().set('IS_TEST', true);
});

afterAll(() => tf.env().set('IS_TEST', false));

/** Runs `f` on a backend and reads its result back, freeing everything it made. */
async function on(backend: Backend, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const list = Array.isArray(out) ? out : [out];
  const values = list.map((t) => t.dataSync() as Float32Array);
  tf.dispose(list);
  return values;
}

/** One call of a backprop kernel on a case, with the inputs it takes. */
function callKernel(kernel: string, c: ConvCase): tf.Tensor {
  const dw = depthwise(kernel);
  const { filter, dy } = caseShapes(c, dw);
  const t = (d: { shape: number[]; values: number[] }) => tf.tensor(d.values, d.shape);
  const inputs: tf.NamedTensorMap = kernel.endsWith('Filter') ? { x: t(data(c.x, 1)), dy: t(data(dy, 2)) } : { dy: t(data(dy, 2)), filter: t(data(filter, 3)) };
  const attrs = { strides: c.s, pad: c.pad, dimRoundingMode: c.rounding, dataFormat: 'NHWC', dilations: 1, filterShape: filter, inputShape: c.x };
  return tf.engine().runKernel(kernel, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** The 'same' transposes of the reference workloads (7→14, 14→28, n→2n), as backprop-input cases. */
const transposeCases: ConvCase[] = [
  { x: [2, 14, 14, 64], k: 5, out: 128, s: 2, pad: 'same' },
  { x: [3, 28, 28, 1], k: 5, out: 64, s: 2, pad: 'same' },
  { x: [1, 16, 16, 32], k: 4, out: 64, s: 2, pad: 'same' },
  { x: [2, 13, 13, 4], k: 4, out: 6, s: 2, pad: 'same' },
  { x: [1, 64, 64, 3], k: 4, out: 8, s: 2, pad: 'same' },
  { x: [2, 9, 11, 5], k: 3, out: 7, s: 3, pad: 'same' },
  { x: [2, 10, 9, 3], k: 4, out: 5, s: [2, 1], pad: 'same' },
  { x: [1, 9, 12, 4], k: 3, out: 2, s: [1, 3], pad: 'valid' },
  { x: [2, 11, 10, 3], k: 5, out: 4, s: [3, 2], pad: [[0, 0], [3, 1], [0, 2], [0, 0]] },
];

const variants: [string, boolean][] = [
  [tf.Conv2DBackpropFilter, true],
  [tf.DepthwiseConv2dNativeBackpropFilter, true],
  [tf.DepthwiseConv2dNativeBackpropInput, true],
  [tf.Conv2DBackpropInput, true],
  [tf.Conv2DBackpropInput, false],
];

describe.each(variants)('%s on wasm (polyphase backprop input: %s)', (kernel, polyphase) => {
  const cases = [...convCases(depthwise(kernel)), ...(kernel === tf.Conv2DBackpropInput ? transposeCases : [])];
  it.each(cases.map((c) => [describeCase(c), c] as const))('equals cpu: %s', async (_name, c) => {
    const [want] = await on('cpu', () => callKernel(kernel, c));
    wasmConvOptions.polyphaseBackpropInput = polyphase;
    try {
      const [got] = await on('wasm', () => callKernel(kernel, c));
      expectAgree(got!, want!, kernel);
    } finally {
      wasmConvOptions.polyphaseBackpropInput = true;
    }
  });
});

/** The gradients of Σ op(x, w)·r with respect to x and w, r a fixed random map. */
function gradsOf(op: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor, x: number[], w: number[]): tf.Tensor[] {
  const xs = data(x, 4);
  const ws = data(w, 5);
  const f = (a: tf.Tensor, b: tf.Tensor) => {
    const y = op(a as tf.Tensor4D, b as tf.Tensor4D);
    return tf.sum(tf.mul(y, tf.tensor(data(y.shape, 6).values, y.shape)));
  };
  return tf.grads(f)([tf.tensor(xs.values, xs.shape), tf.tensor(ws.values, ws.shape)]);
}

describe('gradients end to end, wasm against cpu', () => {
  // Without the cases that round the output size up: tfjs-core's conv2d gradient drops
  // dimRoundingMode (so cpu's gradient there ignores the last rows) and wasm's forward conv
  // leaves those rows unwritten. The kernels themselves are checked with rounding above.
  const conv = convCases().filter((c) => c.rounding === undefined);
  it.each(conv.map((c) => [describeCase(c), c] as const))('conv2d: %s', async (_name, c) => {
    const op = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.conv2d(x, w, c.s, c.pad, 'NHWC', 1, c.rounding);
    const want = await on('cpu', () => gradsOf(op, c.x, caseShapes(c).filter));
    const got = await on('wasm', () => gradsOf(op, c.x, caseShapes(c).filter));
    expectAgree(got[0]!, want[0]!, 'dx');
    expectAgree(got[1]!, want[1]!, 'dw');
  });

  it.each(convCases(true).filter((c) => c.rounding === undefined).map((c) => [describeCase(c), c] as const))('depthwiseConv2d: %s', async (_name, c) => {
    const op = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.depthwiseConv2d(x, w, c.s, c.pad);
    const want = await on('cpu', () => gradsOf(op, c.x, caseShapes(c, true).filter));
    const got = await on('wasm', () => gradsOf(op, c.x, caseShapes(c, true).filter));
    expectAgree(got[0]!, want[0]!, 'dx');
    expectAgree(got[1]!, want[1]!, 'dw');
  });

  // conv2dTranspose as the Conv2d-transpose block uses it: 'same', n → n·stride.
  // Here x is the transpose's input: 7→14 and 14→28 (5×5), 4→8, 8→16 and 13→26 (4×4).
  const workloadTransposes: ConvCase[] = [
    { x: [2, 7, 7, 32], k: 5, out: 16, s: 2, pad: 'same' },
    { x: [2, 14, 14, 16], k: 5, out: 1, s: 2, pad: 'same' },
    { x: [1, 4, 4, 128], k: 4, out: 64, s: 2, pad: 'same' },
    { x: [1, 8, 8, 32], k: 4, out: 16, s: 2, pad: 'same' },
    { x: [2, 13, 13, 3], k: 4, out: 5, s: 2, pad: 'same' },
    { x: [2, 5, 6, 3], k: 4, out: 4, s: [2, 1], pad: 'same' },
  ];
  const transposes = [...convCases(), ...workloadTransposes].filter((c) => c.pad === 'same');
  it.each(transposes.map((c) => [describeCase(c), c] as const))('conv2dTranspose: %s', async (_name, c) => {
    const [b, h, w, cin] = c.x;
    const [sh, sw] = typeof c.s === 'number' ? [c.s, c.s] : c.s;
    const op = (x: tf.Tensor4D, f: tf.Tensor4D) => tf.conv2dTranspose(x, f, [b, h * sh, w * sw, c.out], c.s, 'same');
    const want = await on('cpu', () => gradsOf(op, c.x, [c.k, c.k, c.out, cin]));
    const got = await on('wasm', () => gradsOf(op, c.x, [c.k, c.k, c.out, cin]));
    expectAgree(got[0]!, want[0]!, 'dx');
    expectAgree(got[1]!, want[1]!, 'dw');
  });
});

describe('memory', () => {
  const c: ConvCase = { x: [2, 9, 8, 3], k: 4, out: 2, s: 2, pad: 'same' };
  it.each([...added, tf.Conv2DBackpropInput])('%s leaves no tensor, buffer or backend data id over 50 calls', async (kernel) => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    tf.dispose(tf.tidy(() => callKernel(kernel, c))); // first use may set things up
    const before = [tf.memory().numTensors, tf.memory().numDataBuffers, backend.numDataIds()];
    for (let i = 0; i < 50; i++) {
      const out = tf.tidy(() => callKernel(kernel, c));
      expect([tf.memory().numTensors, tf.memory().numDataBuffers, backend.numDataIds()]).toEqual(before.map((n) => n + 1));
      out.dispose();
    }
    expect([tf.memory().numTensors, tf.memory().numDataBuffers, backend.numDataIds()]).toEqual(before);
  });

  it('leaves nothing behind when a training step is repeated 50 times', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const x = tf.tensor(data([2, 8, 8, 3], 7).values, [2, 8, 8, 3]);
    // tf.variable copies its initial value and leaves it to the caller.
    const w = tf.tidy(() => tf.variable(tf.tensor(data([3, 3, 3, 4], 8).values, [3, 3, 3, 4])));
    const d = tf.tidy(() => tf.variable(tf.tensor(data([3, 3, 4, 2], 9).values, [3, 3, 4, 2])));
    const opt = tf.train.sgd(0.01);
    const loss = () => tf.mean(tf.square(tf.depthwiseConv2d(tf.conv2d(x as tf.Tensor4D, w as tf.Variable<tf.Rank.R4>, 2, 'same'), d as tf.Variable<tf.Rank.R4>, 1, 'same')));
    const cost = () => opt.minimize(loss as () => tf.Scalar, true)!;
    tf.dispose(cost());
    const before = [tf.memory().numTensors, tf.memory().numDataBuffers, backend.numDataIds()];
    for (let i = 0; i < 50; i++) tf.dispose(cost());
    expect([tf.memory().numTensors, tf.memory().numDataBuffers, backend.numDataIds()]).toEqual(before);
    tf.dispose([x, w, d]);
    opt.dispose();
  });
});

describe('registration', () => {
  it('is idempotent and keeps a kernel the backend already has', () => {
    const first = added.map((k) => tf.getKernel(k, 'wasm'));
    registerWasmGradientKernels();
    registerWasmGradientKernels();
    expect(added.map((k) => tf.getKernel(k, 'wasm'))).toEqual(first);
    expect(first).toEqual(added.map((k) => wasmGradientKernels.find((c) => c.kernelName === k)));
  });

  it('runs Conv2DBackpropInput as one XNNPACK conv per phase while the flag is on, and wasm\'s own loop when off', async () => {
    await tf.setBackend('wasm');
    const conv = tf.getKernel(tf.Conv2D, 'wasm');
    const inner = conv.kernelFunc;
    let convs = 0;
    conv.kernelFunc = (args) => (convs++, inner(args));
    const c: ConvCase = { x: [1, 8, 8, 3], k: 4, out: 5, s: 2, pad: 'same' };
    try {
      const [on1] = await on('wasm', () => callKernel(tf.Conv2DBackpropInput, c));
      expect(convs).toBe(4); // stride 2: 2×2 phases
      wasmConvOptions.polyphaseBackpropInput = false;
      const [off] = await on('wasm', () => callKernel(tf.Conv2DBackpropInput, c));
      expect(convs).toBe(4);
      expectAgree(on1!, off!, 'polyphase against the loop');
    } finally {
      conv.kernelFunc = inner;
      wasmConvOptions.polyphaseBackpropInput = true;
    }
    registerWasmGradientKernels();
    const again = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
    registerWasmGradientKernels();
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')).toBe(again);
  });

  it('rejects what it cannot compute instead of computing something else', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const x = tf.zeros([1, 5, 5, 2]);
    const dy = tf.zeros([1, 3, 3, 2]);
    const attrs = { strides: 1, pad: 'valid', dilations: 2, filterShape: [2, 2, 2, 1] } as unknown as tf.NamedAttrMap;
    expect(() => tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, attrs)).toThrow(/dilation 1/);
    const nchw = { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 2, 2] } as unknown as tf.NamedAttrMap;
    expect(() => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, nchw)).toThrow(/NHWC/);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([x, dy]);
  });
});

it('left no tensor behind over all of the above', () => {
  expect(tf.memory().numTensors).toBe(tensorsAtStart);
});
