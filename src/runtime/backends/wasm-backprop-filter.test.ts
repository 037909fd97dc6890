/**
 * Conv2DBackpropFilter on wasm in each of its forms, the input's or the gradient's columns
 * spread (wasm-backprop-filter.ts) and the batch alone per tap (wasm-kernels.ts), against tfjs's cpu kernel: over the table of
 * kernel sizes, strides, paddings, roundings and batches of the other kernel tests, and on the
 * weight gradients of the reference workloads' layers; for leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { caseShapes, convCases, data, describeCase, expectAgree, type ConvCase, wasmKernelSuite, on } from './testing';
import { columnsForm, wasmFilterOptions } from './wasm-backprop-filter';

const suite = wasmKernelSuite();
afterEach(() => {
  wasmFilterOptions.columns = 'auto';
});

function backpropFilter(c: ConvCase): tf.Tensor {
  const { filter, dy } = caseShapes(c);
  const t = (d: { shape: number[]; values: number[] }) => tf.tensor(d.values, d.shape);
  const attrs = { strides: c.s, pad: c.pad, dimRoundingMode: c.rounding, dataFormat: 'NHWC', filterShape: filter };
  return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: t(data(c.x, 1)), dy: t(data(dy, 2)) }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** The gradient of case `c` on a backend, read back. */
const gradientOn = async (backend: 'cpu' | 'wasm', c: ConvCase) => (await on(backend, () => backpropFilter(c)))[0]!.values;

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
    const want = await gradientOn('cpu', c);
    wasmFilterOptions.columns = form;
    expectAgree(await gradientOn('wasm', c), want, `${form} ${describeCase(c)}`);
  });
});

describe('Conv2DBackpropFilter on the workloads’ layers', () => {
  it.each(workloadLayers.map(([c, form]) => [describeCase(c), form, c] as const))('%s: takes the %s form', (_name, form, c) => {
    expect(formOf(c)).toBe(form);
  });
  // The batch form is the 'never' table's; cpu takes seconds on these large layers.
  const spread = workloadLayers.filter(([, form]) => form !== 'batch').map(([c]) => [describeCase(c), c] as const);
  it.each(spread)('%s: equals cpu', async (_name, c) => {
    expectAgree(await gradientOn('wasm', c), await gradientOn('cpu', c), describeCase(c));
  });
});

it('leaves no tensor and no buffer behind over 20 calls in each columns form', async () => {
  await tf.setBackend('wasm');
  for (const form of ['input', 'gradient'] as const) {
    wasmFilterOptions.columns = form;
    for (let i = 0; i < 20; i++) tf.dispose(tf.tidy(() => backpropFilter({ x: [2, 9, 8, 3], k: 4, out: 2, s: 1, pad: 'same' })));
  }
  expect(suite.counts(), 'tensors, backend buffers').toEqual(suite.atStart);
});
