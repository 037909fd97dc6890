/**
 * A frozen feature extractor taken from a pretrained TensorFlow.js model the user loads (for
 * example VGG-16 converted from Keras): the "loss network" of perceptual losses. The model is
 * probed once when it is loaded and the chosen layers are recorded in the params with their
 * strides and channels, so the shape rule stays pure and works for any image size.
 */
import { tf } from '../tfjs';
import { z } from 'zod';
import { formatShape, isProblemValue, map4 } from '../shape';
import { defineNode, problem, type Signal, type ValueRange } from '../types';

/**
 * The asset `model:<id>` the runtime hands to `build`: a loaded model reduced to one function.
 * `x` is already scaled and preprocessed as the model expects; the result holds one map per
 * named layer, in order. It must not read values back, and gradients reach `x` but never the
 * model's weights.
 */
export interface FeatureModel {
  extract(x: tf.Tensor4D, layers: readonly string[]): tf.Tensor[];
}

export const zFeatureLayer = z.object({
  name: z.string().min(1).max(256).describe("The layer's name inside the model"),
  stride: z.int().min(1).max(1024).default(1).describe('How many times smaller than the image its maps are'),
  channels: z.int().min(1).max(65536).default(1).describe('Channels of its maps'),
  // Keras' VGG pools with 'valid' padding, so its maps of a 100-pixel image are floor(100/s) wide.
  round: z
    .enum(['ceil', 'floor'])
    .default('ceil')
    .describe("How a size the stride does not divide rounds: 'ceil' after 'same' padding, 'floor' after 'valid' pooling"),
});
export type FeatureLayer = z.infer<typeof zFeatureLayer>;

const inputRanges = ['[0,255]', '[0,1]', '[-1,1]'] as const;
type InputRange = (typeof inputRanges)[number];

/** The numbers each input range spans, and the image range the port takes for it. */
const rangeInfo: Record<InputRange, { lo: number; hi: number; port: ValueRange }> = {
  '[0,255]': { lo: 0, hi: 255, port: '[0,1]' },
  '[0,1]': { lo: 0, hi: 1, port: '[0,1]' },
  '[-1,1]': { lo: -1, hi: 1, port: '[-1,1]' },
};

/** ImageNet's mean colour in BGR order on 0..255, as Keras' `preprocess_input` 'caffe' mode uses it. */
const caffeMeanBgr = [103.939, 116.779, 123.68];

export const zModelFeaturesParams = z.object({
  model: z.string().max(200).default('').describe('Id of the loaded model file (set when a model is loaded)'),
  format: z
    .enum(['layers', 'graph'])
    .default('layers')
    .describe("The TensorFlow.js model format: 'layers' (from Keras) or 'graph' (from a SavedModel)"),
  inputRange: z
    .enum(inputRanges)
    .default('[0,255]')
    .describe('Values the model expects; [0,255] takes [0,1] images and multiplies them by 255'),
  preprocess: z
    .enum(['none', 'caffe-vgg'])
    .default('caffe-vgg')
    .describe("'caffe-vgg': RGB to BGR and subtract the ImageNet mean colour, as Keras' VGG16/19 and ResNet50 expect"),
  inputChannels: z.int().min(1).max(64).default(3).describe('Channels of the images the model takes (recorded when loaded)'),
  inputSize: z
    .int()
    .min(0)
    .max(4096)
    .default(0)
    .describe('The only height and width the model takes (0: any size; recorded when loaded)'),
  layers: z
    .array(zFeatureLayer)
    .max(32)
    .default([])
    .describe('The layers whose maps are the features, in order (recorded when the model is loaded)'),
});
export type ModelFeaturesParams = z.infer<typeof zModelFeaturesParams>;

