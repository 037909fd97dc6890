import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { say } from '../messages';
import { inferNode, portsOf, runNode } from '../testing';
import { isProblem, type InferResult, type Signal } from '../types';
import { modelFeatures, prepare, type FeatureModel, type ModelFeaturesParams } from './model-features';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const vggLike = [
  { name: 'block1_conv2', stride: 1, channels: 64, round: 'ceil' as const },
  { name: 'block3_pool', stride: 8, channels: 256, round: 'floor' as const },
  { name: 'block4_conv1', stride: 4, channels: 512, round: 'ceil' as const },
];
const settings = { imageSize: 64, batchSize: 2, seed: 1 };

function params(over: Partial<ModelFeaturesParams> = {}): ModelFeaturesParams {
  return modelFeatures.params.parse({ model: 'vgg', layers: vggLike, ...over });
}
function infer(p: ModelFeaturesParams, input?: Signal): InferResult {
  return inferNode(modelFeatures, p, input ? { in: input } : {}, { name: 'Loss net', settings });
}
const img = (shape: number[], range: Signal['range'] = '[0,1]'): Signal => ({ type: 'image', shape, range });

describe('model-features: shape rule', () => {
  it('gives one map per recorded layer, rounding each as recorded', () => {
    const r = infer(params(), img([2, 67, 45, 3]));
    expect(isProblem(r)).toBe(false);
    expect((r as Record<string, Signal>).out).toEqual({
      type: 'features',
      shape: [],
      layers: [
        { name: 'block1_conv2', shape: [2, 67, 45, 64] },
        { name: 'block3_pool', shape: [2, 8, 5, 256] }, // floor(67/8), floor(45/8)
        { name: 'block4_conv1', shape: [2, 17, 12, 512] }, // ceil(67/4), ceil(45/4)
      ],
    });
  });

  it.each([
    ['no model loaded', params({ model: '' }), img([2, 64, 64, 3]), 'featureModel', 'missing'],
    ['no layer chosen', params({ layers: [] }), img([2, 64, 64, 3]), 'featureModel', 'noLayers'],
    ['a fixed-size model fed another size', params({ inputSize: 224 }), img([2, 64, 64, 3]), 'featureModel', 'size'],
    ['images smaller than a floor stride', params(), img([2, 7, 64, 3]), 'featureModel', 'small'],
    ['grey images into caffe-vgg', params(), img([2, 64, 64, 1]), 'channelsMismatch', undefined],
    ['RGB into a one-channel model', params({ preprocess: 'none', inputChannels: 1 }), img([2, 64, 64, 3]), 'channelsMismatch', undefined],
    ['nothing wired', params(), undefined, 'missingInput', undefined],
  ])('refuses %s with a catalogue sentence', (_what, p, input, code, issue) => {
    const r = infer(p, input);
    if (!isProblem(r)) throw new Error('expected a problem');
    expect(r.code).toBe(code);
    if (issue) expect((r.args as { issue: string }).issue).toBe(issue);
    expect(say(r.code, r.args)).toMatch(/^Loss net/);
  });

  it('accepts the size a fixed-size model takes', () => {
    expect(isProblem(infer(params({ inputSize: 224 }), img([1, 224, 224, 3])))).toBe(false);
  });

  it('takes only the image range its input range implies, so a mismatch offers Rescale', () => {
    const ranges = (inputRange: ModelFeaturesParams['inputRange']) =>
      portsOf(modelFeatures, params({ inputRange }))[0]!.ranges;
    expect(ranges('[0,255]')).toEqual(['[0,1]']);
    expect(ranges('[0,1]')).toEqual(['[0,1]']);
    expect(ranges('[-1,1]')).toEqual(['[-1,1]']);
  });

  it('names the model as an asset only once one is loaded', () => {
    expect(modelFeatures.assets!(params())).toEqual(['model:vgg']);
    expect(modelFeatures.assets!(params({ model: '' }))).toEqual([]);
  });

  it('parses from nothing, and its example parses', () => {
    expect(modelFeatures.params.parse({})).toMatchObject({ model: '', layers: [], inputRange: '[0,255]', preprocess: 'caffe-vgg' });
    expect(() => modelFeatures.params.parse(modelFeatures.example!.params)).not.toThrow();
  });
});

describe('model-features: preprocessing and build', () => {
  const pixels = [0, 0.5, 1, 0.25, 0.75, 0.1]; // two RGB pixels in [0,1]
  const mean = [103.939, 116.779, 123.68];

  it.each([
    ['[0,255]', 'none', (v: number[], i: number) => v[i]! * 255],
    ['[0,1]', 'none', (v: number[], i: number) => v[i]!],
    ['[0,255]', 'caffe-vgg', (v: number[], i: number) => v[i - (i % 3) + 2 - (i % 3)]! * 255 - mean[i % 3]!],
    ['[-1,1]', 'caffe-vgg', (v: number[], i: number) => v[i - (i % 3) + 2 - (i % 3)]! - (-1 + (2 * mean[i % 3]!) / 255)],
  ] as const)('brings %s / %s images to what the model expects', (inputRange, preprocess, want) => {
    const source = inputRange === '[-1,1]' ? pixels.map((v) => 2 * v - 1) : pixels;
    const got = tf.tidy(() => Array.from(prepare(tf.tensor4d(source, [1, 1, 2, 3]), { inputRange, preprocess }).dataSync()));
    got.forEach((g, i) => expect(g).toBeCloseTo(want(source, i), 3));
  });

  it('asks the loaded model for the recorded layers, in order, on the preprocessed image', () => {
    const p = modelFeatures.params.parse({ ...modelFeatures.example!.params });
    const input = modelFeatures.example!.inputs!.in!;
    const inferred = infer(p, input) as Record<string, Signal>;
    const calls: { names: readonly string[]; x: number[] }[] = [];
    // A stand-in model: maps of the recorded shapes, filled with the image's mean.
    const fake: FeatureModel = {
      extract(x, names) {
        calls.push({ names, x: Array.from(x.dataSync()) });
        return inferred.out!.layers!.map((l) => tf.fill(l.shape, 0).add(tf.mean(x)));
      },
    };
    const image = tf.randomUniform(input.shape as [number, number, number, number], 0, 1, 'float32', 9) as tf.Tensor4D;
    const assets = (n: string) => (n === 'model:example' ? fake : undefined);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const r = runNode(modelFeatures, { params: p, inputs: { in: image }, signals: { in: input }, training: false, settings, assets });
      const out = r.outputs.out as tf.Tensor[];
      expect(out.map((t) => t.shape)).toEqual(inferred.out!.layers!.map((l) => l.shape));
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.names).toEqual(['block1_conv1', 'block2_pool']);
    expect(calls[0]!.x).toEqual(Array.from(image.dataSync())); // [0,1] and 'none': unchanged
    image.dispose();
  });
});
