import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyNodeDef, Signal } from '../types';
import { isProblem } from '../types';
import { decodeDigits } from './data/digits-format';
import { sources } from './index';
import { buildSource, testSettings } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const assets = { digits: decodeDigits(gunzipSync(readFileSync(new URL('./data/digits.bin.gz', import.meta.url)))) };

describe.each(sources.map((d) => [d.kind, d] as [string, AnyNodeDef]))('%s', (_kind, def) => {
  it('is a graph source whose params all default', () => {
    expect(def.category).toBe('source');
    expect(def.where).toBe('graph');
    expect(() => def.params.parse({})).not.toThrow();
    expect(def.example).toBeDefined();
    expect(typeof def.isStatic).toBe('function');
  });

  it('builds exactly the shapes it infers, in its range, without leaking tensors', () => {
    const params = def.params.parse(def.example?.params ?? {});
    const settings = { ...testSettings, ...def.example?.settings };
    const signals = def.infer({ params, inputs: {}, settings, name: 'Source' });
    if (isProblem(signals)) throw new Error(signals.code);
    const specs = def.weights ? def.weights(params, {}, signals) : [];
    const weights = Object.fromEntries(specs.map((s) => [s.name, tf.fill(s.shape, 0.5)]));
    const before = tf.memory().numTensors;
    const outputs = tf.tidy(() => buildSource(def, { params, settings, assets, weights }).outputs as Record<string, tf.Tensor>);
    expect(Object.keys(outputs).sort()).toEqual(Object.keys(signals).sort());
    for (const [port, sig] of Object.entries(signals) as [string, Signal][]) {
      const t = outputs[port]!;
      expect(t.shape).toEqual(sig.shape);
      expect(t.dtype).toBe('float32');
      const v = t.dataSync();
      const lo = sig.range === '[0,1]' ? 0 : -1;
      if (sig.type === 'image' && sig.range !== 'unbounded')
        for (const x of v) expect(x >= lo && x <= 1).toBe(true);
    }
    tf.dispose(Object.values(outputs));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(weights));
  });
});
