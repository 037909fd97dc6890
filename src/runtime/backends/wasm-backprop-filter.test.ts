/**
 * Conv2DBackpropFilter on wasm in both its forms, the columns spread (wasm-backprop-filter.ts)
 * and the batch alone per tap (wasm-kernels.ts), against tfjs's cpu kernel: over the table of
 * kernel sizes, strides, paddings, roundings and batches of the other kernel tests, and on the
 * weight gradients of the reference workloads' layers; for leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from './node';
import { caseShapes, convCases, data, describeCase, expectAgree, type ConvCase } from './testing';
import { columnsPay, wasmFilterOptions } from './wasm-backprop-filter';

const counts = () => [tf.memory().numTensors, (tf.backend() as unknown as { numDataIds(): number }).numDataIds()];
let atStart: number[] = [];
beforeAll(async () => {
  await initNodeBackend('wasm');
  atStart = counts();
  tf.env().set('IS_TEST', true);
});
afterEach(() => {
  wasmFilterOptions.columns = 'auto';
});
afterAll(async () => {
  tf.env().set('IS_TEST', false);
  await tf.setBackend('wasm');
});

function backpropFilter(c: ConvCase): tf.Tensor {
  const { filter, dy } = caseShapes(c);
  const t = (d: { shape: number[]; values: number[] }) => tf.tensor(d.values, d.shape);
  const attrs = { strides: c.s, pad: c.pad, dimRoundingMode: c.rounding, dataFormat: 'NHWC', filterShape: filter };
  return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: t(data(c.x, 1)), dy: t(data(dy, 2)) }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

async function on(backend: 'cpu' | 'wasm', c: ConvCase): Promise<Float32Array> {
  await tf.setBackend(backend);
  const out = tf.tidy(() => backpropFilter(c));
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

/** The layers of the reference workloads whose weight gradients take the columns form in `auto`. */
const workloadLayers: ConvCase[] = [
  { x: [2, 128, 128, 3], k: 9, out: 16, s: 1, pad: 'same' },
  { x: [2, 64, 64, 32], k: 3, out: 64, s: 2, pad: [[0, 0], [0, 1], [0, 1], [0, 0]] },
  { x: [2, 32, 32, 64], k: 3, out: 64, s: 1, pad: 'same' },
  { x: [2, 64, 64, 32], k: 3, out: 64, s: 1, pad: 'same' },
  { x: [1, 64, 64, 6], k: 4, out: 32, s: 2, pad: 'same' },
  { x: [1, 8, 8, 128], k: 4, out: 1, s: 1, pad: [[0, 0], [1, 2], [1, 2], [0, 0]] },
];

describe.each(['always', 'never'] as const)('Conv2DBackpropFilter on wasm, columns %s', (form) => {
  it.each(convCases().map((c) => [describeCase(c), c] as const))('equals cpu: %s', async (_name, c) => {
    const want = await on('cpu', c);
    wasmFilterOptions.columns = form;
    expectAgree(await on('wasm', c), want, `${form} ${describeCase(c)}`);
  });
});

describe('Conv2DBackpropFilter on the workloads’ layers', () => {
  it.each(workloadLayers.map((c) => [describeCase(c), c] as const))('takes the columns form and equals cpu: %s', async (_name, c) => {
    const x = tf.zeros(c.x);
    const dy = tf.zeros(caseShapes(c).dy);
    expect(columnsPay(x, dy, c.k)).toBe(true);
    tf.dispose([x, dy]);
    expectAgree(await on('wasm', c), await on('cpu', c), describeCase(c));
  });
  it('keeps the batch form for a large batch and for a large spread', () => {
    const pay = (x: number[], dy: number[], k: number) => tf.tidy(() => columnsPay(tf.zeros(x), tf.zeros(dy), k));
    expect(pay([64, 14, 14, 64], [64, 7, 7, 128], 5)).toBe(false);
    expect(pay([2, 128, 128, 16], [2, 128, 128, 3], 9)).toBe(false);
  });
});

it('leaves no tensor and no buffer behind over 20 calls in the columns form', async () => {
  await tf.setBackend('wasm');
  wasmFilterOptions.columns = 'always';
  for (let i = 0; i < 20; i++) tf.dispose(tf.tidy(() => backpropFilter({ x: [2, 9, 8, 3], k: 4, out: 2, s: 2, pad: 'same' })));
  expect(counts(), 'tensors, backend buffers').toEqual(atStart);
});
