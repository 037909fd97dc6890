/**
 * ganvas-model.mjs: runs a network exported from Ganvas with plain TensorFlow.js. It depends on
 * @tensorflow/tfjs alone, reads model.json (the network's blocks and weights manifest) and the
 * weights file, and rebuilds the forward pass with tf ops, block by block, exactly as Ganvas's
 * preview pass computes it (batch norm uses its running statistics).
 *
 *   import * as tf from '@tensorflow/tfjs';
 *   import { load } from './ganvas-model.mjs';
 *   const model = await load('model.json');                     // browser: fetched beside the page
 *   const model = await load((f) => fs.promises.readFile(path.join(dir, f)));  // Node
 *   const y = model.run(x);   // x: [batch, height, width, channels] in the input's range
 *
 * This file and ops.ts are the source: `npm run standalone` inlines ops.ts and turns them into the
 * text every export carries (source.generated.ts beside this file). Nothing of Ganvas is imported.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormalize, gaussianTaps, instanceNormalize, luma, padEdge, padded, perChannel, resample, SOBEL_XY, upsampleNearest } from './ops';

export const MODEL_FORMAT = 'ganvas-model';
export const MODEL_VERSION = 1;

export interface BlockDef {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  /** Input port → the block and port it reads. */
  inputs: Record<string, { node: string; port: string }>;
}

export interface PortDef {
  name: string;
  /** The Input or Output block of this port. */
  block: string;
  type: 'image' | 'tensor' | 'vector' | 'features';
  /** Images: the value range, '[-1,1]', '[0,1]' or 'unbounded'. */
  range?: string;
  /** The shape the network was trained with; the batch is null. */
  shape: (number | null)[];
}

export interface ModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  generatedBy?: string;
  network: { id: string; label: string; step: number };
  inputs: PortDef[];
  outputs: PortDef[];
  /** In an order where every block comes after the blocks it reads. */
  blocks: BlockDef[];
  /** tfjs's weights manifest: weight names are `<block id>/<weight name>`. */
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
}

/** Reads a file of the export by its name: model.json, weights.bin. */
export type Loader = (file: string) => Promise<Uint8Array | ArrayBuffer | string>;

type Value = tf.Tensor | tf.Tensor[];
type Forward = (b: BlockDef, x: Record<string, Value>, w: (name: string) => tf.Tensor) => Value;

/** Loads an export: the URL of its model.json (fetched; weights beside it), or a Loader. */
export async function load(source: string | URL | Loader): Promise<GanvasModel> {
  const read: Loader =
    typeof source === 'function'
      ? source
      : async (file) => {
          const url = new URL(file === 'model.json' ? String(source) : file, new URL(String(source), globalThis.location?.href));
          const res = await fetch(url);
          if (!res.ok) throw new Error(`Could not fetch ${url}: ${res.status} ${res.statusText}`);
          return res.arrayBuffer();
        };
  const text = await read('model.json');
  const def = JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text)) as ModelJson;
  if (def?.format !== MODEL_FORMAT) throw new Error(`This model.json is not a Ganvas export (format ${JSON.stringify(def?.format)}).`);
  if (def.version > MODEL_VERSION) throw new Error(`This export has version ${def.version}; this ganvas-model.mjs reads version ${MODEL_VERSION}.`);
  const unknown = def.blocks.find((b) => b.kind !== 'network.input' && !(b.kind in FORWARD));
  if (unknown) throw new Error(`Block ${unknown.id} is of kind "${unknown.kind}", which this ganvas-model.mjs cannot run.`);
  const weights: Record<string, tf.Tensor> = {};
  for (const group of def.weightsManifest) {
    const parts = await Promise.all(group.paths.map(async (p) => bytesOf(await read(p))));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
    const need = group.weights.reduce((n, w) => n + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    if (all.length !== need) throw new Error(`${group.paths.join(', ')} holds ${all.length} bytes; model.json describes ${need}.`);
    Object.assign(weights, tf.io.decodeWeights(all.buffer, group.weights));
  }
  return new GanvasModel(def, weights);
}

export class GanvasModel {
  constructor(
    readonly definition: ModelJson,
    private readonly weights: Record<string, tf.Tensor>,
  ) {}

