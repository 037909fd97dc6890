import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { image, tensor } from '../shape';
import { expectClose, inferNode, randomValues } from '../testing';
import { centralDifferences, lossValue } from './testing';
import { totalVariation, tv } from './tv';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** WORKLOADS.md B.4, with explicit loops over NHWC indices. */
function tvReference(x: number[], shape: number[]): number {
  const [B, H, W, C] = shape as [number, number, number, number];
  const at = (b: number, i: number, j: number, c: number) => x[((b * H + i) * W + j) * C + c]!;
  let down = 0;
  let right = 0;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < H; i++)
      for (let j = 0; j < W; j++)
        for (let c = 0; c < C; c++) {
          if (i + 1 < H) down += Math.abs(at(b, i + 1, j, c) - at(b, i, j, c));
          if (j + 1 < W) right += Math.abs(at(b, i, j + 1, c) - at(b, i, j, c));
        }
  return down / (B * (H - 1) * W * C) + right / (B * H * (W - 1) * C);
}

describe('total variation', () => {
  it('matches plain loops, each direction a mean over its own pairs', () => {
    const shape = [2, 3, 5, 2]; // H ≠ W, so swapped axes or a shared denominator would show
    const x = randomValues(60, 5);
    expectClose(lossValue(tv, {}, { in: tf.tensor(x, shape) }), tvReference(x, shape));
  });

  it('is zero on a constant image and grows with a vertical edge', () => {
    expect(lossValue(tv, {}, { in: tf.fill([1, 4, 4, 1], 0.3) })).toBeCloseTo(0, 7);
    // a step of 1 between rows 1 and 2: 4 of the 12 vertical pairs differ by 1
    const edge = tf.tensor([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], [1, 4, 4, 1]);
    expectClose(lossValue(tv, {}, { in: edge }), 4 / 12);
  });

  it('has the gradient of the loop formula', () => {
    const shape = [1, 3, 3, 1];
    const x = [0.1, -0.4, 0.9, 0.3, 0.2, -0.7, 0.5, 0.8, -0.1];
    const g = tf.tidy(() => tf.grad((t: tf.Tensor) => totalVariation(t as tf.Tensor4D))(tf.tensor(x, shape)));
    const fd = centralDifferences((v) => tvReference(v, shape), x, 1e-6);
    expectClose(g.dataSync(), fd, 1e-4, 1e-6);
    g.dispose();
  });

  it('needs at least 2×2 pixels', () => {
    expect(inferNode(tv, {}, { in: image([1, 1, 8, 3], '[0,1]') })).toMatchObject({ code: 'tooSmall', port: 'in' });
    expect(inferNode(tv, {}, { in: tensor([1, 2, 2, 3]) })).toHaveProperty('loss');
  });
});
