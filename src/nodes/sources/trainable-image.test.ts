import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferNode, portsOf, runNode, valuesOf } from '../testing';
import { isProblem, type Signal } from '../types';
import { trainableImage, trainableImageStart } from './trainable-image';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function infer(params: Record<string, unknown>, init?: Signal) {
  return inferNode(trainableImage, params, init ? { init } : {});
}
const photo = (h: number, w: number, c = 3): Signal => ({ type: 'image', shape: [2, h, w, c], range: '[0,1]' });

describe('trainable-image', () => {
  it('is one image of the set size, or the graph size', () => {
    expect(infer({ size: 16 })).toEqual({ out: { type: 'image', shape: [1, 16, 16, 3], range: '[0,1]' } });
    expect(infer({ channels: 1, range: '[-1,1]' })).toEqual({
      out: { type: 'image', shape: [1, 8, 8, 1], range: '[-1,1]' },
    });
  });

  it('copying an input takes its height and width, and checks it fits', () => {
    expect(infer({ init: 'input' }, photo(10, 12))).toEqual({
      out: { type: 'image', shape: [1, 10, 12, 3], range: '[0,1]' },
    });
    const missing = infer({ init: 'input' });
    expect(isProblem(missing) && missing.code).toBe('missingInput');
    const grey = infer({ init: 'input' }, photo(10, 12, 1));
    expect(isProblem(grey) && grey.code).toBe('channelsMismatch');
    const other = infer({ init: 'input', size: 16 }, photo(10, 12));
    expect(isProblem(other) && other.code).toBe('sizeMismatch');
  });

  it('the init port only accepts images in its own range', () => {
    expect(portsOf(trainableImage, { range: '[-1,1]' })[0]!.ranges).toEqual(['[-1,1]']);
  });

  it('declares its pixels as one trainable weight, noise around mid-range or a constant', () => {
    const noise = trainableImage.params.parse({ size: 4 });
    const out = (shape: number[]): Record<string, Signal> => ({ out: { type: 'image', shape, range: '[0,1]' } });
    expect(trainableImage.weights!(noise, {}, out([1, 4, 4, 3]))).toEqual([
      { name: 'pixels', shape: [1, 4, 4, 3], init: 'normal', std: 0.1, trainable: true },
    ]);
    expect(trainableImageStart(noise)).toEqual({ offset: 0.5, copyInput: false });
    const gray = trainableImage.params.parse({ init: 'gray', range: '[-1,1]' });
    expect(trainableImage.weights!(gray, { init: photo(6, 5) }, out([1, 6, 5, 3]))).toEqual([
      { name: 'pixels', shape: [1, 6, 5, 3], init: 'zeros', trainable: true },
    ]);
    expect(trainableImageStart(gray)).toEqual({ offset: 0, copyInput: false });
    expect(trainableImageStart(trainableImage.params.parse({ init: 'input' }))).toEqual({ offset: 0, copyInput: true });
  });

  it('gives its pixels as they are, as a tensor of its own', () => {
    const pixels = tf.variable(tf.tensor4d([0.1, 0.2, 0.3, 0.4], [1, 2, 2, 1]));
    const r = runNode(trainableImage, { params: { size: 2, channels: 1 }, weights: { pixels } });
    expect(valuesOf(r.outputs.out)).toEqual(Array.from(pixels.dataSync()));
    expect(r.outputs.out).not.toBe(pixels);
    tf.dispose(Object.values(r.outputs));
    expect(pixels.isDisposed).toBe(false);
    const g = tf.grad((x: tf.Tensor) => {
      const out = runNode(trainableImage, { params: { size: 2, channels: 1 }, weights: { pixels: x } }).outputs.out as tf.Tensor;
      return out.mul(3).sum();
    })(pixels);
    expect(Array.from(g.dataSync())).toEqual([3, 3, 3, 3]);
    tf.dispose([g, pixels]);
  });
});