  /**
   * The network's output for `input`: one tensor for a one-input network, or tensors by Input
   * name. Gives one tensor when the network has one output, else tensors by Output name.
   */
  run(input: tf.Tensor | Record<string, tf.Tensor>): Value | Record<string, Value> {
    const def = this.definition;
    const given = isTensor(input) ? { [def.inputs[0]?.name ?? 'in']: input } : input;
    for (const p of def.inputs) {
      const x = given[p.name];
      if (!x) throw new Error(`The network needs its input "${p.name}".`);
      if (x.rank !== p.shape.length || x.shape.at(-1) !== p.shape.at(-1))
        throw new Error(`Input "${p.name}" should be shaped [${p.shape.map((d) => d ?? 'batch').join(', ')}], not [${x.shape.join(', ')}].`);
    }
    return tf.tidy(() => {
      const values = new Map<string, Record<string, Value>>();
      for (const b of def.blocks) {
        if (b.kind === 'network.input') {
          const port = def.inputs.find((p) => p.block === b.id)!;
          values.set(b.id, { out: given[port.name]! });
          continue;
        }
        const x: Record<string, Value> = {};
        for (const [port, ref] of Object.entries(b.inputs)) x[port] = values.get(ref.node)![ref.port]!;
        const w = (name: string) => {
          const t = this.weights[`${b.id}/${name}`];
          if (!t) throw new Error(`The weights have no ${b.id}/${name}.`);
          return t;
        };
        values.set(b.id, { out: FORWARD[b.kind]!(b, x, w) });
      }
      const outs = def.outputs.map((p) => [p.name, values.get(p.block)!.out!] as const);
      return outs.length === 1 ? outs[0]![1] : Object.fromEntries(outs);
    });
  }

  dispose(): void {
    tf.dispose(Object.values(this.weights));
  }
}

/** By shape, not instanceof: the caller's tfjs may be another copy of the package. */
function isTensor(v: unknown): v is tf.Tensor {
  return typeof v === 'object' && v !== null && 'dataId' in v && 'shape' in v;
}

function bytesOf(b: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof b === 'string') throw new Error('The weights file must be read as bytes, not text.');
  return b instanceof Uint8Array ? b : new Uint8Array(b);
}

const t4 = (v: Value | undefined) => v as tf.Tensor4D;
const num = (b: BlockDef, k: string) => b.params[k] as number;


const numbered = (b: BlockDef, x: Record<string, Value>) => Array.from({ length: num(b, 'count') }, (_, i) => x[`in${i + 1}`] as tf.Tensor);

