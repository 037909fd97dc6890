import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { avgPool } from './avg-pool';
import { at } from './reference';
import { expectNear, inferNode, runNode, uniform, valuesOf } from '../testing';
import { toArr4 } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Averages each window over the pixels it covers inside the image (TF excludes padding). */
function poolRef(x: ReturnType<typeof toArr4>, k: number, s: number, before: number, ho: number, wo: number): number[] {
  const [B, H, W, C] = x.shape;
  const out: number[] = [];
  for (let b = 0; b < B; b++)
    for (let i = 0; i < ho; i++)
      for (let j = 0; j < wo; j++)
        for (let c = 0; c < C; c++) {
          let sum = 0;
          let n = 0;
          for (let a = 0; a < k; a++)
            for (let e = 0; e < k; e++) {
              const h = i * s + a - before;
              const w = j * s + e - before;
              if (h < 0 || h >= H || w < 0 || w >= W) continue;
              sum += at(x, b, h, w, c);
              n++;
            }
          out.push(sum / n);
        }
  return out;
}

describe('avg-pool', () => {
  it.each([
    ['2×2 valid, stride = size', { size: 2 }, 6, 0, 3],
    ['3×3 stride 2 valid on 7', { size: 3, stride: 2 }, 7, 0, 3],
    ['3×3 stride 2 same on 6 (pad 0/1)', { size: 3, stride: 2, padding: 'same' }, 6, 0, 3],
    ['3×3 stride 1 same on 5 (pad 1/1)', { size: 3, stride: 1, padding: 'same' }, 5, 1, 5],
  ] as const)('%s matches a loop', (_n, params, n, before, out) => {
    tf.tidy(() => {
      const x = uniform([2, n, n, 2], 81);
      const r = runNode(avgPool, { params, inputs: { in: x } });
      expect(toArr4(r.outputs.out).shape).toEqual([2, out, out, 2]);
      const k = params.size;
      const s = 'stride' in params ? params.stride : k;
      expectNear(valuesOf(r.outputs.out), poolRef(toArr4(x), k, s, before, out, out), 1e-5);
    });
  });

  it('reports an input smaller than the window', () => {
    expect(inferNode(avgPool, { size: 4 }, { in: { type: 'tensor', shape: [1, 3, 8, 2] } })).toMatchObject({
      code: 'tooSmall',
      port: 'in',
    });
  });
});
