/**
 * Under a gradient tape, blocks compute only the gradients that flow: a network no optimizer in
 * this update trains gets no weight gradients, and a first layer fed by data no input gradient.
 * Counted in the kernels tfjs runs for one iteration of the tiny pix2pix (every conv with a bias).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyPix2pix, planOf } from '../graph/fixtures';
import { registry } from '../nodes/registry';
import { Run } from './run';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function kernelsOfOneIteration(): Promise<string[]> {
  const run = new Run(planOf(tinyPix2pix()), registry, new Map());
  run.iterate(false); // the optimizers' slots are made in the first
  const info = await tf.profile(() => {
    tf.dispose(Object.values(run.iterate(false)));
  });
  run.dispose();
  return info.kernels.map((k) => k.name);
}

describe('the gradients a training pass computes', () => {
  it('are those of trained weights and of inputs behind which something trains', async () => {
    const names = await kernelsOfOneIteration();
    const count = (k: string) => names.filter((n) => n === k).length;
    // D's update: D's conv on (x, y) and on (x, G(x)), G a constant there: weight gradients only.
    // G's update: G.c1 (fed by data) its weights only, G.c2 both; D's conv, not trained, its input only.
    expect(count('Conv2DBackpropFilter')).toBe(2 + 2);
    expect(count('Conv2DBackpropInput')).toBe(0 + 2);
    // Fused where no tape records (G, a constant to D's update) or where both gradients flow (G.c2).
    expect(count('FusedConv2D')).toBe(2 + 1);
    expect(count('Conv2D')).toBe(2 + 2);
  });
});
