/**
 * The bench's printed tables, as Markdown so they paste into the README as they are: the
 * results (one row per workload × backend × implementation) and the per-kernel profiles.
 */
import type { KernelSummary } from './profile';
import type { BenchResults, BenchRow, EditorResults, FrameStats } from './results';

type Align = 'l' | 'r';

/** A Markdown table with its columns padded to line up. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (s: string, i: number) => (align[i] === 'r' ? s.padStart(widths[i]!) : s.padEnd(widths[i]!));
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map((r) => line(header.map((_, i) => r[i] ?? '')))].join('\n');
}

/** Milliseconds with about three significant digits. */
export function fmtMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

const fmtOpt = (v: number | undefined, f: (x: number) => string) => (v === undefined ? '' : f(v));

/** A ratio, with the target's verdict where there is one. */
export function fmtRatio(v: number | undefined, target?: number): string {
  if (v === undefined) return '';
  const s = v.toFixed(2);
  return target === undefined ? s : `${s} ${v <= target ? '✓' : '✗'}`;
}

const header = ['workload', 'backend', 'in', 'impl', 'median ms', 'min–max ms', 'GFLOP/s', 'peak MB', 'peak tensors', 'first step s', '÷ hand-written', '÷ PyTorch'];
const align: Align[] = ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];

export function resultsTable(rows: readonly BenchRow[]): string {
  return markdownTable(
    header,
    rows.map((r) => [
      r.workload,
      r.backend,
      runsIn(r),
      r.impl,
      fmtMs(r.ms.median),
      `${fmtMs(r.ms.min)}–${fmtMs(r.ms.max)}`,
      r.gflops.toFixed(2),
      fmtOpt(r.peakBytes, (b) => (b / 1e6).toFixed(1)),
      fmtOpt(r.peakTensors, String),
      fmtOpt(r.firstStepMs, (ms) => (ms / 1000).toFixed(1)),
      fmtRatio(r.vsHandWritten, r.target),
      fmtRatio(r.vsPeer),
    ]),
    align,
  );
}

/** Where a row ran: Node, Python (the peer), Chromium, or Chromium on a software-emulated GPU. */
export function runsIn(r: Pick<BenchRow, 'where' | 'backend' | 'software'>): string {
  if (r.where === 'chromium') return r.software ? 'Chromium (software GPU)' : 'Chromium';
  return r.backend === 'torch' ? 'Python' : 'Node';
}

/** The Chromium rows' extras: reads of tensor data per timed step (and in the logged step 1), backend start, tensors left behind. */
export function browserTable(rows: readonly BenchRow[]): string {
  return markdownTable(
    ['workload', 'backend', 'impl', 'reads per step', 'reads, step 1 (logged)', 'backend start s', 'tensors left'],
    rows
      .filter((r) => r.where === 'chromium')
      .map((r) => [r.workload, r.backend, r.impl, fmtOpt(r.readbacksPerStep, String), fmtOpt(r.readbacksLoggedStep, String), fmtOpt(r.backendStartMs, (ms) => (ms / 1000).toFixed(1)), fmtOpt(r.leakedTensors, String)]),
    ['l', 'l', 'l', 'r', 'r', 'r', 'r'],
  );
}

/** The editor rows: compile time in Node, load and frame times in Chromium, with long tasks. */
export function editorTable(e: EditorResults): string {
  const g = e.graph;
  const what = `${g.nodes} nodes`;
  const rows: string[][] = [];
  const timed = (label: string, s: EditorResults['compileMs']) => {
    if (s) rows.push([label, 'Node', fmtMs(s.median), '', `${fmtMs(s.min)}–${fmtMs(s.max)}`, `${s.n} runs`, '']);
  };
  timed(`parse ${what} (${(g.jsonChars / 1000).toFixed(0)} kB)`, e.parseMs);
  timed(`compile ${what} + ${g.networkNodes} in ${g.networks} networks`, e.compileMs);
  timed(`recompile ${what} after one edit (the editor's cache)`, e.recompileMs);
  if (e.loadMs !== undefined) rows.push([`import ${what} until all are drawn`, 'Chromium', fmtMs(e.loadMs), '', '', '', '']);
  const frames = (label: string, f: FrameStats | undefined) => {
    if (f) rows.push([label, 'Chromium', fmtMs(f.medianMs), fmtMs(f.p95Ms), `–${fmtMs(f.maxMs)}`, `${f.frames} frames`, f.longTasks ? `${f.longTasks} (${fmtMs(f.longTaskMs)} ms, longest ${fmtMs(f.longestTaskMs)})` : '0']);
  };
  frames(`drag a node, ${what}: frame time`, e.drag);
  frames(`pan the canvas, ${what}: frame time`, e.pan);
  if (e.training) frames(`default graph training on ${e.training.backend} (${e.training.steps} steps): frame time`, e.training);
  return markdownTable(['editor', 'in', 'median ms', 'p95 ms', 'min–max ms', 'n', 'long tasks'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'l']);
}

/**
 * The kernels of one workload's step side by side, costliest (in the first profile) first,
 * the rest summed in "other": where a compiled step does more work than the hand-written one.
 */
export function profileTable(profiles: readonly { label: string; kernelMs: number; kernels: readonly KernelSummary[] }[], topN = 12): string {
  const first = profiles[0];
  if (!first) return '';
  const names = first.kernels.slice(0, topN).map((k) => k.name);
  for (const p of profiles.slice(1)) for (const k of p.kernels.slice(0, topN)) if (!names.includes(k.name) && k.ms > 0.05 * p.kernelMs) names.push(k.name);
  const cells = (p: (typeof profiles)[number], name: string | undefined) => {
    const ks = name === undefined ? p.kernels.filter((k) => !names.includes(k.name)) : p.kernels.filter((k) => k.name === name);
    const ms = ks.reduce((n, k) => n + k.ms, 0);
    const calls = ks.reduce((n, k) => n + k.calls, 0);
    return [String(calls), fmtMs(ms), `${p.kernelMs > 0 ? ((100 * ms) / p.kernelMs).toFixed(0) : '0'}%`];
  };
  const rows = [...names, undefined].map((name) => [name ?? 'other', ...profiles.flatMap((p) => cells(p, name))]);
  rows.push(['total', ...profiles.flatMap((p) => [String(p.kernels.reduce((n, k) => n + k.calls, 0)), fmtMs(p.kernelMs), '100%'])]);
  const head = ['kernel', ...profiles.flatMap((p) => [`${p.label} calls`, 'ms', 'share'])];
  return markdownTable(head, rows, ['l', ...profiles.flatMap(() => ['r', 'r', 'r'] as Align[])]);
}

/** The lines under the table: the machine, the protocol, the peer. */
export function describeRun(r: BenchResults): string[] {
  const m = r.machine;
  const peer = 'skipped' in r.peer ? `PyTorch peer skipped: ${r.peer.skipped}` : `PyTorch peer: torch ${r.peer.torch}, ${r.peer.threads} threads (${r.peer.python})`;
  const protocol = Object.entries(r.protocol).map(([b, p]) => `${b}: ${p.warmup} warm-up + ${p.timed} timed steps (${p.workloads.join(', ')})`);
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; Node ${m.node}, tfjs ${m.tfjs}${r.chromium ? `; ${r.chromium}` : ''}.`,
    ...(protocol.length ? [`Protocol: ${protocol.join('; ')}.`] : []),
    `${peer}.`,
  ];
}
