import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { add } from './add';
import { concat } from './concat';
import { at } from './reference';
import { expectNear, inferNode, portsOf, runNode, uniform, valuesOf } from '../testing';
import { toArr4 } from './testing';
import { tensor as t } from '../shape';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('concat', () => {
  it('stacks channels in port order', () => {
    tf.tidy(() => {
      const a = uniform([2, 2, 3, 2], 91);
      const b = uniform([2, 2, 3, 1], 92);
      const c = uniform([2, 2, 3, 3], 93);
      const r = runNode(concat, { params: { count: 3 }, inputs: { in1: a, in2: b, in3: c } });
      const y = toArr4(r.outputs.out);
      expect(y.shape).toEqual([2, 2, 3, 6]);
      const [A, B, C] = [toArr4(a), toArr4(b), toArr4(c)];
      for (let n = 0; n < 2; n++)
        for (let h = 0; h < 2; h++)
          for (let w = 0; w < 3; w++) {
            const want = [at(A, n, h, w, 0), at(A, n, h, w, 1), at(B, n, h, w, 0), at(C, n, h, w, 0), at(C, n, h, w, 1), at(C, n, h, w, 2)];
            expect([0, 1, 2, 3, 4, 5].map((k) => at(y, n, h, w, k))).toEqual(want);
          }
    });
  });

  it('repeats a batch of 1 over the batch', () => {
    tf.tidy(() => {
      const a = uniform([3, 2, 2, 1], 94);
      const style = uniform([1, 2, 2, 1], 95);
      const r = runNode(concat, { inputs: { in1: a, in2: style } });
      const y = toArr4(r.outputs.out);
      expect(y.shape).toEqual([3, 2, 2, 2]);
      for (let n = 0; n < 3; n++) expect(at(y, n, 1, 0, 1)).toBe(at(toArr4(style), 0, 1, 0, 0));
    });
  });

  it('has ports in1..inN', () => {
    const ports = portsOf(concat, { count: 4 });
    expect(ports.map((p) => p.name)).toEqual(['in1', 'in2', 'in3', 'in4']);
  });

  it('names the port whose size or batch does not fit', () => {
    expect(inferNode(concat, { count: 3 }, { in1: t([2, 8, 8, 4]), in2: t([2, 8, 8, 2]), in3: t([2, 4, 8, 2]) }, { name: 'Block' })).toEqual({
      problem: true,
      code: 'sizeMismatch',
      args: { node: 'Block', what: 'height and width', a: '8×8', b: '4×8' },
      port: 'in3',
    });
    expect(inferNode(concat, {}, { in1: t([2, 8, 8, 4]), in2: t([3, 8, 8, 2]) })).toMatchObject({
      code: 'batchMismatch',
      args: { a: 2, b: 3 },
      port: 'in2',
    });
    expect(inferNode(concat, {}, { in1: t([2, 8, 8, 4]) })).toMatchObject({ code: 'missingInput', port: 'in2' });
    expect(inferNode(concat, {}, { in1: t([1, 8, 8, 4]), in2: t([5, 8, 8, 2]) })).toEqual({ out: t([5, 8, 8, 6]) });
  });
});

describe('add', () => {
  it('sums element by element, broadcasting a batch of 1', () => {
    tf.tidy(() => {
      const a = uniform([2, 2, 2, 3], 96);
      const b = uniform([1, 2, 2, 3], 97);
      const c = uniform([2, 2, 2, 3], 98);
      const r = runNode(add, { params: { count: 3 }, inputs: { in1: a, in2: b, in3: c } });
      const [av, bv, cv] = [valuesOf(a), valuesOf(b), valuesOf(c)];
      expectNear(valuesOf(r.outputs.out), av.map((v, i) => v + bv[i % 12]! + cv[i]!), 1e-6);
      expect(r.signals.out).toEqual(t([2, 2, 2, 3]));
    });
  });

  it('adds vectors as vectors', () => {
    expect(inferNode(add, {}, { in1: { type: 'vector', shape: [4, 3] }, in2: { type: 'vector', shape: [4, 3] } })).toEqual({
      out: { type: 'vector', shape: [4, 3] },
    });
  });

  it('names the port whose shape or batch does not fit', () => {
    expect(inferNode(add, {}, { in1: t([2, 8, 8, 4]), in2: t([2, 8, 8, 2]) }, { name: 'Block' })).toEqual({
      problem: true,
      code: 'sizeMismatch',
      args: { node: 'Block', what: 'shape', a: '8×8×4', b: '8×8×2' },
      port: 'in2',
    });
    expect(inferNode(add, { count: 3 }, { in1: t([2, 8, 8, 4]), in2: t([2, 8, 8, 4]), in3: t([4, 8, 8, 4]) })).toMatchObject({
      code: 'batchMismatch',
      port: 'in3',
    });
    expect(inferNode(add, {}, { in1: t([2, 8, 8, 4]), in2: { type: 'vector', shape: [2, 256] } })).toMatchObject({
      code: 'sizeMismatch',
      port: 'in2',
    });
  });
});
