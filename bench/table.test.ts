import { describe, expect, it } from 'vitest';
import { browserTable, editorTable, fmtMs, fmtRatio, markdownTable, profileTable, resultsTable, runsIn } from './table';
import type { BenchRow, EditorResults } from './results';

describe('markdownTable', () => {
  it('pads columns to line up, right-aligning numbers', () => {
    expect(markdownTable(['name', 'ms'], [['a', '1.5'], ['longer', '10']], ['l', 'r'])).toBe(
      ['| name   |  ms |', '|--------|----:|', '| a      | 1.5 |', '| longer |  10 |'].join('\n'),
    );
  });
});

describe('numbers', () => {
  it('keeps about three significant digits of milliseconds', () => {
    expect([fmtMs(1.234), fmtMs(12.34), fmtMs(1234.5)]).toEqual(['1.23', '12.3', '1235']);
  });
  it('marks a ratio against its target', () => {
    expect(fmtRatio(1.02, 1.05)).toBe('1.02 ✓');
    expect(fmtRatio(1.4, 1.05)).toBe('1.40 ✗');
    expect(fmtRatio(3.456)).toBe('3.46');
    expect(fmtRatio(undefined)).toBe('');
  });
});

describe('resultsTable', () => {
  const row: BenchRow = {
    workload: 'dcgan-28',
    backend: 'wasm',
    impl: 'compiled',
    warmup: 3,
    timed: 20,
    ms: { median: 1100, min: 1080, max: 1210, n: 20 },
    samples: [],
    gflops: 13.39,
    peakBytes: 165.8e6,
    peakTensors: 812,
    firstStepMs: 2300,
    vsHandWritten: 1.01,
    target: 1.05,
    vsPeer: 3.7,
    losses: {},
  };
  it('writes one line per row with the ratios last', () => {
    const lines = resultsTable([row, { ...row, impl: 'pytorch', backend: 'torch', peakBytes: undefined, peakTensors: undefined, vsHandWritten: undefined, target: undefined, vsPeer: undefined }]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^\| dcgan-28 +\| wasm +\| Node +\| compiled +\| +1100 \| +1080–1210 \| +13\.39 \| +165\.8 \| +812 \| +2\.3 \| +1\.01 ✓ \| +3\.70 \|$/);
    expect(lines[3]).toMatch(/\| torch +\| Python +\| pytorch .*\| +\| +\|$/);
  });
  it('says where a row ran', () => {
    expect(runsIn(row)).toBe('Node');
    expect(runsIn({ ...row, where: 'chromium' })).toBe('Chromium');
    expect(runsIn({ ...row, backend: 'webgpu', where: 'chromium', software: 'a software adapter' })).toBe('Chromium (software GPU)');
  });
});

describe('browserTable', () => {
  it('lists the Chromium rows only, with reads per step', () => {
    const row: BenchRow = { workload: 'pix2pix-lite-64', backend: 'webgpu', where: 'chromium', impl: 'compiled', warmup: 1, timed: 5, ms: { median: 1, min: 1, max: 1, n: 5 }, samples: [], gflops: 1, losses: {}, readbacksPerStep: 0, readbacksLoggedStep: 4, backendStartMs: 1500, leakedTensors: 0 };
    const lines = browserTable([row, { ...row, where: undefined, backend: 'wasm' }]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^\| pix2pix-lite-64 \| webgpu +\| compiled \| +0 \| +4 \| +1\.5 \| +0 \|$/);
    expect(browserTable([{ ...row, readbacksLoggedStep: undefined }]).split('\n')[2]).toMatch(/\| +0 \| +\| +1\.5 \|/);
  });
});

describe('editorTable', () => {
  it('shows compile times, the load and frame times with long tasks', () => {
    const frames = { seconds: 3, frames: 180, medianMs: 16.7, p95Ms: 33.4, maxMs: 120, longTasks: 2, longTaskMs: 130, longestTaskMs: 70 };
    const e: EditorResults = {
      graph: { nodes: 300, edges: 400, networks: 40, networkNodes: 460, jsonChars: 170_000 },
      parseMs: { median: 6, min: 5, max: 9, n: 50 },
      compileMs: { median: 40, min: 30, max: 60, n: 50 },
      loadMs: 1200,
      drag: frames,
      training: { ...frames, longTasks: 0, longTaskMs: 0, longestTaskMs: 0, backend: 'wasm', steps: 40 },
      notes: [],
    };
    const lines = editorTable(e).split('\n');
    expect(lines).toHaveLength(2 + 5);
    expect(lines[3]).toMatch(/^\| compile 300 nodes \+ 460 in 40 networks +\| Node +\| +40\.0 \| +\| +30\.0–60\.0 \| +50 runs \|/);
    expect(lines[5]).toMatch(/drag a node, 300 nodes: frame time +\| Chromium +\| +16\.7 \| +33\.4 \| +–120 \| 180 frames \| 2 \(130 ms, longest 70\.0\)/);
    expect(lines[6]).toMatch(/training on wasm \(40 steps\).*\| 0 +\|$/);
  });
});

describe('profileTable', () => {
  it('lines up the kernels of two profiles and sums the rest', () => {
    const a = { label: 'compiled', kernelMs: 100, kernels: [{ name: 'SplitV', calls: 4, ms: 60 }, { name: 'Conv2D', calls: 2, ms: 30 }, { name: 'Add', calls: 9, ms: 10 }] };
    const b = { label: 'hand-written', kernelMs: 45, kernels: [{ name: 'Conv2D', calls: 2, ms: 30 }, { name: 'Mul', calls: 3, ms: 15 }] };
    const lines = profileTable([a, b], 2).split('\n');
    expect(lines[0]).toMatch(/^\| kernel +\| compiled calls \| +ms \| share \| hand-written calls \| +ms \| share \|$/);
    expect(lines.map((l) => l.split('|')[1]!.trim())).toEqual(['kernel', '-'.repeat(8), 'SplitV', 'Conv2D', 'Mul', 'other', 'total']);
    expect(lines[2]).toMatch(/\| SplitV +\| +4 \| 60\.0 \| +60% \| +0 \| 0\.00 \| +0% \|/);
    expect(lines[5]).toMatch(/\| other +\| +9 \| 10\.0 \| +10% \| +0 \| 0\.00 \| +0% \|/);
  });
});
