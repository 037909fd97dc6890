/**
 * Loads a pretrained TensorFlow.js model as a frozen feature extractor for the Model features
 * node, and probes it for the layers that node can offer. Works the same in Node and in the
 * browser; where the model files come from (a URL, files the user chose, the IndexedDB cache)
 * is the caller's business.
 */
import * as tf from '@tensorflow/tfjs';
import './provide-tfjs';
import type { FeatureLayer, FeatureModel } from '../nodes/networks/model-features';

export type FeatureModelFormat = 'layers' | 'graph';
/** In-memory artifacts, any IOHandler (files, IndexedDB), or a URL of a model.json. */
export type FeatureModelSource = tf.io.ModelArtifacts | tf.io.IOHandler | string;

/** What probing finds: the values the Model features node records in its params. */
export interface FeatureProbe {
  /** Channels of the images the model takes. */
  inputChannels: number;
  /** The one height and width the model takes, or 0 when it takes any size. */
  inputSize: number;
  /** Every 4-D map whose size is the image's divided by a whole stride, in model order. */
  layers: FeatureLayer[];
}

export interface LoadedFeatureModel extends FeatureModel {
  readonly format: FeatureModelFormat;
  /** Runs the model on blank images (once; the answer is kept). Reads no values back. */
  probe(): FeatureProbe;
  dispose(): void;
}

// 64 pins down power-of-two strides up to 64. 65, 67 and 71 leave remainders 1, 3 and 7 modulo
// 8 and up, so ceil and floor differ there, and a map made by mixing 'same' and 'valid'
// downsampling (which follows neither rule at every size) shows itself.
const probeSizes = [64, 65, 67, 71] as const;

export async function loadFeatureModel(source: FeatureModelSource, format: FeatureModelFormat): Promise<LoadedFeatureModel> {
  const handler = typeof source === 'string' ? source : isHandler(source) ? source : tf.io.fromMemory(source);
  return format === 'layers' ? fromLayersModel(await tf.loadLayersModel(handler)) : loadGraph(handler);
}

function isHandler(s: tf.io.ModelArtifacts | tf.io.IOHandler): s is tf.io.IOHandler {
  return typeof (s as tf.io.IOHandler).load === 'function';
}

function fromLayersModel(model: tf.LayersModel): LoadedFeatureModel {
  const input = singleImageInput(model.inputs.map((t) => t.shape));
  // Non-trainable variables are skipped by tf.variableGrads and optimizers that are not given a list.
  for (const layer of model.layers) layer.trainable = false;
  const candidates = model.layers.filter((l) => l.getClassName() !== 'InputLayer' && rank4Output(l));
  const extractors = new Map<string, tf.LayersModel>();
  const extract = (x: tf.Tensor4D, names: readonly string[]): tf.Tensor[] => {
    const key = names.join('\n');
    let sub = extractors.get(key);
    if (!sub) {
      // getLayer throws for a name the model lacks: the recorded layers no longer match the file.
      const outputs = names.map((n) => model.getLayer(n).output as tf.SymbolicTensor);
      sub = tf.model({ inputs: model.inputs, outputs });
      extractors.set(key, sub);
    }
    const out = sub.apply(x, { training: false }) as tf.Tensor | tf.Tensor[];
    return Array.isArray(out) ? out : [out];
  };
  const names = candidates.map((l) => l.name);
  // A LayersModel runs at any size when its layers allow it, whatever input shape it declares.
  const probe = once(() => {
    try {
      return { ...input, inputSize: 0, layers: probeLayers(names, probeSizes, input.inputChannels, extract) };
    } catch (err) {
      if (input.inputSize === 0) throw err;
      const sizes = [input.inputSize] as const;
      return { ...input, layers: probeLayers(names, sizes, input.inputChannels, extract) };
    }
  });
  return {
    format: 'layers',
    extract,
    probe,
    dispose() {
      // The extractors share the model's layers; disposing the model frees every weight once.
      extractors.clear();
      model.dispose();
    },
  };
}

function rank4Output(layer: tf.layers.Layer): boolean {
  try {
    const out = layer.output;
    return !Array.isArray(out) && out.shape.length === 4;
  } catch {
    return false; // A shared layer has several outputs and no single one to name.
  }
}