const FORWARD: Record<string, Forward> = {
  'network.output': (_b, x) => x.in!,
  conv2d: (b, x, w) => {
    const s = num(b, 'stride');
    const [input, pad] = padded(t4(x.in), b.params.padding as string | undefined, num(b, 'kernel'), s);
    return b.params.bias
      ? tf.fused.conv2d({ x: input, filter: w('kernel') as tf.Tensor4D, strides: s, pad, bias: w('bias') })
      : tf.conv2d(input, w('kernel') as tf.Tensor4D, s, pad);
  },
  'conv2d-transpose': (b, x, w) => {
    const s = num(b, 'stride');
    const [n, h, wd] = t4(x.in).shape;
    const y = tf.conv2dTranspose(t4(x.in), w('kernel') as tf.Tensor4D, [n, h * s, wd * s, num(b, 'filters')], s, 'same');
    return b.params.bias ? tf.add(y, w('bias')) : y;
  },
  dense: (b, x, w) =>
    b.params.bias ? tf.fused.matMul({ a: x.in as tf.Tensor2D, b: w('kernel') as tf.Tensor2D, bias: w('bias') }) : tf.matMul(x.in as tf.Tensor2D, w('kernel') as tf.Tensor2D),
  reshape: (b, x) => {
    const t = x.in as tf.Tensor;
    return tf.reshape(t, [t.shape[0]!, ...(b.params.shape as number[])]);
  },
  flatten: (_b, x) => {
    const [n, h, wd, c] = t4(x.in).shape;
    return tf.reshape(t4(x.in), [n, h * wd * c]);
  },
  'instance-norm': (b, x, w) => {
    const y = instanceNormalize(t4(x.in), num(b, 'eps'));
    return b.params.affine ? tf.add(tf.mul(y, w('gamma')), w('beta')) : y;
  },
  'batch-norm': (b, x, w) => batchNormalize(x.in as tf.Tensor, num(b, 'eps'), w),
  activation: (b, x) => {
    const t = x.in as tf.Tensor;
    switch (b.params.fn) {
      case 'relu':
        return tf.relu(t);
      case 'leaky-relu':
        return tf.leakyRelu(t, num(b, 'slope'));
      case 'tanh':
        return tf.tanh(t);
      case 'sigmoid':
        return tf.sigmoid(t);
    }
    throw new Error(`Block ${b.id}: unknown activation ${JSON.stringify(b.params.fn)}.`);
  },
  upsample: (b, x) => {
    const f = num(b, 'factor');
    if (b.params.mode === 'nearest') return upsampleNearest(t4(x.in), f);
    const [, h, wd] = t4(x.in).shape;
    return tf.image.resizeBilinear(t4(x.in), [h * f, wd * f], false, true);
  },
  'avg-pool': (b, x) => {
    const size = num(b, 'size');
    return tf.avgPool(t4(x.in), size, num(b, 'stride') || size, b.params.padding as 'same' | 'valid');
  },
  concat: (b, x) => {
    const xs = numbered(b, x);
    const batch = Math.max(...xs.map((t) => t.shape[0]!));
    return tf.concat(xs.map((t) => (t.shape[0] === batch ? t : tf.tile(t, [batch, 1, 1, 1]))), 3);
  },
  add: (b, x) => {
    const xs = numbered(b, x);
    return xs.slice(1).reduce((sum, t) => tf.add(sum, t), xs[0]!);
  },
  residual: (b, x, w) => {
    const h = t4(x.in);
    const EPS = 1e-5;
    const norm = (t: tf.Tensor, pre: string): tf.Tensor => {
      if (b.params.norm === 'instance') return tf.add(tf.mul(instanceNormalize(t as tf.Tensor4D, EPS), w(`${pre}gamma`)), w(`${pre}beta`));
      if (b.params.norm === 'batch') return batchNormalize(t, EPS, w, pre);
      return t;
    };
    const conv = (t: tf.Tensor, pre: string) => {
      const [input, pad] = padded(t as tf.Tensor4D, b.params.padding as string | undefined, num(b, 'kernel'), 1);
      return tf.conv2d(input, w(`${pre}kernel`) as tf.Tensor4D, 1, pad);
    };
    const inner = tf.relu(norm(conv(h, 'a.'), 'a.'));
    return tf.add(h, norm(conv(inner, 'b.'), 'b.'));
  },
  'stop-gradient': (_b, x) => x.in!,
  /** `scale`, `shift` and `clip` are worked out at export time from the input's range. */
  rescale: (b, x) => {
    let y = x.in as tf.Tensor;
    const { scale, shift, clip } = b.params as { scale: number; shift: number; clip?: [number, number] };
    if (scale !== 1 || shift !== 0) y = tf.add(tf.mul(y, scale), shift);
    return clip ? tf.clipByValue(y, clip[0], clip[1]) : y;
  },
  grayscale: (b, x) => {
    const g = luma(t4(x.in));
    return num(b, 'channels') === 1 ? g : tf.tile(g, [1, 1, 1, num(b, 'channels')]);
  },
  blur: (b, x) => {
    const taps = gaussianTaps(num(b, 'sigma'), num(b, 'radius'));
    const k = taps.length;
    const r = (k - 1) / 2;
    const down = tf.tensor4d(taps, [k, 1, 1, 1]);
    const across = tf.tensor4d(taps, [1, k, 1, 1]);
    return perChannel(t4(x.in), (y) => tf.conv2d(padEdge(tf.conv2d(padEdge(y, 1, r, r), down, 1, 'valid'), 2, r, r), across, 1, 'valid'));
  },
  sobel: (b, x) => {
    const t = t4(x.in);
    const grey = t.shape[3] === 3 ? luma(t) : t;
    const g = tf.conv2d(padEdge(padEdge(grey, 1, 1, 1), 2, 1, 1), tf.tensor4d(SOBEL_XY, [3, 3, 1, 2]), 1, 'valid');
    const mag = tf.sub(tf.sqrt(tf.add(tf.sum(tf.square(g), 3, true), 1e-12)), tf.sqrt(tf.scalar(1e-12)));
    const peak = tf.maximum(tf.max(tf.reshape(mag, [t.shape[0], -1]), 1), 1e-3).reshape([t.shape[0], 1, 1, 1]);
    let e: tf.Tensor = tf.div(mag, peak);
    if (b.params.range === '[-1,1]') e = tf.sub(tf.mul(e, 2), 1);
    return num(b, 'channels') === 1 ? e : tf.tile(e, [1, 1, 1, num(b, 'channels')]);
  },
  /** A fixed size is worked out at export time (`size`); a factor applies to any input. */
  resize: (b, x) => {
    const t = t4(x.in);
    const [, h, w] = t.shape;
    const f = num(b, 'factor');
    const [ho, wo] = b.params.mode === 'size' ? [num(b, 'size'), num(b, 'size')] : [Math.round(h * f), Math.round(w * f)];
    if (ho === h && wo === w) return t;
    return b.params.filter === 'bilinear' ? tf.image.resizeBilinear(t, [ho, wo], false, true) : resample(t, ho, wo, b.params.filter as string);
  },
  'feature-list': (b, x) => Array.from({ length: num(b, 'count') }, (_, i) => x[`f${i + 1}`] as tf.Tensor),
};

/** The block kinds this module runs (besides network.input). */
export const SUPPORTED_KINDS: readonly string[] = ['network.input', ...Object.keys(FORWARD)];
