/**
 * The `ganvas` command, run for real in child processes (bin/ganvas.js, as npx runs it) on a
 * 16×16 miniature pix2pix on the wasm backend.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPix2pix } from '../src/graph/fixtures';
import type { GraphDoc } from '../src/graph/schema';
import { readCheckpointDir } from '../src/cli/checkpoint-dir';
import { decodePng } from './png-reader';

const bin = join(import.meta.dirname, '..', 'bin', 'ganvas.js');
const root = mkdtempSync(join(tmpdir(), 'ganvas-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `onStdout` sees stdout as it arrives (to signal the process mid-run). */
function ganvas(args: string[], onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    // The hard limit keeps a CLI that ignores a signal from outliving the test run.
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 55_000, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function graphFile(name: string, edit: (d: GraphDoc) => void = () => {}): string {
  const doc = tinyPix2pix();
  edit(doc);
  const file = join(root, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

interface Line {
  step: number;
  ms: number;
  losses: Record<string, number>;
}

/** Every stdout line must be one of these objects and nothing else. */
function jsonLines(stdout: string): Line[] {
  const lines = stdout.split('\n').filter((l) => l !== '');
  return lines.map((l) => {
    const o = JSON.parse(l) as Line;
    expect(Object.keys(o)).toEqual(['step', 'ms', 'losses']);
    expect(Number.isInteger(o.step)).toBe(true);
    expect(o.ms).toBeGreaterThan(0);
    return o;
  });
}

const LOSSES = ['L1', 'lossD', 'lossFake', 'lossG', 'lossGan', 'lossReal'];
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('ganvas --help', () => {
  it.each([[['--help']], [['train', '--help']], [[]]])('%j prints usage on stdout and exits 0', async (args) => {
    const r = await ganvas(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ganvas /);
    if (args[0] === 'train') expect(r.stdout).toContain('--resume DIR');
  });
});

describe('ganvas train: mistakes', () => {
  it.each([
    [['train', 'g.json'], /--out DIR is required/],
    [['train', 'g.json', '--out', 'o', '--steps', 'ten'], /--steps takes a whole number/],
    [['train', 'g.json', '--out', 'o', '--backend', 'webgpu'], /unknown backend "webgpu"/],
    [['train', 'g.json', '--out', 'o', '--frobnicate'], /unknown option --frobnicate/],
    [['fly'], /unknown command "fly"/],
    [['train', 'missing.json', '--out', 'o'], /Cannot read the graph file missing.json: no such file/],
  ])('%j exits 2 with a message', async (args, message) => {
    const r = await ganvas(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    noStack(r.stderr);
  });

  it('lists every diagnostic of a graph that does not compile, with its node and port', async () => {
    const file = graphFile('broken.json', (d) => {
      d.networks[0]!.nodes.find((n) => n.id === 'c2')!.params.filters = 5;
    });
    const r = await ganvas(['train', file, '--out', join(root, 'broken-out'), '--steps', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: L1 loss “L1” needs inputs of the same shape: 2×16×16×5 and 2×16×16×3\. \[node L1, port b\]$/m);
    expect(r.stderr).toMatch(/^error: Network “Dfake” shares the weights of "disc" .* \[node Dfake\]$/m);
    expect(r.stderr).toMatch(/the graph has 2 errors/);
    expect(existsSync(join(root, 'broken-out'))).toBe(false);
    noStack(r.stderr);
  });
  it('refuses a graph whose data the command line cannot load, with exit 2', async () => {
    const file = graphFile('images.json', (d) => {
      const x = d.nodes.find((n) => n.id === 'x')!;
      x.type = 'image-set';
      x.params = { images: ['cat'], stream: 'data', drawOrder: 0 };
    });
    const r = await ganvas(['train', file, '--out', join(root, 'images-out'), '--steps', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/uses pictures of your own in an Image set \("cat"\); the command line cannot load them yet/);
    noStack(r.stderr);
  });
});

describe('ganvas train', () => {
  const graph = graphFile('tiny.json');
  let baseRuns: Promise<{ straight: Run; first: Run }>;
  beforeAll(() => {
    // Six iterations straight, and the first three of the same run: the resume tests share them.
    baseRuns = Promise.all([
      ganvas(['train', graph, '--steps', '6', '--out', join(root, 'straight'), '--json']),
      ganvas(['train', graph, '--steps', '3', '--out', join(root, 'split'), '--json']),
    ]).then(([straight, first]) => ({ straight, first }));
  });

  it('logs at the --log-every cadence and the last step, and writes previews, losses.jsonl and a checkpoint', async () => {
    const out = join(root, 'files');
    const r = await ganvas(['train', graph, '--steps', '5', '--out', out, '--json', '--log-every', '3', '--preview-every', '2']);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.step)).toEqual([1, 4, 5]);
    for (const l of lines) {
      expect(Object.keys(l.losses).sort()).toEqual(LOSSES);
      for (const v of Object.values(l.losses)) expect(Number.isFinite(v)).toBe(true);
    }
    expect(readFileSync(join(out, 'losses.jsonl'), 'utf8')).toBe(r.stdout);
    // Every 2 iterations, and at the end; the Preview node shows the batch of 2.
    expect(readdirSync(join(out, 'previews')).sort()).toEqual(['step-000002', 'step-000004', 'step-000005']);
    for (const step of ['step-000002', 'step-000005']) {
      expect(readdirSync(join(out, 'previews', step)).sort()).toEqual(['preview-0.png', 'preview-1.png']);
      const png = decodePng(readFileSync(join(out, 'previews', step, 'preview-0.png')));
      expect([png.width, png.height]).toEqual([16, 16]);
      expect(new Set(png.pixels.filter((_, i) => i % 4 === 3))).toEqual(new Set([255]));
    }
    const c = readCheckpointDir(join(out, 'checkpoint'));
    expect(c.step).toBe(5);
    expect(Object.keys(c.weights)).toContain('gen/c1/kernel');
    expect(Object.keys(c.optimizers).sort()).toEqual(['optD', 'optG']);
    noStack(r.stderr);
  });

  it('resumed in a new process, gives exactly the losses of an uninterrupted run', async () => {
    const { straight, first } = await baseRuns;
    expect([straight.code, first.code]).toEqual([0, 0]);
    const rest = await ganvas(['train', graph, '--steps', '3', '--out', join(root, 'split'), '--json', '--resume', join(root, 'split', 'checkpoint')]);
    expect(rest.code).toBe(0);
    expect(rest.stderr).toContain('resumed at step 3');
    const whole = jsonLines(straight.stdout);
    const split = [...jsonLines(first.stdout), ...jsonLines(rest.stdout)];
    expect(split.map((l) => l.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(split.map((l) => l.losses)).toEqual(whole.map((l) => l.losses));
    // The resumed run appends to the log it continues.
    expect(readFileSync(join(root, 'split', 'losses.jsonl'), 'utf8')).toBe(first.stdout + rest.stdout);
    const a = readCheckpointDir(join(root, 'straight'));
    const b = readCheckpointDir(join(root, 'split'));
    expect(b.step).toBe(6);
    for (const [k, w] of Object.entries(a.weights)) expect(Array.from(b.weights[k]!.data), k).toEqual(Array.from(w.data));
  });

  it('refuses to resume a checkpoint of another graph', async () => {
    const { straight } = await baseRuns;
    const other = graphFile('other.json', (d) => {
      d.networks[0]!.nodes.find((n) => n.id === 'c1')!.params.filters = 5;
    });
    expect(straight.code).toBe(0);
    const r = await ganvas(['train', other, '--steps', '1', '--out', join(root, 'other'), '--resume', join(root, 'straight')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot resume .*other\.json .*other weights/);
    noStack(r.stderr);
  });

  // With --log-every 100 the only check after step 1 is the last step's: the run still stops.
  it.each(['1', '100'])('stops on a non-finite loss with exit 3, naming the loss and saving the last finite state (--log-every %s)', async (every) => {
    // The explosive graph of src/runtime/trainer.test.ts: SGD at lr 10 on an L1 weighted 1e12.
    const file = graphFile('explosive.json', (d) => {
      const g = d.nodes.find((n) => n.id === 'optG')!;
      g.type = 'sgd';
      g.params = { ...g.params, lr: 10 };
      d.nodes.find((n) => n.id === 'lossG')!.params.weights = [1, 1e12];
      d.networks[0]!.nodes.find((n) => n.id === 't')!.params.fn = 'leaky-relu';
    });
    const out = join(root, `explosive-${every}`);
    const r = await ganvas(['train', file, '--steps', '10', '--out', out, '--json', '--log-every', every]);
    expect(r.code).toBe(3);
    const m = /The loss “(\w+)” became (NaN|infinite|−infinite) at step (\d+)\./.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(LOSSES).toContain(m![1]);
    const bad = Number(m![3]);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.step)).toEqual(every === '1' ? Array.from({ length: bad - 1 }, (_, i) => i + 1) : [1]);
    const c = readCheckpointDir(out);
    expect(c.step).toBe(bad - 1);
    for (const w of Object.values(c.weights)) expect(Array.from(w.data).every(Number.isFinite)).toBe(true);
    noStack(r.stderr);
  });

  it('on Ctrl-C, finishes the iteration, saves a checkpoint and exits 130', async () => {
    const out = join(root, 'interrupted');
    let sent = false;
    const r = await ganvas(['train', graph, '--steps', '100000', '--out', out, '--json', '--preview-every', '0'], (text, kill) => {
      if (!sent && text.split('\n').length > 3) {
        sent = true;
        kill('SIGINT');
      }
    });
    expect(r.code).toBe(130);
    const last = jsonLines(r.stdout).at(-1)!;
    const c = readCheckpointDir(out);
    expect(c.step).toBe(last.step);
    expect(readdirSync(join(out, 'previews'))).toEqual([`step-${String(c.step).padStart(6, '0')}`]);
    expect(r.stderr).toMatch(/Stopped by SIGINT/);
  });
});