async function loadGraph(handler: tf.io.IOHandler | string): Promise<LoadedFeatureModel> {
  // The node list lives only in the artifacts, so keep them while GraphModel reads them.
  const inner = typeof handler === 'string' ? tf.io.http(handler) : handler;
  let artifacts: tf.io.ModelArtifacts | undefined;
  const capture: tf.io.IOHandler = {
    load: async () => (artifacts = await inner.load!()),
  };
  const model = await tf.loadGraphModel(capture);
  const input = singleImageInput(model.inputs.map((t) => t.shape ?? []));
  const graph = (artifacts?.modelTopology ?? {}) as { node?: GraphNode[] };
  const names = nodesFedByInput(graph.node ?? []);
  const extract = (x: tf.Tensor4D, layers: readonly string[]): tf.Tensor[] => {
    const out = model.execute(x, [...layers]);
    return Array.isArray(out) ? out : [out];
  };
  const sizes = input.inputSize > 0 ? [input.inputSize] : probeSizes;
  return {
    format: 'graph',
    // A GraphModel holds its weights as constants, not variables: nothing can train them.
    extract,
    probe: once(() => ({ ...input, layers: probeLayers(names, sizes, input.inputChannels, extract) })),
    dispose: () => model.dispose(),
  };
}

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
}

/**
 * Nodes computed from the image, in graph order. The rest only read weights: a 1×1 kernel
 * would otherwise pass for a map of stride 64.
 */
function nodesFedByInput(nodes: readonly GraphNode[]): string[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const fed = new Map<string, boolean>();
  const visit = (name: string): boolean => {
    const known = fed.get(name);
    if (known !== undefined) return known;
    fed.set(name, false); // guards against cycles through control-flow back edges
    const node = byName.get(name);
    const source = node?.op.startsWith('Placeholder') ?? false;
    // Inputs read "name", "name:1" (an output index) or "^name" (a control dependency only).
    const data = (node?.input ?? []).filter((i) => !i.startsWith('^')).map((i) => i.split(':')[0]!);
    const result = source || data.some(visit);
    fed.set(name, result);
    return result;
  };
  return nodes.filter((n) => !n.op.startsWith('Placeholder') && visit(n.name)).map((n) => n.name);
}

/** The model's one input, which must be an image batch [B,H,W,C]. */
function singleImageInput(shapes: readonly (readonly (number | null)[])[]): { inputChannels: number; inputSize: number } {
  const shape = shapes[0];
  if (shapes.length !== 1 || !shape || shape.length !== 4)
    throw new Error(`a feature model needs one image input [batch, height, width, channels]; this one takes ${JSON.stringify(shapes)}`);
  const [, h, w, c] = shape;
  const fixed = (d: number | null | undefined): number => (d !== null && d !== undefined && d > 0 ? d : 0);
  if (fixed(h) !== fixed(w)) throw new Error(`a feature model must take square images (or any size); this one takes ${h}×${w}`);
  return { inputChannels: fixed(c) || 3, inputSize: fixed(h) };
}

/**
 * Runs every candidate at each size and keeps those whose maps are ceil(n/s) or floor(n/s)
 * of the image for one whole stride s at all sizes: exactly the ones the node's shape rule can predict.
 */
function probeLayers(
  names: readonly string[],
  sizes: readonly number[],
  channels: number,
  extract: (x: tf.Tensor4D, names: readonly string[]) => tf.Tensor[],
): FeatureLayer[] {
  if (names.length === 0) return [];
  const shapesAt = sizes.map((n) => {
    const maps = tf.tidy(() => extract(tf.zeros([1, n, n, channels]), names));
    const shapes = maps.map((t) => t.shape);
    tf.dispose(maps);
    return shapes;
  });
  const found: FeatureLayer[] = [];
  names.forEach((name, i) => {
    const shapes = shapesAt.map((s) => s[i]!);
    const first = shapes[0]!;
    if (first.length !== 4 || shapes.some((s) => s.length !== 4 || s[3] !== first[3])) return;
    const base = sizes[0]!;
    const stride = base / first[1]!;
    if (!Number.isInteger(stride)) return;
    const fits = (round: (v: number) => number) =>
      shapes.every((s, k) => s[1] === round(sizes[k]! / stride) && s[2] === round(sizes[k]! / stride));
    const round = fits(Math.ceil) ? 'ceil' : fits(Math.floor) ? 'floor' : undefined;
    if (round) found.push({ name, stride, channels: first[3]!, round });
  });
  return found;
}

function once<T>(f: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value as T;
  };
}
