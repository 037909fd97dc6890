/**
 * A trained network as a folder a plain TensorFlow.js program can use: model.json (the network's
 * blocks, params and wiring, its inputs and outputs with shapes and value ranges, and tfjs's
 * weights manifest), weights.bin (float32, little-endian, in manifest order, as
 * tf.io.encodeWeights writes them), ganvas-model.mjs (loads and runs it with @tensorflow/tfjs
 * alone) and a short README.md. Pure: made from the plan and saved weights, no tfjs, so it runs
 * in the worker, the page or the CLI alike.
 */
import type { PlanNetwork, PlanStep, TrainingPlan } from '../../graph/plan';
import { rescaleMap } from '../../nodes/transforms/rescale';
import type { ValueRange } from '../../nodes/types';
import type { BlockDef, ModelJson, PortDef } from './standalone/ganvas-model';
import { GANVAS_MODEL_MJS } from './standalone/source.generated';

/** The block kinds ganvas-model.mjs runs; a network with any other kind is refused. */
export const EXPORTABLE_KINDS: readonly string[] = [
  'network.input',
  'network.output',
  'conv2d',
  'conv2d-transpose',
  'dense',
  'reshape',
  'flatten',
  'instance-norm',
  'batch-norm',
  'activation',
  'upsample',
  'avg-pool',
  'concat',
  'add',
  'residual',
  'stop-gradient',
  'rescale',
  'grayscale',
  'blur',
  'sobel',
  'resize',
  'feature-list',
];

export const WEIGHTS_FILE = 'weights.bin';

export interface ExportFiles {
  'model.json': string;
  'weights.bin': Uint8Array;
  'ganvas-model.mjs': string;
  'README.md': string;
}

/** What the export reads of a checkpoint: its step and weights by key `network/block/name`. */
export interface SavedWeights {
  step: number;
  weights: Record<string, { shape: number[]; data: Float32Array | Int32Array; dtype?: string }>;
}

export type ExportResult = { ok: true; files: ExportFiles } | { ok: false; message: string };

export function exportNetwork(plan: TrainingPlan, saved: SavedWeights, networkId: string, o: { generatedBy?: string } = {}): ExportResult {
  const net = plan.networks.find((n) => n.id === networkId);
  if (!net) {
    const ids = plan.networks.map((n) => `"${n.id}"`).join(', ');
    return { ok: false, message: `The graph has no network "${networkId}"${ids ? `; its networks are ${ids}` : ''}.` };
  }
  const unsupported = net.steps.find((s) => !EXPORTABLE_KINDS.includes(s.kind));
  if (unsupported)
    return { ok: false, message: `Network "${net.id}" cannot be exported: its block "${unsupported.id}" is a ${unsupported.kind} block, which the exported module cannot run yet.` };

  const specs: ModelJson['weightsManifest'][number]['weights'] = [];
  const parts: Float32Array[] = [];
  for (const w of net.weights) {
    const key = `${net.id}/${w.block}/${w.name}`;
    const t = saved.weights[key];
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (!t) return { ok: false, message: `The saved weights have no ${key}: they belong to another version of the graph.` };
    if (!(t.data instanceof Float32Array) || t.data.length !== size || t.shape.join() !== w.shape.join())
      return { ok: false, message: `The saved weight ${key} is shaped [${t.shape.join(', ')}], the network expects float32 [${w.shape.join(', ')}].` };
    specs.push({ name: `${w.block}/${w.name}`, shape: [...w.shape], dtype: 'float32' });
    parts.push(t.data);
  }

  const model: ModelJson = {
    format: 'ganvas-model',
    version: 1,
    ...(o.generatedBy ? { generatedBy: o.generatedBy } : {}),
    network: { id: net.id, label: net.label, step: saved.step },
    inputs: net.inputs.map(({ name, node }) => port(name, step(net, node), 'in')),
    outputs: net.outputs.map(({ name, node }) => port(name, step(net, node), 'out')),
    blocks: net.steps.map((s) => block(s, plan.settings.imageSize)),
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
  };
  return {
    ok: true,
    files: { 'model.json': JSON.stringify(model, null, 1) + '\n', 'weights.bin': littleEndian(parts), 'ganvas-model.mjs': GANVAS_MODEL_MJS, 'README.md': readme(model) },
  };
}

function step(net: PlanNetwork, id: string): PlanStep {
  return net.steps.find((s) => s.id === id)!;
}

/** An Input's port (its signal is the one it hands on) or an Output's (the one it receives). */
function port(name: string, s: PlanStep, side: 'in' | 'out'): PortDef {
  const p = s.params as { type: PortDef['type']; range: string };
  const signal = side === 'in' ? s.outputs.out : s.inputSignals.in;
  const shape = (signal?.shape ?? []).map((d, i) => (i === 0 ? null : d));
  return { name, block: s.id, type: p.type, ...(p.type === 'image' ? { range: p.range } : {}), shape };
}

function block(s: PlanStep, imageSize: number): BlockDef {
  const inputs = Object.fromEntries(Object.entries(s.inputs).map(([k, ref]) => [k, { node: ref.node, port: ref.port }]));
  let params = { ...(s.params as Record<string, unknown>) };
  if (s.kind === 'rescale') {
    // The map depends on the range wired in, which the module cannot see: store the map itself.
    const from = s.inputSignals.in?.type === 'image' ? (s.inputSignals.in.range ?? 'unbounded') : 'unbounded';
    params = { ...params, from, ...rescaleMap(from, params.to as ValueRange) };
  }
  // Size 0 means the graph's image size, which the module does not know.
  if (s.kind === 'resize' && params.mode === 'size' && !((params.size as number) > 0)) params = { ...params, size: imageSize };
  return { id: s.id, kind: s.kind, params, inputs };
}

function littleEndian(parts: readonly Float32Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  const v = new DataView(out.buffer);
  let at = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++, at += 4) v.setFloat32(at, p[i]!, true);
  return out;
}

function readme(m: ModelJson): string {
  const ports = (list: PortDef[]) =>
    list.map((p) => `- \`${p.name}\`: ${p.type} [${p.shape.map((d) => d ?? 'batch').join(', ')}]${p.range ? `, values in ${p.range}` : ''}`).join('\n');
  return `# ${m.network.label} (\`${m.network.id}\`), exported from Ganvas at step ${m.network.step}

Files: \`model.json\` (the network's blocks and tfjs's weights manifest), \`weights.bin\` (the
weights, float32), \`ganvas-model.mjs\` (runs it; needs only \`@tensorflow/tfjs\`).

Inputs:
${ports(m.inputs)}

Outputs:
${ports(m.outputs)}

\`\`\`js
import * as tf from '@tensorflow/tfjs';
import { load } from './ganvas-model.mjs';

const model = await load('model.json'); // in Node: load((file) => fs.promises.readFile(file))
const y = model.run(x);                 // x: a tensor shaped like the input above
\`\`\`

Images are NHWC, in the value range given above.
`;
}
