import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelFeatures, type ModelFeaturesParams } from '../nodes/networks/model-features';
import { isProblem, type BuildCtx, type Signal } from '../nodes/types';
import { loadFeatureModel, type LoadedFeatureModel } from './model-features';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A small Keras-style net. It declares a 16×16 input (a LayersModel still runs at any size),
 * mixes 'valid' pools (floor) and 'same' strided convs (ceil), and has a dense head.
 */
function makeLayersModel(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3], name: 'image' });
  const conv = (name: string, filters: number, strides = 1) =>
    tf.layers.conv2d({ name, filters, kernelSize: 3, strides, padding: 'same', activation: 'relu', biasInitializer: 'randomNormal' });
  const c1 = conv('c1', 4).apply(input) as tf.SymbolicTensor;
  const p1 = tf.layers.maxPooling2d({ name: 'p1', poolSize: 2 }).apply(c1) as tf.SymbolicTensor;
  const c2 = conv('c2', 6).apply(p1) as tf.SymbolicTensor;
  const p2 = tf.layers.maxPooling2d({ name: 'p2', poolSize: 2 }).apply(c2) as tf.SymbolicTensor;
  // floor(n/4) then ceil(·/2) follows neither rule at every size: probing must leave it out.
  const mix = conv('mix', 7, 2).apply(p2) as tf.SymbolicTensor;
  const sc = conv('sc', 5, 2).apply(c1) as tf.SymbolicTensor;
  const flat = tf.layers.flatten({ name: 'flat' }).apply(p2) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ name: 'dense', units: 2 }).apply(flat) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [dense, sc, mix] });
}

async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved!;
}

/** The artifacts of a fresh test model, whose own weights are then freed. */
async function layersArtifacts(): Promise<tf.io.ModelArtifacts> {
  const model = makeLayersModel();
  const artifacts = await saveToMemory(model);
  model.dispose();
  return artifacts;
}

function params(over: Partial<ModelFeaturesParams>): ModelFeaturesParams {
  return modelFeatures.params.parse({ model: 'm1', ...over });
}

/** Infers, then builds the node through a fake BuildCtx whose only asset is `model`. */
function runNode(model: LoadedFeatureModel, p: ModelFeaturesParams, image: tf.Tensor4D): { maps: tf.Tensor[]; signal: Signal } {
  const input: Signal = { type: 'image', shape: image.shape, range: p.inputRange === '[-1,1]' ? '[-1,1]' : '[0,1]' };
  const settings = { imageSize: image.shape[1], batchSize: image.shape[0], seed: 1 };
  const inferred = modelFeatures.infer({ params: p, inputs: { in: input }, settings, name: 'Model features' });
  if (isProblem(inferred)) throw new Error(`unexpected problem ${inferred.code}`);
  const refuse = () => {
    throw new Error('not available to this node');
  };
  const ctx: BuildCtx<ModelFeaturesParams> = {
    params: p,
    inputs: { in: input },
    outputs: inferred,
    settings,
    training: true,
    weight: refuse,
    assign: refuse,
    rng: refuse,
    asset: (name) => (name === 'model:m1' ? model : undefined),
  };
  const out = modelFeatures.build!(ctx, { in: image }).out as tf.Tensor[];
  return { maps: out, signal: inferred.out! };
}

/** Keras' caffe preprocessing of a [0,1] image, written out pixel by pixel. */
function caffeByHand(x: tf.Tensor4D): tf.Tensor4D {
  const v = x.dataSync();
  const out = new Float32Array(v.length);
  const mean = [103.939, 116.779, 123.68];
  for (let i = 0; i < v.length; i += 3)
    for (let c = 0; c < 3; c++) out[i + c] = v[i + 2 - c]! * 255 - mean[c]!;
  return tf.tensor4d(out, x.shape);
}

const close = (a: tf.Tensor, b: tf.Tensor) => {
  expect(a.shape).toEqual(b.shape);
  expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-3);
};

