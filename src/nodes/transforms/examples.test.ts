import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../prng';
import type { BuildCtx, GraphSettingsView, Signal } from '../types';
import { isProblem } from '../types';
import { transforms } from './index';
import { randomValues, testSettings } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(transforms.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  it('is a transform with defaults for every param and an example', () => {
    expect(def.category).toBe('transform');
    expect(() => def.params.parse({})).not.toThrow();
    expect(def.example?.inputs).toBeDefined();
    expect(def.where).toBe(def.random ? 'graph' : 'both');
  });

  it('builds its example in exactly the inferred shapes, without leaking tensors', () => {
    const params = def.params.parse(def.example?.params ?? {});
    const settings: GraphSettingsView = { ...testSettings, ...def.example?.settings };
    const inputs: Record<string, Signal> = def.example?.inputs ?? {};
    const inferred = def.infer({ params, inputs, settings, name: 'Example' });
    if (isProblem(inferred)) throw new Error(`example gives a problem: ${inferred.code}`);
    const values = Object.fromEntries(
      Object.entries(inputs).map(([k, s], i) => [k, tf.tensor(randomValues(s.shape.reduce((a, b) => a * b, 1), 60 + i), s.shape)]),
    );
    const before = tf.memory().numTensors;
    const rng = createRng(1);
    const shapes = tf.tidy(() => {
      const ctx: BuildCtx<unknown> = {
        params,
        inputs,
        outputs: inferred,
        settings,
        training: true,
        weight: () => {
          throw new Error('no weights');
        },
        assign: () => {
          throw new Error('no weights');
        },
        rng: () => rng,
        asset: () => undefined,
      };
      const out = def.build!(ctx, values);
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, (v as tf.Tensor).shape]));
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(values));
    expect(shapes).toEqual(Object.fromEntries(Object.entries(inferred).map(([k, s]) => [k, s.shape])));
    if (def.random) expect(rng.drawn).toBeGreaterThan(0);
    else expect(rng.drawn).toBe(0);
  });
});
