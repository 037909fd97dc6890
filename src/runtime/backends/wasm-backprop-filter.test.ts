/**
 * Conv2DBackpropFilter on wasm in each of its forms, the input's or the gradient's columns
 * spread (wasm-backprop-filter.ts) and the batch alone per tap (wasm-kernels.ts), against tfjs's cpu kernel: over the table of
 * kernel sizes, strides, paddings, roundings and batches of the other kernel tests, and on the
 * weight gradients of the reference workloads' layers; for leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from './node';
import { caseShapes, convCases, data, describeCase, expectAgree, type ConvCase } from './testing';
import { columnsForm, wasmFilterOptions } from './wasm-backprop-filter';

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

/** Layers of the reference workloads and the form `auto` gives their weight gradients. */
const workloadLayers: [ConvCase, string][] = [
  [{ x: [2, 128, 128, 3], k: 9, out: 16, s: 1, pad: 'same' }, 'batch'],
  [{ x: [2, 64, 64, 64], k: 3, out: 32, s: 1, pad: 'same' }, 'batch'],
  [{ x: [2, 128, 128, 16], k: 9, out: 3, s: 1, pad: 'same' }, 'gradient'],
  [{ x: [2, 64, 64, 32], k: 3, out: 64, s: 2, pad: [[0, 0], [0, 1], [0, 1], [0, 0]] }, 'input'],
  [{ x: [2, 32, 32, 64], k: 3, out: 64, s: 1, pad: 'same' }, 'input'],
  [{ x: [2, 64, 64, 32], k: 3, out: 64, s: 1, pad: 'same' }, 'input'],
  [{ x: [1, 64, 64, 6], k: 4, out: 32, s: 2, pad: 'same' }, 'input'],
  [{ x: [1, 8, 8, 128], k: 4, out: 1, s: 1, pad: [[0, 0], [1, 2], [1, 2], [0, 0]] }, 'gradient'],
  [{ x: [64, 14, 14, 64], k: 5, out: 128, s: 2, pad: [[0, 0], [1, 2], [1, 2], [0, 0]] }, 'batch'],
  [{ x: [2, 128, 128, 32], k: 3, out: 16, s: 1, pad: 'same' }, 'batch'],
];

const formOf = (c: ConvCase) =>
  tf.tidy(() => columnsForm(tf.zeros(c.x), tf.zeros(caseShapes(c).dy), tf.backend_util.computeConv2DInfo(c.x, caseShapes(c).filter as [number, number, number, number], c.s, 1, c.pad, c.rounding))) ?? 'batch';

describe.each(['input', 'gradient', 'never'] as const)('Conv2DBackpropFilter on wasm, columns %s', (form) => {
  it.each(convCases().map((c) => [describeCase(c), c] as const))('equals cpu: %s', async (_name, c) => {
    const want = await on('cpu', c);
    wasmFilterOptions.columns = form;
    expectAgree(await on('wasm', c), want, `${form} ${describeCase(c)}`);
  });
});

describe('Conv2DBackpropFilter on the workloads’ layers', () => {
  it.each(workloadLayers.map(([c, form]) => [describeCase(c), form, c] as const))('%s: takes the %s form', (_name, form, c) => {
    expect(formOf(c)).toBe(form);
  });
  // The batch form is the 'never' table's; cpu takes seconds on these large layers.
  const spread = workloadLayers.filter(([, form]) => form !== 'batch').map(([c]) => [describeCase(c), c] as const);
  it.each(spread)('%s: equals cpu', async (_name, c) => {
    expectAgree(await on('wasm', c), await on('cpu', c), describeCase(c));
  });
});

it('leaves no tensor and no buffer behind over 20 calls in each columns form', async () => {
  await tf.setBackend('wasm');
  for (const form of ['input', 'gradient'] as const) {
    wasmFilterOptions.columns = form;
    for (let i = 0; i < 20; i++) tf.dispose(tf.tidy(() => backpropFilter({ x: [2, 9, 8, 3], k: 4, out: 2, s: 1, pad: 'same' })));
  }
  expect(counts(), 'tensors, backend buffers').toEqual(atStart);
});
