import { describe, expect, it } from 'vitest';
import { resultsFileName, slug, zBenchResults, type BenchResults } from './results';

const example: BenchResults = {
  format: 'ganvas-bench',
  version: 1,
  date: '2026-12-02T10:00:00.000Z',
  mode: 'full',
  command: 'npm run bench',
  elapsedS: 300,
  machine: { name: 'AMD EPYC 2c', cpu: 'AMD EPYC', cores: 2, memoryGB: 23, os: 'Linux 6.1', node: 'v20.20.2', tfjs: '4.22.0' },
  protocol: { wasm: { warmup: 3, timed: 20, workloads: ['pix2pix-lite-64'] } },
  peer: { skipped: 'no Python with PyTorch found' },
  rows: [
    {
      workload: 'pix2pix-lite-64',
      backend: 'wasm',
      impl: 'compiled',
      warmup: 3,
      timed: 20,
      ms: { median: 150, min: 140, max: 170, n: 20 },
      samples: Array.from({ length: 20 }, () => 150),
      gflops: 4.67,
      peakBytes: 9e7,
      peakTensors: 1900,
      residentBytes: 4e7,
      leakedTensors: 0,
      firstStepMs: 900,
      vsHandWritten: 1.02,
      target: 1.05,
      meetsTarget: true,
      losses: { lossD: 0.5 },
      prefetchMs: 1,
    },
  ],
  profiles: [{ workload: 'pix2pix-lite-64', backend: 'wasm', impl: 'compiled', kernelMs: 140, kernels: [{ name: 'Conv2D', calls: 16, ms: 29 }], top: [] }],
  notes: [],
};

describe('results document', () => {
  it('accepts a well-formed document', () => {
    expect(zBenchResults.safeParse(example).success).toBe(true);
  });
  it('accepts Chromium rows and editor rows', () => {
    const frames = { seconds: 3, frames: 180, medianMs: 16.7, p95Ms: 33.4, maxMs: 120, longTasks: 0, longTaskMs: 0, longestTaskMs: 0 };
    const doc = {
      ...example,
      chromium: 'Chromium 156 (headless)',
      rows: [...example.rows, { ...example.rows[0]!, backend: 'webgpu', where: 'chromium', software: 'SwiftShader', readbacksPerStep: 0, backendStartMs: 900 }],
      editor: { graph: { nodes: 300, edges: 400, networks: 40, networkNodes: 460, jsonChars: 170_000 }, compileMs: { median: 40, min: 30, max: 60, n: 50 }, drag: frames, training: { ...frames, backend: 'wasm', steps: 30 }, notes: [] },
    };
    expect(zBenchResults.safeParse(doc).success).toBe(true);
  });
  it.each([
    ['a row from nowhere', { rows: [{ ...example.rows[0]!, where: 'safari' }] }],
    ['editor rows without their graph', { editor: { notes: [] } }],
    ['an unknown backend', { rows: [{ ...example.rows[0]!, backend: 'metal' }] }],
    ['a row without step times', { rows: [{ ...example.rows[0]!, ms: undefined }] }],
    ['another format', { format: 'other' }],
  ])('refuses %s', (_what, change) => {
    expect(zBenchResults.safeParse({ ...example, ...change }).success).toBe(false);
  });
});

describe('file names', () => {
  it('are the date and the machine, with -quick for quick runs', () => {
    const d = new Date('2026-12-02T23:59:00Z');
    expect(resultsFileName(d, 'AMD EPYC 7B13 2c', 'full')).toBe('2026-12-02-amd-epyc-7b13-2c.json');
    expect(resultsFileName(d, 'AMD EPYC 7B13 2c', 'quick')).toBe('2026-12-02-amd-epyc-7b13-2c-quick.json');
  });
  it('name a partial run by its part, so it never overwrites a whole run', () => {
    const d = new Date('2026-12-02T23:59:00Z');
    expect(resultsFileName(d, 'AMD EPYC 7B13 2c', 'full', 'editor')).toBe('2026-12-02-amd-epyc-7b13-2c-editor.json');
  });
  it('slug machine names into lower-case words', () => {
    expect(slug('Intel(R) Core(TM) i7-9750H CPU @ 2.60GHz')).toBe('intel-core-i7-9750h-cpu-2-60ghz');
    expect(slug('***')).toBe('machine');
  });
});
