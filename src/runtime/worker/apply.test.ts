import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../graph/compile';
import { tinyPix2pix } from '../../graph/fixtures';
import { Trainer } from '../trainer';
import { applyNetwork } from './apply';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function trained() {
  const t = await Trainer.create(compile(tinyPix2pix()).plan!);
  await t.train(2);
  return t;
}

describe('applyNetwork', () => {
  it("runs the generator on a picture's centred square at its own size, mapped from its range", async () => {
    const t = await trained();
    const size = t.plan.networks.find((n) => n.id === 'gen')!.steps.find((s) => s.id === 'in')!.outputs.out!.shape[1]!;
    // A wide picture: the centred square is red, the sides green; only red reaches the network.
    const w = size * 2;
    const data = new Uint8ClampedArray(w * size * 4);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < w; x++) data.set(x >= size / 2 && x < size * 1.5 ? [255, 0, 0, 255] : [0, 255, 0, 255], (y * w + x) * 4);
    const r = await applyNetwork(t, 'gen', { width: w, height: size, data });
    if (!r.ok) throw new Error(r.message);

    // Independently: red in [-1,1] is (1,−1,−1); the output in [-1,1] maps to 0…255.
    const input = tf.tensor4d(Array.from({ length: size * size }, () => [1, -1, -1]).flat(), [1, size, size, 3]);
    const out = t.apply('gen', { in: input }).out as tf.Tensor;
    const v = await out.data();
    tf.dispose([input, out]);
    const expected = new Uint8ClampedArray(size * size * 4);
    for (let i = 0; i < size * size; i++) {
      for (let c = 0; c < 3; c++) expected[i * 4 + c] = Math.round(Math.min(1, Math.max(0, (v[i * 3 + c]! + 1) / 2)) * 255);
      expected[i * 4 + 3] = 255;
    }
    expect([r.image.width, r.image.height]).toEqual([size, size]);
    const diff = Math.max(...Array.from(r.image.pixels, (p, i) => Math.abs(p - expected[i]!)));
    expect(diff).toBeLessThanOrEqual(1);
    t.dispose();
  });

  it('leaves no tensor behind, and refuses a network with two inputs', async () => {
    const t = await trained();
    const before = tf.memory().numTensors;
    const pic = { width: 3, height: 3, data: new Uint8ClampedArray(36).fill(128) };
    expect((await applyNetwork(t, 'gen', pic)).ok).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    const two = await applyNetwork(t, 'disc', pic);
    expect(two.ok === false && two.message).toMatch(/one square image; .* takes “condition”, “image”/);
    expect((await applyNetwork(t, 'nope', pic)).ok).toBe(false);
    t.dispose();
  });
});
