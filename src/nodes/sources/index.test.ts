/**
 * What every source kind keeps beyond tests/registry-contract.test.ts (which builds each
 * example and checks its shapes and leaks): graph placement, a static flag, and values
 * inside the range each image output declares.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNode, valuesOf, weightsFor } from '../testing';
import { sources } from './index';
import { readDigits } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const digits = readDigits();

describe.each(sources.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  it('is a graph source that says whether it is static', () => {
    expect(def.category).toBe('source');
    expect(def.where).toBe('graph');
    expect(typeof def.isStatic).toBe('function');
  });

  it('gives its example on exactly its inferred ports, in the range each declares', () => {
    const { params, settings } = def.example ?? {};
    tf.tidy(() => {
      // Mid-range weights: the runtime adds a trainable image's offset when it fills it, which the seeded fill does not.
      const weights = Object.fromEntries(weightsFor(def, params, {}, settings).map((s) => [s.name, tf.fill(s.shape, 0.5)]));
      const r = runNode(def, { params, settings, weights, assets: (name) => (name === 'digits' ? digits : undefined) });
      expect(Object.keys(r.outputs).sort()).toEqual(Object.keys(r.signals).sort());
      for (const [port, sig] of Object.entries(r.signals)) {
        const v = valuesOf(r.outputs[port]);
        const lo = sig.range === '[0,1]' ? 0 : -1;
        if (sig.type === 'image' && sig.range !== 'unbounded')
          for (const x of v) expect(x >= lo && x <= 1).toBe(true);
      }
    });
  });
});
