import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortSpec, Signal } from '../types';
import { isProblem } from '../types';
import { trainableImage, trainableImageStart } from './trainable-image';
import { buildSource, testSettings, values } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function infer(params: Record<string, unknown>, init?: Signal) {
  return trainableImage.infer({
    params: trainableImage.params.parse(params),
    inputs: init ? { init } : {},
    settings: testSettings,
    name: 'Canvas',
  });
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
    const ports = trainableImage.inputs as (p: unknown, env: unknown) => PortSpec[];
    expect(ports(trainableImage.params.parse({ range: '[-1,1]' }), {})[0]!.ranges).toEqual(['[-1,1]']);
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
    const r = buildSource(trainableImage, { params: { size: 2, channels: 1 }, weights: { pixels } });
    expect(Array.from(values(r.outputs.out))).toEqual(Array.from(pixels.dataSync()));
    expect(r.outputs.out).not.toBe(pixels);
    tf.dispose(Object.values(r.outputs));
    expect(pixels.isDisposed).toBe(false);
    const g = tf.grad((x: tf.Tensor) => {
      const out = trainableImage.build!({ ...fakeCtx(x) }, {}).out as tf.Tensor;
      return out.mul(3).sum();
    })(pixels);
    expect(Array.from(g.dataSync())).toEqual([3, 3, 3, 3]);
    tf.dispose([g, pixels]);
  });
});

/** Just enough of a BuildCtx for the gradient check above. */
function fakeCtx(x: tf.Tensor) {
  const params = trainableImage.params.parse({ size: 2, channels: 1 });
  return {
    params,
    inputs: {},
    outputs: {},
    settings: testSettings,
    training: true,
    weight: () => x,
    assign: () => undefined,
    rng: () => {
      throw new Error('not random');
    },
    asset: () => undefined,
  };
}
