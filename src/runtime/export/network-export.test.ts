import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graph, network, node, wire } from '../../graph/build';
import { planOf, tinyPix2pix } from '../../graph/fixtures';
import { parseGraphDoc } from '../../graph/parse';
import { nodeDefs } from '../../nodes/registry';
import type { GraphDoc } from '../../graph/schema';
import { initNodeBackend } from '../backends/node';
import { Trainer } from '../trainer';
import { EXPORTABLE_KINDS, exportNetwork, type ExportFiles } from './network-export';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Inside the repository, so that the exported module's `import '@tensorflow/tfjs'` resolves.
const scratch = join(root, 'test-results', `network-export-${process.pid}`);

beforeAll(async () => {
  await initNodeBackend('cpu');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A generator with every exportable block kind, fed fixed 16×16 wave images. */
function everyBlock(): GraphDoc {
  const gen = network(
    'gen',
    5,
    [
      node('in', 'network.input', { name: 'in', type: 'image', range: '[-1,1]' }),
      node('blur', 'blur', { sigma: 0.8 }),
      node('gray', 'grayscale', { channels: 3 }),
      node('edges', 'sobel', { channels: 1 }),
      node('rzA', 'resize', { mode: 'factor', factor: 0.75, filter: 'area' }),
      node('rzB', 'resize', { mode: 'size', size: 0, filter: 'nearest' }),
      node('rs', 'rescale', { to: '[0,1]' }),
      node('c1', 'conv2d', { filters: 6, kernel: 3, stride: 2, std: 0.3 }),
      node('bn', 'batch-norm', { momentum: 0.5 }),
      node('a1', 'activation', { fn: 'leaky-relu', slope: 0.1 }),
      node('res1', 'residual', { norm: 'batch', std: 0.2 }),
      node('res2', 'residual', { norm: 'instance', padding: 'replicate', std: 0.2 }),
      node('pool', 'avg-pool', { size: 2 }),
      node('flat', 'flatten'),
      node('d1', 'dense', { units: 48, std: 0.1 }),
      node('shape', 'reshape', { shape: [4, 4, 3] }),
      node('up1', 'upsample', { factor: 2, mode: 'nearest' }),
      node('ct', 'conv2d-transpose', { filters: 4, kernel: 4, stride: 2, std: 0.2 }),
      node('inorm', 'instance-norm'),
      node('sg', 'stop-gradient'),
      node('cat', 'concat', { count: 3 }),
      node('c2', 'conv2d', { filters: 3, kernel: 3, padding: 'replicate', bias: false, std: 0.2 }),
      node('up2', 'upsample', { factor: 4, mode: 'bilinear' }),
      node('c3', 'conv2d', { filters: 3, kernel: 1, init: 'kaiming-uniform' }),
      node('sum', 'add', { count: 2 }),
      node('t', 'activation', { fn: 'tanh' }),
      node('out', 'network.output', { name: 'out', type: 'image', range: '[-1,1]' }),
    ],
    [
      wire('in.out', 'blur.in'),
      wire('blur.out', 'gray.in'),
      wire('in.out', 'edges.in'),
      wire('edges.out', 'rzA.in'),
      wire('rzA.out', 'rzB.in'),
      wire('rzB.out', 'cat.in3'),
      wire('gray.out', 'rs.in'),
      wire('rs.out', 'c1.in'),
      wire('c1.out', 'bn.in'),
      wire('bn.out', 'a1.in'),
      wire('a1.out', 'res1.in'),
      wire('res1.out', 'res2.in'),
      wire('res2.out', 'pool.in'),
      wire('pool.out', 'flat.in'),
      wire('flat.out', 'd1.in'),
      wire('d1.out', 'shape.in'),
      wire('shape.out', 'up1.in'),
      wire('up1.out', 'ct.in'),
      wire('ct.out', 'inorm.in'),
      wire('inorm.out', 'sg.in'),
      wire('in.out', 'cat.in1'),
      wire('sg.out', 'cat.in2'),
      wire('cat.out', 'c2.in'),
      wire('pool.out', 'up2.in'),
      wire('up2.out', 'c3.in'),
      wire('c2.out', 'sum.in1'),
      wire('c3.out', 'sum.in2'),
      wire('sum.out', 't.in'),
      wire('t.out', 'out.in'),
    ],
  );
  return graph({
    settings: { imageSize: 16, batchSize: 3, logEvery: 1 },
    networks: [gen],
    nodes: [
      node('x', 'sinus', { fixed: true }),
      node('y', 'sinus', {}),
      node('G', 'network', { network: 'gen' }),
      node('L1', 'l1'),
      node('opt', 'adam', { lr: 0.01, trains: { networks: ['gen'] } }),
      node('preview', 'preview', { count: 3 }),
    ],
    edges: [wire('x.out', 'G.in'), wire('G.out', 'L1.a'), wire('y.out', 'L1.b'), wire('L1.loss', 'opt.loss'), wire('G.out', 'preview.in')],
  });
}

/** Writes the export and the input, runs the export in a new Node process with plain tfjs (cpu), and reads its output. */
type Input = { shape: number[]; data: number[] };

/** `input`: one tensor, passed as is, or tensors by the network's input names, passed as a record. */
function runStandalone(name: string, files: ExportFiles, input: Input | Record<string, Input>) {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  writeFileSync(join(dir, 'input.json'), JSON.stringify(input));
  writeFileSync(
    join(dir, 'check.mjs'),
    `import * as tf from '@tensorflow/tfjs';
import { readFile, writeFile } from 'node:fs/promises';
import { load } from './ganvas-model.mjs';
await tf.setBackend('cpu');
const at = (f) => new URL(f, import.meta.url);
const model = await load((f) => readFile(at(f)));
const input = JSON.parse(await readFile(at('input.json'), 'utf8'));
const x = input.shape ? tf.tensor(input.data, input.shape) : Object.fromEntries(Object.entries(input).map(([k, v]) => [k, tf.tensor(v.data, v.shape)]));
const counts = [];
let y;
for (let i = 0; i < 3; i++) { y?.dispose(); y = model.run(x); counts.push(tf.memory().numTensors); }
await writeFile(at('output.json'), JSON.stringify({ backend: tf.getBackend(), counts, shape: y.shape, data: Array.from(await y.data()) }));
`,
  );
  execFileSync(process.execPath, [join(dir, 'check.mjs')], { stdio: 'pipe', timeout: 60_000 });
  return JSON.parse(readFileSync(join(dir, 'output.json'), 'utf8')) as { backend: string; counts: number[]; shape: number[]; data: number[] };
}

async function trainAndCompare(doc: GraphDoc, steps: number, inputId: string, networkId: string, name: string) {
  const trainer = await Trainer.create(planOf(doc), { loadAsset: async () => undefined });
  try {
    await trainer.train(steps);
    const checkpoint = await trainer.checkpoint();
    const r = exportNetwork(trainer.plan, checkpoint, networkId, { generatedBy: 'Ganvas test' });
    if (!r.ok) throw new Error(r.message);
    const x = (await trainer.sample([inputId]))[inputId]!;
    const shape = trainer.plan.steps.find((s) => s.id === inputId)!.outputs.out!.shape;
    const input = tf.tensor(x, shape);
    const before = tf.memory().numTensors;
    const out = trainer.apply(networkId, { in: input }).out as tf.Tensor;
    const want = await out.data();
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
    const got = runStandalone(name, r.files, { shape, data: Array.from(x) });
    return { trainer, files: r.files, want, got, checkpoint };
  } catch (e) {
    trainer.dispose();
    throw e;
  }
}

describe('exporting a trained network', () => {
  it('reproduces the trainer on a network with every exportable block, in a fresh tfjs', async () => {
    const { trainer, files, want, got } = await trainAndCompare(everyBlock(), 4, 'x', 'gen', 'every-block');
    try {
      expect(got.backend).toBe('cpu');
      expect(got.shape).toEqual([3, 16, 16, 3]);
      const diff = Math.max(...got.data.map((v, i) => Math.abs(v - want[i]!)));
      expect(diff).toBeLessThan(1e-5);
      // The output is not trivially flat, and the tensor count is flat over runs.
      expect(Math.max(...want) - Math.min(...want)).toBeGreaterThan(0.1);
      expect(new Set(got.counts).size).toBe(1);
      // Batch norm's running statistics were trained (so inference really reads them) and exported.
      const model = JSON.parse(files['model.json']);
      const names: string[] = model.weightsManifest[0].weights.map((w: { name: string }) => w.name);
      expect(names).toEqual(expect.arrayContaining(['bn/movingMean', 'bn/movingVar', 'res1/a.movingMean', 'res1/b.movingVar']));
      const w = await trainer.weights();
      expect(Array.from(w['gen/bn/movingMean']!).some((v) => v !== 0)).toBe(true);
      // apply() is the preview pass: its output, as 8-bit pixels, is the Preview node's image.
      const [tap] = await trainer.taps(['preview']);
      const px = tap!.kind === 'preview' ? tap!.images[0]!.pixels : new Uint8ClampedArray();
      for (let i = 0; i < 16 * 16; i++)
        for (let c = 0; c < 3; c++) expect(Math.abs(px[i * 4 + c]! - Math.round(((want[i * 3 + c]! + 1) / 2) * 255))).toBeLessThanOrEqual(1);
    } finally {
      trainer.dispose();
    }
  });

  it('reproduces the U-Net of the pix2pix-lite-64 preset trained on wasm, as the command line trains', async () => {
    await initNodeBackend('wasm');
    try {
      const text = readFileSync(join(root, 'presets/bench/pix2pix-lite-64.ganvas.json'), 'utf8');
      const { trainer, want, got } = await trainAndCompare(parseGraphDoc(text).doc!, 2, 'x', 'generator', 'unet');
      trainer.dispose();
      expect(got.shape).toEqual([1, 64, 64, 3]);
      // wasm (XNNPACK) and the fresh process's cpu backend sum in other orders.
      expect(Math.max(...got.data.map((v, i) => Math.abs(v - want[i]!)))).toBeLessThan(1e-4);
    } finally {
      await tf.setBackend('cpu');
    }
  });

  it('runs a network of two inputs given by name (the pix2pix discriminator)', async () => {
    const trainer = await Trainer.create(planOf(tinyPix2pix()));
    try {
      await trainer.train(2);
      const r = exportNetwork(trainer.plan, await trainer.checkpoint(), 'disc');
      if (!r.ok) throw new Error(r.message);
      expect(JSON.parse(r.files['model.json']).inputs.map((p: { name: string }) => p.name)).toEqual(['condition', 'image']);
      const shape = [2, 16, 16, 3];
      const data = (k: number) => Array.from({ length: 2 * 16 * 16 * 3 }, (_, i) => Math.sin(i * k));
      const inputs = { condition: tf.tensor(data(0.1), shape), image: tf.tensor(data(0.7), shape) };
      const out = trainer.apply('disc', inputs).scores as tf.Tensor;
      const want = await out.data();
      tf.dispose([out, ...Object.values(inputs)]);
      const got = runStandalone('disc', r.files, { condition: { shape, data: data(0.1) }, image: { shape, data: data(0.7) } });
      expect(got.shape).toEqual([2, 8, 8, 1]);
      expect(Math.max(...got.data.map((v, i) => Math.abs(v - want[i]!)))).toBeLessThan(1e-6);
      // The trainer's apply names what is missing.
      expect(() => trainer.apply('disc', { image: tf.zeros(shape) })).toThrow('Network disc needs its input "condition".');
      expect(() => trainer.apply('nope', {})).toThrow('The graph has no network "nope".');
    } finally {
      trainer.dispose();
    }
  });

  it('writes weights exactly as tf.io.encodeWeights does, in the manifest order', async () => {
    const trainer = await Trainer.create(planOf(everyBlock()));
    try {
      await trainer.train(1);
      const c = await trainer.checkpoint();
      const r = exportNetwork(trainer.plan, c, 'gen');
      if (!r.ok) throw new Error(r.message);
      const manifest = JSON.parse(r.files['model.json']).weightsManifest;
      expect(manifest[0].paths).toEqual(['weights.bin']);
      const tensors = manifest[0].weights.map((w: { name: string; shape: number[] }) => ({ name: w.name, tensor: tf.tensor(c.weights[`gen/${w.name}`]!.data, w.shape) }));
      const encoded = await tf.io.encodeWeights(tensors);
      tf.dispose(tensors.map((t: { tensor: tf.Tensor }) => t.tensor));
      expect(manifest[0].weights).toEqual(encoded.specs);
      expect(Buffer.from(r.files['weights.bin']).equals(Buffer.from(encoded.data as ArrayBuffer))).toBe(true);
      expect(manifest[0].weights.length).toBe(trainer.plan.networks[0]!.weights.length);
    } finally {
      trainer.dispose();
    }
  });

  it('covers every block kind a network can hold', () => {
    const inNetworks = nodeDefs.filter((d) => d.where !== 'graph' && d.kind !== 'note').map((d) => d.kind);
    // A new kind that can sit in a network needs its forward pass in standalone/ganvas-model.ts.
    expect([...inNetworks].sort(), 'add the new kind to ganvas-model.ts and EXPORTABLE_KINDS').toEqual([...EXPORTABLE_KINDS].sort());
  });

  it('refuses a network with a block the module cannot run, naming it, and an unknown network', () => {
    const plan = planOf(everyBlock());
    // A kind a later Ganvas might add.
    plan.networks[0]!.steps.find((s) => s.id === 'blur')!.kind = 'swirl';
    expect(exportNetwork(plan, { step: 0, weights: {} }, 'gen')).toEqual({
      ok: false,
      message: 'Network "gen" cannot be exported: its block "blur" is a swirl block, which the exported module cannot run yet.',
    });
    expect(exportNetwork(plan, { step: 0, weights: {} }, 'nope')).toEqual({ ok: false, message: 'The graph has no network "nope"; its networks are "gen".' });
  });

  it('refuses weights that do not fit the network', () => {
    const plan = planOf(everyBlock());
    const r = exportNetwork(plan, { step: 0, weights: {} }, 'gen');
    expect(r).toEqual({ ok: false, message: 'The saved weights have no gen/c1/kernel: they belong to another version of the graph.' });
    const bad = exportNetwork(plan, { step: 0, weights: { 'gen/c1/kernel': { shape: [2], data: new Float32Array(2) } } }, 'gen');
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/gen\/c1\/kernel is shaped \[2\], the network expects float32 \[3, 3, 3, 6\]/) });
  });

  it('lists the same block kinds the standalone module runs, and carries its current text', async () => {
    const standalone = await import('./standalone/ganvas-model');
    expect([...EXPORTABLE_KINDS].sort()).toEqual([...standalone.SUPPORTED_KINDS].sort());
    const { generatedFile, GENERATED } = await import('../../../scripts/build-standalone');
    expect(readFileSync(join(root, GENERATED), 'utf8'), 'run npm run standalone').toBe(generatedFile());
  });
});
