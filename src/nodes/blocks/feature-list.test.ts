import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureList } from './feature-list';
import { tensor as t } from '../shape';
import { inferNode, portsOf, runNode, uniform } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('feature-list', () => {
  it('gives the input tensors in port order, as layers f1..fN', () => {
    tf.tidy(() => {
      const f1 = uniform([2, 8, 8, 4], 111);
      const f2 = uniform([2, 4, 4, 8], 112);
      const r = runNode(featureList, { params: { count: 2 }, inputs: { f1, f2 } });
      const out = r.outputs.out as tf.Tensor[];
      expect(out).toHaveLength(2);
      expect(out[0]).toBe(f1);
      expect(out[1]).toBe(f2);
      expect(r.signals.out).toEqual({
        type: 'features',
        shape: [],
        layers: [
          { name: 'f1', shape: [2, 8, 8, 4] },
          { name: 'f2', shape: [2, 4, 4, 8] },
        ],
      });
    });
  });

  it('has ports f1..fN and names the port of a problem', () => {
    const ports = portsOf(featureList, { count: 3 });
    expect(ports.map((p) => p.name)).toEqual(['f1', 'f2', 'f3']);
    expect(inferNode(featureList, { count: 2 }, { f1: t([2, 8, 8, 4]) })).toMatchObject({ code: 'missingInput', port: 'f2' });
    expect(inferNode(featureList, { count: 2 }, { f1: t([2, 8, 8, 4]), f2: t([3, 4, 4, 8]) })).toMatchObject({
      code: 'batchMismatch',
      port: 'f2',
    });
    expect(inferNode(featureList, { count: 1 }, { f1: { type: 'vector', shape: [2, 5] } })).toMatchObject({ code: 'rankMismatch', port: 'f1' });
  });
});
