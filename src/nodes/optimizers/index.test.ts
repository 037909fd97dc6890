/**
 * What every optimizer kind keeps beyond tests/registry-contract.test.ts: described params, an
 * example on its own ports, and a working tfjs optimizer.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectDescribed, expectExampleOnPorts } from '../testing';
import { optimizers } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(optimizers.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  it('describes every field, under a kebab-case kind', () => expectDescribed(def));

  it('has an example on its own ports that infers exactly its declared outputs, and a summary', () => expectExampleOnPorts(def));

  it('makes a tfjs optimizer', () => {
    const opt = def.makeOptimizer!(def.params.parse(def.example?.params ?? {}), 0.01);
    expect(typeof opt.applyGradients).toBe('function');
    opt.dispose();
  });
});
