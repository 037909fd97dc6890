import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSet, type ImageAsset } from './image-set';
import { runNode, valuesOf } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A w×h RGBA image whose pixel (x, y) is given by `f`. */
function picture(w: number, h: number, f: (x: number, y: number) => [number, number, number]): ImageAsset {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      data.set([...f(x, y), 255], (y * w + x) * 4);
    }
  return { width: w, height: h, data };
}

const gradient = picture(10, 6, (x, y) => [x * 20 + y, y * 30 + 5, (x + y) * 7]);

function shoot(params: Record<string, unknown>, assets: Record<string, unknown>, seed = 1) {
  const r = runNode(imageSet, { seed, params, assets: (name) => assets[name] });
  const out = valuesOf(r.outputs.out);
  tf.dispose(Object.values(r.outputs));
  return { out, rng: r.rng, signals: r.signals };
}

describe('image-set', () => {
  it('crops the centred square (no resize when the sizes agree)', () => {
    const { out } = shoot({ images: ['g'], size: 6, batch: 1, range: '[0,1]' }, { 'image:g': gradient });
    const want: number[] = [];
    for (let y = 0; y < 6; y++) for (let x = 2; x < 8; x++) want.push(x * 20 + y, y * 30 + 5, (x + y) * 7);
    want.forEach((w, k) => expect(out[k]).toBeCloseTo(w / 255, 6));
  });

  it('halving the size averages 2×2 blocks (bilinear with half-pixel centres), mapped to [-1,1]', () => {
    const { out } = shoot({ images: ['g'], size: 3, batch: 1 }, { 'image:g': gradient });
    const px = (x: number, y: number, c: number) => gradient.data[(y * 10 + x) * 4 + c]!;
    let k = 0;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        for (let c = 0; c < 3; c++) {
          const x = 2 + 2 * j;
          const y = 2 * i;
          const mean = (px(x, y, c) + px(x + 1, y, c) + px(x, y + 1, c) + px(x + 1, y + 1, c)) / 4;
          expect(out[k++]).toBeCloseTo((mean / 255) * 2 - 1, 5);
        }
  });

  it('other sizes agree with tf.image.resizeBilinear on the crop', () => {
    const { out } = shoot({ images: ['g'], size: 5, batch: 1, range: '[0,1]' }, { 'image:g': gradient });
    const want = tf.tidy(() => {
      const rgba = tf.tensor3d(Float32Array.from(gradient.data), [6, 10, 4]);
      const crop = rgba.slice([0, 2, 0], [6, 6, 3]).expandDims(0) as tf.Tensor4D;
      return tf.image.resizeBilinear(crop, [5, 5], false, true).div(255).dataSync();
    });
    for (let k = 0; k < want.length; k++) expect(out[k]).toBeCloseTo(want[k]!, 5);
  });

  it('paired files give their left or right half, each cropped square', () => {
    const pair = picture(8, 3, (x, y) => [x * 30, y * 60, 100]);
    const expectHalf = (half: 'left' | 'right', x0: number) => {
      const { out } = shoot({ images: ['p'], size: 3, batch: 1, paired: half, range: '[0,1]' }, { 'image:p': pair });
      let k = 0;
      for (let y = 0; y < 3; y++)
        for (let x = x0; x < x0 + 3; x++) {
          expect(out[k++]).toBeCloseTo((x * 30) / 255, 6);
          expect(out[k++]).toBeCloseTo((y * 60) / 255, 6);
          expect(out[k++]).toBeCloseTo(100 / 255, 6);
        }
    };
    expectHalf('left', 0);
    expectHalf('right', 4);
  });

  it('random order picks a random image per sample; sequential takes them in order', () => {
    const assets = {
      'image:a': picture(4, 4, () => [0, 0, 0]),
      'image:b': picture(4, 4, () => [255, 255, 255]),
    };
    const firsts = (out: number[], b: number) => Array.from({ length: b }, (_, n) => out[n * 4 * 4 * 3]);
    const random = shoot({ images: ['a', 'b'], size: 4, batch: 32 }, assets, 8);
    expect(random.rng.drawn).toBe(32);
    expect(new Set(firsts(random.out, 32))).toEqual(new Set([-1, 1]));
    const seq = shoot({ images: ['a', 'b'], size: 4, batch: 5, order: 'sequential' }, assets);
    expect(firsts(seq.out, 5)).toEqual([-1, 1, -1, 1, -1]);
    expect(seq.rng.drawn).toBe(0);
  });

  it('with no images, or images that could not be loaded, gives a mid-grey batch of the right shape', () => {
    const none = shoot({ size: 4, batch: 2 }, {});
    expect(none.signals.out!.shape).toEqual([2, 4, 4, 3]);
    expect(none.out.length).toBe(96);
    expect(none.out.every((v) => v === 0)).toBe(true);
    const missing = shoot({ images: ['gone'], size: 4, batch: 2, range: '[0,1]' }, { 'image:gone': { width: 3 } });
    expect(missing.out.every((v) => v === 0.5)).toBe(true);
  });

  it('declares one asset per image; static when sequential or empty', () => {
    const p = imageSet.params.parse({ images: ['x', 'y'] });
    expect(imageSet.assets!(p)).toEqual(['image:x', 'image:y']);
    expect(imageSet.isStatic!(p)).toBe(false);
    expect(imageSet.isStatic!({ ...p, order: 'sequential' })).toBe(true);
    expect(imageSet.isStatic!(imageSet.params.parse({}))).toBe(true);
  });
});
