import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { flatten } from './flatten';
import { reshape } from './reshape';
import { inferNode, portsOf, runNode, valuesOf } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// x[b,h,w,c] = 1000b + 100h + 10w + c, so every value says where it came from.
function labelled(B: number, H: number, W: number, C: number): tf.Tensor {
  const v: number[] = [];
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) v.push(1000 * b + 100 * h + 10 * w + c);
  return tf.tensor(v, [B, H, W, C]);
}

describe('flatten', () => {
  it('reads NHWC order: index = ((h·W)+w)·C + c', () => {
    tf.tidy(() => {
      const r = runNode(flatten, { inputs: { in: labelled(2, 3, 2, 4) } });
      expect((r.outputs.out as tf.Tensor).shape).toEqual([2, 24]);
      const got = valuesOf(r.outputs.out);
      for (let b = 0; b < 2; b++)
        for (let h = 0; h < 3; h++)
          for (let w = 0; w < 2; w++)
            for (let c = 0; c < 4; c++) expect(got[b * 24 + (h * 2 + w) * 4 + c]).toBe(1000 * b + 100 * h + 10 * w + c);
    });
  });

  it('infers a vector and needs a map', () => {
    expect(inferNode(flatten, {}, { in: { type: 'image', shape: [2, 7, 7, 3], range: '[-1,1]' } })).toEqual({
      out: { type: 'vector', shape: [2, 147] },
    });
    expect(inferNode(flatten, {}, { in: { type: 'vector', shape: [2, 7] } })).toMatchObject({ code: 'rankMismatch', port: 'in' });
  });
});

describe('reshape', () => {
  it('lays a vector out as H×W×C in NHWC order and back', () => {
    tf.tidy(() => {
      const x = tf.tensor(Array.from({ length: 48 }, (_, i) => i), [2, 24]);
      const r = runNode(reshape, { params: { shape: [3, 2, 4] }, inputs: { in: x } });
      const y = r.outputs.out as tf.Tensor;
      expect(y.shape).toEqual([2, 3, 2, 4]);
      expect(r.signals.out).toEqual({ type: 'tensor', shape: [2, 3, 2, 4] });
      const got = valuesOf(y);
      // element [b,h,w,c] is the vector's value b·24 + (h·2 + w)·4 + c
      expect(got[1 * 24 + (2 * 2 + 1) * 4 + 3]).toBe(24 + 23);
      const back = runNode(reshape, { params: { shape: [24] }, inputs: { in: y } });
      expect(back.signals.out).toEqual({ type: 'vector', shape: [2, 24] });
      expect(valuesOf(back.outputs.out)).toEqual(valuesOf(x));
    });
  });

  it('reports a count that differs, and a 2-number shape', () => {
    const v = { in: { type: 'vector' as const, shape: [64, 6272] } };
    expect(inferNode(reshape, { shape: [7, 7, 128] }, v)).toEqual({ out: { type: 'tensor', shape: [64, 7, 7, 128] } });
    expect(inferNode(reshape, { shape: [7, 7, 64] }, v)).toMatchObject({
      code: 'badReshape',
      args: { from: '6272', to: '7×7×64' },
      port: 'in',
    });
    expect(inferNode(reshape, { shape: [49, 128] }, v)).toMatchObject({ code: 'reshapeRank' });
    expect(inferNode(reshape, {}, { in: { type: 'scalar', shape: [] } })).toMatchObject({ code: 'rankMismatch' });
  });

  it('types its output port by the target shape', () => {
    const ports = (p: unknown) => portsOf(reshape, p, 'outputs');
    expect(ports(reshape.params.parse({ shape: [10] }))[0]!.type).toBe('vector');
    expect(ports(reshape.params.parse({}))[0]!.type).toBe('tensor');
  });
});