export const modelFeatures = defineNode({
  kind: 'model-features',
  label: 'Model features',
  category: 'network',
  summary: 'Feature maps of chosen layers of a pretrained model you load, which stays frozen.',
  docs:
    'Perceptual losses compare images by what a trained network sees in them rather than pixel by pixel. ' +
    'Load a TensorFlow.js model (a model.json with its weight files, e.g. VGG-16 converted from Keras), ' +
    'pick the layers whose maps you want, and wire the features into style or content losses. The ' +
    'model never trains: gradients pass through it to the image but leave its weights alone. Images are ' +
    'brought to the values the model expects: "[0,255]" multiplies [0,1] images by 255, and "caffe-vgg" ' +
    'swaps RGB to BGR and subtracts the ImageNet mean colour, which is what Keras VGG models were trained on.',
  params: zModelFeaturesParams,
  where: 'graph',
  assets: (p) => (p.model ? ['model:' + p.model] : []),
  inputs: (p) => [{ name: 'in', label: 'image', type: 'image', ranges: [rangeInfo[p.inputRange].port] }],
  outputs: [{ name: 'out', label: 'features', type: 'features' }],
  infer(ctx) {
    const p = ctx.params;
    if (!p.model) return problem('featureModel', { node: ctx.name, issue: 'missing' });
    if (p.layers.length === 0) return problem('featureModel', { node: ctx.name, issue: 'noLayers' });
    const x = map4(ctx, 'in');
    if (isProblemValue(x)) return x;
    const [b, h, w, c] = x.shape as [number, number, number, number];
    const channels = p.preprocess === 'caffe-vgg' ? 3 : p.inputChannels;
    if (c !== channels) return problem('channelsMismatch', { node: ctx.name, expected: channels, got: c }, 'in');
    if (p.inputSize > 0 && (h !== p.inputSize || w !== p.inputSize)) {
      const size = formatShape([p.inputSize, p.inputSize]);
      return problem('featureModel', { node: ctx.name, issue: 'size', size, got: formatShape([h, w]) }, 'in');
    }
    const tooSmall = p.layers.find((l) => scaled(Math.min(h, w), l) < 1);
    if (tooSmall) {
      const size = formatShape([tooSmall.stride, tooSmall.stride]);
      return problem('featureModel', { node: ctx.name, issue: 'small', size, got: formatShape([h, w]) }, 'in');
    }
    const layers = p.layers.map((l) => ({ name: l.name, shape: [b, scaled(h, l), scaled(w, l), l.channels] }));
    const out: Signal = { type: 'features', shape: [], layers };
    return { out };
  },
  build(ctx, inputs) {
    const p = ctx.params;
    const model = ctx.asset('model:' + p.model) as FeatureModel | undefined;
    // The runtime loads every asset a node names before building; a miss is its bug, not the user's.
    if (!model) throw new Error(`model-features: asset "model:${p.model}" was not loaded`);
    const x = prepare(inputs.in as tf.Tensor4D, p);
    return { out: model.extract(x, p.layers.map((l) => l.name)) };
  },
  summarize: (p) => (p.model ? p.layers.map((l) => l.name).join(', ') : '—'),
  example: {
    params: {
      model: 'example',
      inputRange: '[0,1]',
      preprocess: 'none',
      layers: [
        { name: 'block1_conv1', stride: 1, channels: 4, round: 'ceil' },
        { name: 'block2_pool', stride: 4, channels: 8, round: 'floor' },
      ],
    },
    inputs: { in: { type: 'image', shape: [2, 18, 18, 3], range: '[0,1]' } },
  },
});

function scaled(n: number, l: FeatureLayer): number {
  return l.round === 'floor' ? Math.floor(n / l.stride) : Math.ceil(n / l.stride);
}

/** Brings an image to the values the model was trained on (see `inputRange` and `preprocess`). */
export function prepare(x: tf.Tensor4D, p: Pick<ModelFeaturesParams, 'inputRange' | 'preprocess'>): tf.Tensor4D {
  const { lo, hi } = rangeInfo[p.inputRange];
  const y: tf.Tensor4D = p.inputRange === '[0,255]' ? tf.mul(x, 255) : x;
  if (p.preprocess === 'none') return y;
  // The mean is given on 0..255; expressed in the model's own range it is the same colour.
  const mean = tf.tensor1d(caffeMeanBgr.map((m) => lo + ((hi - lo) * m) / 255));
  return tf.sub(tf.reverse(y, -1), mean);
}
