import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelImages, wireStats } from './taps';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('wireStats', () => {
  it('gives the mean, std, min, max and a histogram that counts every value', async () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const t = tf.tensor(values, [2, 6]);
    const [s] = await wireStats(t, 4);
    t.dispose();
    const mean = values.reduce((a, b) => a + b) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(s!.shape).toEqual([2, 6]);
    expect(s!.mean).toBeCloseTo(mean, 5);
    expect(s!.std).toBeCloseTo(std, 4);
    expect([s!.min, s!.max]).toEqual([0, 11]);
    // Bins of width 11/4: [0,2.75) [2.75,5.5) [5.5,8.25) [8.25,11], the maximum in the last.
    expect(s!.histogram).toEqual([3, 3, 3, 3]);
  });
});

describe('channelImages', () => {
  it('draws the first channels of the first sample, each scaled from its own min to max', async () => {
    // 2 samples of 1×2 pixels with 3 channels; channel k of pixel j of sample 0 is 10k + j.
    const data = [0, 10, 20, 1, 12, 24, 99, 99, 99, 99, 99, 99];
    const t = tf.tensor4d(data, [2, 1, 2, 3]);
    const imgs = await channelImages(t, 2);
    t.dispose();
    expect(imgs).toHaveLength(2);
    for (const img of imgs) {
      expect([img.width, img.height]).toEqual([2, 1]);
      // Pixel 0 is each channel's minimum (black), pixel 1 its maximum (white), opaque grey.
      expect(Array.from(img.pixels)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    }
  });

  it('draws nothing for a value that is not a map', async () => {
    const t = tf.zeros([2, 5]);
    expect(await channelImages(t, 4)).toEqual([]);
    t.dispose();
  });
});
