/**
 * What every transform kind keeps beyond tests/registry-contract.test.ts (which builds each
 * example and checks its shapes and leaks): placement by randomness, and a random stream
 * drawn from exactly when the kind says it is random.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNode, uniform } from '../testing';
import { transforms } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(transforms.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  it('is a transform, kept to the graph when random', () => {
    expect(def.category).toBe('transform');
    expect(def.where).toBe(def.random ? 'graph' : 'both');
  });

  it('draws from its random stream on its example exactly when it is random', () => {
    const signals = def.example?.inputs ?? {};
    const drawn = tf.tidy(() => {
      const inputs = Object.fromEntries(Object.entries(signals).map(([k, s], i) => [k, uniform(s.shape, 60 + i)]));
      return runNode(def, { params: def.example?.params, inputs, signals, settings: def.example?.settings }).rng.drawn;
    });
    if (def.random) expect(drawn).toBeGreaterThan(0);
    else expect(drawn).toBe(0);
  });
});