describe('loadFeatureModel (LayersModel)', () => {
  it('probes the 4-D layers that follow a whole stride, with their channels and rounding', async () => {
    const loaded = await loadFeatureModel(await layersArtifacts(), 'layers');
    const probe = loaded.probe();
    expect(probe.inputChannels).toBe(3);
    expect(probe.inputSize).toBe(0);
    expect([...probe.layers].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'c1', stride: 1, channels: 4, round: 'ceil' },
      { name: 'c2', stride: 2, channels: 6, round: 'floor' },
      { name: 'p1', stride: 2, channels: 4, round: 'floor' },
      { name: 'p2', stride: 4, channels: 6, round: 'floor' },
      { name: 'sc', stride: 2, channels: 5, round: 'ceil' },
    ]);
    loaded.dispose();
  });

  it("gives the original model's maps of the chosen layers, in order and at the shapes infer predicts", async () => {
    const original = makeLayersModel();
    const loaded = await loadFeatureModel(await saveToMemory(original), 'layers');
    const pick = (n: string) => loaded.probe().layers.find((l) => l.name === n)!;
    const p = params({ layers: [pick('p2'), pick('c1'), pick('sc')] }); // not the model's order
    for (const size of [18, 17]) {
      const image = tf.randomUniform([2, size, size, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
      const { maps, signal } = runNode(loaded, p, image);
      expect(maps.map((m) => m.shape)).toEqual(signal.layers!.map((l) => l.shape));
      expect(signal.layers!.map((l) => l.name)).toEqual(['p2', 'c1', 'sc']);
      // The same maps by hand, from the original model's weights.
      const w = (n: string) => original.getLayer(n).getWeights() as [tf.Tensor4D, tf.Tensor1D];
      const convRelu = (x: tf.Tensor4D, n: string, s: number): tf.Tensor4D =>
        tf.relu(tf.add(tf.conv2d(x, w(n)[0], s, 'same'), w(n)[1]));
      const x = caffeByHand(image);
      const c1 = convRelu(x, 'c1', 1);
      const p2 = tf.maxPool(convRelu(tf.maxPool(c1, 2, 2, 'valid'), 'c2', 1), 2, 2, 'valid');
      close(maps[0]!, p2);
      close(maps[1]!, c1);
      close(maps[2]!, convRelu(c1, 'sc', 2));
    }
    loaded.dispose();
    original.dispose();
  });

  it('passes gradients to the image and never to the frozen weights', async () => {
    const earlier = new Set(Object.keys(tf.engine().registeredVariables));
    const loaded = await loadFeatureModel(await layersArtifacts(), 'layers');
    const p = params({ inputRange: '[0,1]', preprocess: 'none', layers: loaded.probe().layers });
    const image = tf.variable(tf.randomUniform([1, 8, 8, 3], 0, 1, 'float32', 3)) as tf.Variable<tf.Rank.R4>;
    const loss = () => tf.addN(runNode(loaded, p, image).maps.map((m) => tf.sum(tf.square(m)))) as tf.Scalar;
    const { grads, value } = tf.variableGrads(loss);
    expect(Object.keys(grads)).toEqual([image.name]);
    expect(tf.sum(tf.abs(grads[image.name]!)).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([grads, value]);
    // An optimizer given no variable list updates every trainable variable: the image alone.
    const others = () =>
      Object.values(tf.engine().registeredVariables).filter((v) => v.name !== image.name && !earlier.has(v.name));
    expect(others().length).toBe(10); // five convs and a dense layer minus the pools: kernels and biases
    const before = others().map((v) => v.clone());
    const imageBefore = image.clone();
    tf.train.sgd(0.1).minimize(loss);
    others().forEach((v, i) => expect(tf.equal(v, before[i]!).all().dataSync()[0]).toBe(1));
    expect(tf.max(tf.abs(tf.sub(image, imageBefore))).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([before, imageBefore, image]);
    loaded.dispose();
  });

  it('leaks no tensor over 20 builds, and frees every weight when disposed', async () => {
    const artifacts = await layersArtifacts();
    const start = tf.memory().numTensors;
    const loaded = await loadFeatureModel(artifacts, 'layers');
    const p = params({ layers: loaded.probe().layers });
    const image = tf.randomUniform([2, 12, 12, 3], 0, 1) as tf.Tensor4D;
    tf.tidy(() => {
      runNode(loaded, p, image);
    });
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      tf.tidy(() => {
      runNode(loaded, p, image);
    });
      expect(tf.memory().numTensors).toBe(after1);
    }
    image.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

/** A GraphDef attribute in the JSON form the TensorFlow.js converter writes. */
const attr = {
  ints: (v: number[]) => ({ list: { i: v.map(String) } }),
  str: (v: string) => ({ s: Buffer.from(v).toString('base64') }),
  float: { type: 'DT_FLOAT' },
};

/**
 * A graph model written out by hand, as tensorflowjs_converter would write a frozen graph:
 * conv 3×3 'SAME' + bias + relu, max-pool 2 'VALID', then a 1×1 conv read through an
 * Identity of its kernel (a 4-D node fed only by weights, which probing must not offer).
 */
function graphArtifacts(k1: tf.Tensor4D, b1: tf.Tensor1D, k2: tf.Tensor4D): tf.io.ModelArtifacts {
  const conv = (name: string, x: string, k: string) => ({
    name,
    op: 'Conv2D',
    input: [x, k],
    attr: { T: { type: 'DT_FLOAT' }, strides: attr.ints([1, 1, 1, 1]), padding: attr.str('SAME'), data_format: attr.str('NHWC'), dilations: attr.ints([1, 1, 1, 1]) },
  });
  const node = [
    { name: 'image', op: 'Placeholder', attr: { dtype: attr.float, shape: { shape: { dim: [-1, -1, -1, 3].map((size) => ({ size: String(size) })) } } } },
    { name: 'k1', op: 'Const', attr: { dtype: attr.float } },
    { name: 'b1', op: 'Const', attr: { dtype: attr.float } },
    { name: 'k2', op: 'Const', attr: { dtype: attr.float } },
    { name: 'k2/read', op: 'Identity', input: ['k2'], attr: { T: attr.float } },
    conv('conv1', 'image', 'k1'),
    { name: 'conv1/bias', op: 'BiasAdd', input: ['conv1', 'b1'], attr: { T: attr.float, data_format: attr.str('NHWC') } },
    { name: 'relu1', op: 'Relu', input: ['conv1/bias'], attr: { T: attr.float } },
    { name: 'pool1', op: 'MaxPool', input: ['relu1'], attr: { T: attr.float, ksize: attr.ints([1, 2, 2, 1]), strides: attr.ints([1, 2, 2, 1]), padding: attr.str('VALID'), data_format: attr.str('NHWC') } },
    conv('conv2', 'pool1', 'k2/read'),
  ];
  const weights = { k1, b1, k2 };
  const parts = Object.values(weights).map((t) => new Float32Array(t.dataSync()));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  parts.reduce((at, p) => (bytes.set(new Uint8Array(p.buffer), at), at + p.byteLength), 0);
  return {
    format: 'graph-model',
    modelTopology: { node, versions: { producer: 1395 } },
    weightSpecs: Object.entries(weights).map(([name, t]) => ({ name, shape: t.shape, dtype: 'float32' as const })),
    weightData: bytes.buffer,
  };
}

describe('loadFeatureModel (GraphModel)', () => {
  const k1 = tf.randomNormal([3, 3, 3, 4], 0, 0.5, 'float32', 11) as tf.Tensor4D;
  const b1 = tf.randomNormal([4], 0, 0.5, 'float32', 12) as tf.Tensor1D;
  const k2 = tf.randomNormal([1, 1, 4, 5], 0, 0.5, 'float32', 13) as tf.Tensor4D;

  it('probes the nodes computed from the image', async () => {
    const loaded = await loadFeatureModel(graphArtifacts(k1, b1, k2), 'graph');
    expect(loaded.probe()).toEqual({
      inputChannels: 3,
      inputSize: 0,
      layers: [
        { name: 'conv1', stride: 1, channels: 4, round: 'ceil' },
        { name: 'conv1/bias', stride: 1, channels: 4, round: 'ceil' },
        { name: 'relu1', stride: 1, channels: 4, round: 'ceil' },
        { name: 'pool1', stride: 2, channels: 4, round: 'floor' },
        { name: 'conv2', stride: 2, channels: 5, round: 'floor' },
      ],
    });
    loaded.dispose();
  });

  it('gives the maps computed by hand, passes gradients to the image, and leaks nothing', async () => {
    const start = tf.memory().numTensors;
    const loaded = await loadFeatureModel(graphArtifacts(k1, b1, k2), 'graph');
    const p = params({ format: 'graph', inputRange: '[-1,1]', preprocess: 'none', layers: loaded.probe().layers.filter((l) => l.name !== 'conv1/bias') });
    const image = tf.randomUniform([2, 11, 11, 3], -1, 1, 'float32', 5) as tf.Tensor4D;
    tf.tidy(() => {
      const { maps, signal } = runNode(loaded, p, image);
      expect(maps.map((m) => m.shape)).toEqual(signal.layers!.map((l) => l.shape));
      const conv1 = tf.conv2d(image, k1, 1, 'same');
      const relu1: tf.Tensor4D = tf.relu(tf.add(conv1, b1));
      const pool1 = tf.maxPool(relu1, 2, 2, 'valid');
      [conv1, relu1, pool1, tf.conv2d(pool1, k2, 1, 'same')].forEach((want, i) => close(maps[i]!, want));
      const g = tf.grad((x) => tf.sum(tf.square(runNode(loaded, p, x as tf.Tensor4D).maps[3]!)))(image);
      expect(tf.sum(tf.abs(g)).dataSync()[0]).toBeGreaterThan(0);
    });
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      tf.tidy(() => {
        runNode(loaded, p, image);
      });
      expect(tf.memory().numTensors).toBe(after1);
    }
    image.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
