/**
 * `ganvas train`'s result.png and graph.ganvas.json, and `ganvas export`, run for real in child
 * processes (bin/ganvas.js) on the 16×16 miniature pix2pix.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpointDir } from '../src/cli/checkpoint-dir';
import { compile } from '../src/graph/compile';
import { tinyPix2pix } from '../src/graph/fixtures';
import { parseGraphDoc } from '../src/graph/parse';
import type { GraphDoc } from '../src/graph/schema';
import { exportNetwork } from '../src/runtime/export/network-export';
import { readGraphFromPng } from '../src/runtime/export/png-graph';
import { decodePng } from './png-reader';

const repo = join(import.meta.dirname, '..');
const bin = join(repo, 'bin', 'ganvas.js');
// Inside the repository, so that an exported module's `import '@tensorflow/tfjs'` resolves.
const root = join(repo, 'test-results', `cli-export-${process.pid}`);
mkdirSync(root, { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

function ganvas(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 55_000, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function graphFile(name: string, doc: GraphDoc = tinyPix2pix()): string {
  const file = join(root, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const graph = graphFile('tiny.json');
const run = join(root, 'run');
let trained: Promise<{ code: number | null; stderr: string }>;
beforeAll(() => {
  trained = ganvas(['train', graph, '--steps', '3', '--out', run]);
});

describe('ganvas train: what it leaves besides previews and the checkpoint', () => {
  it('writes result.png, the last previews in a grid that carries the graph, and graph.ganvas.json', async () => {
    const r = await trained;
    expect(r.code, r.stderr).toBe(0);
    const png = readFileSync(join(run, 'result.png'));
    const grid = decodePng(png);
    // The Preview node's batch of two 16×16 images side by side, 2-pixel gaps.
    expect([grid.width, grid.height]).toEqual([2 * 16 + 3 * 2, 16 + 2 * 2]);
    const last = decodePng(readFileSync(join(run, 'previews', 'step-000003', 'preview-1.png')));
    for (let y = 0; y < 16; y++) {
      const row = grid.pixels.subarray(((2 + y) * grid.width + 2 + 16 + 2) * 4, ((2 + y) * grid.width + 2 + 32 + 2) * 4);
      expect(Array.from(row)).toEqual(Array.from(last.pixels.subarray(y * 64, (y + 1) * 64)));
    }
    const doc = parseGraphDoc(readFileSync(graph, 'utf8')).doc;
    const back = readGraphFromPng(new Uint8Array(png));
    expect(back.kind === 'graph' && back.parsed.doc).toEqual(doc);
    expect(parseGraphDoc(readFileSync(join(run, 'graph.ganvas.json'), 'utf8')).doc).toEqual(doc);
  });
});

describe('ganvas export', () => {
  it('writes the network of a run as model.json, weights.bin, ganvas-model.mjs and README.md, which run in plain tfjs', async () => {
    expect((await trained).code).toBe(0);
    const out = join(root, 'gen-model');
    const r = await ganvas(['export', run, '--network', 'gen', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Exported network "gen" at step 3');
    expect(readdirSync(out).sort()).toEqual(['README.md', 'ganvas-model.mjs', 'model.json', 'weights.bin']);
    // The same files the exporter makes in this process from the run's checkpoint.
    const want = exportNetwork(compile(tinyPix2pix()).plan!, readCheckpointDir(join(run, 'checkpoint')), 'gen');
    if (!want.ok) throw new Error(want.message);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect({ ...model, generatedBy: undefined }).toEqual({ ...JSON.parse(want.files['model.json']), generatedBy: undefined });
    expect(model.generatedBy).toMatch(/^Ganvas \d+\.\d+\.\d+$/);
    expect(readFileSync(join(out, 'weights.bin')).equals(Buffer.from(want.files['weights.bin']))).toBe(true);
    expect(readFileSync(join(out, 'ganvas-model.mjs'), 'utf8')).toBe(want.files['ganvas-model.mjs']);
    // It loads and runs with only @tensorflow/tfjs, in a process of its own.
    writeFileSync(
      join(out, 'run.mjs'),
      `import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { load } from './ganvas-model.mjs';
await tf.setBackend('cpu');
const model = await load((f) => readFile(new URL(f, import.meta.url)));
const y = model.run(tf.randomUniform([1, 16, 16, 3], -1, 1, 'float32', 1));
const d = await y.data();
console.log(JSON.stringify({ shape: y.shape, min: Math.min(...d), max: Math.max(...d) }));`,
    );
    const ran = JSON.parse(execFileSync(process.execPath, [join(out, 'run.mjs')], { encoding: 'utf8', timeout: 60_000 }).trim().split('\n').at(-1)!);
    expect(ran.shape).toEqual([1, 16, 16, 3]);
    expect(ran.min).toBeGreaterThan(-1);
    expect(ran.max).toBeLessThan(1);
    expect(ran.max - ran.min).toBeGreaterThan(0);
  });

  it('takes the checkpoint directory itself, or another graph file with --graph', async () => {
    expect((await trained).code).toBe(0);
    const a = await ganvas(['export', join(run, 'checkpoint'), '--network', 'disc', '--out', join(root, 'disc-a')]);
    expect(a.code, a.stderr).toBe(0);
    const b = await ganvas(['export', join(run, 'checkpoint'), '--network', 'disc', '--out', join(root, 'disc-b'), '--graph', graph]);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(join(root, 'disc-a', 'weights.bin')).equals(readFileSync(join(root, 'disc-b', 'weights.bin')))).toBe(true);
  });

  it.each([
    [['export', 'run', '--out', 'x'], /--network ID is required/],
    [['export', '--network', 'gen', '--out', 'x'], /which run\?/],
    [['export', 'run', '--network', 'gen'], /--out DIR is required/],
    [['export', 'run', '--network', 'nope', '--out', 'x'], /Cannot export from run: The graph has no network "nope"; its networks are "gen", "disc"\./],
    [['export', 'nowhere', '--network', 'gen', '--out', 'x'], /There is no run at nowhere/],
    [['export', '.', '--network', 'gen', '--out', 'x'], /holds no graph\.ganvas\.json .*--graph GRAPH\.json/],
  ])('%j exits 2 with a clear message', async (args, message) => {
    expect((await trained).code).toBe(0);
    const r = await ganvas(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('refuses a graph whose network has other weights than the run trained', async () => {
    expect((await trained).code).toBe(0);
    const doc = tinyPix2pix();
    doc.networks[0]!.nodes.find((n) => n.id === 'c1')!.params.filters = 5;
    const r = await ganvas(['export', run, '--network', 'gen', '--out', join(root, 'x'), '--graph', graphFile('wider.json', doc)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot export from');
    expect(r.stderr).toContain('The saved weight gen/c1/kernel is shaped [3, 3, 3, 4], the network expects float32 [3, 3, 3, 5].');
  });

  it('has its own help', async () => {
    const r = await ganvas(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ganvas export RUN_DIR --network ID --out DIR/);
  });
});
