/**
 * What every loss kind keeps beyond tests/registry-contract.test.ts (which builds each example
 * and checks its shapes, leaks and gradients): described params, an example on its own ports,
 * and finite values.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectDescribed, expectExampleOnPorts, runNode, valueFor } from '../testing';
import { losses } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(losses.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  it('describes every field, under a kebab-case kind', () => expectDescribed(def));

  it('has an example on its own ports that infers exactly its declared outputs, and a summary', () => expectExampleOnPorts(def));

  it('gives finite values on its example', () => {
    const signals = def.example?.inputs ?? {};
    tf.tidy(() => {
      const inputs = Object.fromEntries(Object.entries(signals).map(([k, s], i) => [k, valueFor(s, 10 * i + 1)]));
      const r = runNode(def, { params: def.example?.params, inputs, signals, settings: def.example?.settings });
      for (const port of Object.keys(r.signals)) expect(Number.isFinite((r.outputs[port] as tf.Tensor).dataSync()[0]!)).toBe(true);
    });
  });
});
