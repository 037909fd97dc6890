/**
 * The bench's result document, written to bench/results/<date>-<machine>.json: one row per
 * workload × backend × implementation, the per-kernel profiles, the machine. The zod schema
 * is the format's definition; a results file that does not parse is a bug in the bench.
 */
import { z } from 'zod';

const zSummary = z.object({ median: z.number(), min: z.number(), max: z.number(), n: z.int().min(1) });
const zKernel = z.object({ name: z.string(), calls: z.int(), ms: z.number() });

/** Frame times (requestAnimationFrame deltas) and long tasks while something happens in the editor. */
export const zFrameStats = z.object({
  seconds: z.number(),
  frames: z.int(),
  medianMs: z.number(),
  p95Ms: z.number(),
  maxMs: z.number(),
  longTasks: z.int(),
  longTaskMs: z.number(),
  longestTaskMs: z.number(),
});
export type FrameStats = z.infer<typeof zFrameStats>;

export const zEditorResults = z.object({
  graph: z.object({ nodes: z.int(), edges: z.int(), networks: z.int(), networkNodes: z.int(), jsonChars: z.int() }),
  /** parseGraphDoc and compile of the whole graph in Node, ms. */
  parseMs: zSummary.optional(),
  compileMs: zSummary.optional(),
  /** Recompiling after one edit with the editor's CompileCache (what the editor does on every change). */
  recompileMs: zSummary.optional(),
  /** In the built editor in Chromium: importing the file until its nodes are on the canvas, and the interactions. */
  loadMs: z.number().optional(),
  drag: zFrameStats.optional(),
  pan: zFrameStats.optional(),
  /** Idle canvas of the default graph while a training run goes on in the worker (wasm). */
  training: zFrameStats.extend({ backend: z.string(), steps: z.int() }).optional(),
  notes: z.array(z.string()),
});
export type EditorResults = z.infer<typeof zEditorResults>;

export const zBenchRow = z.object({
  workload: z.enum(['pix2pix-lite-64', 'fast-style-128', 'dcgan-28']),
  /** The tfjs backend, or `torch` for the PyTorch peer (CPU). */
  backend: z.enum(['wasm', 'cpu', 'webgpu', 'webgl', 'torch']),
  /** Where it ran: Node (the default) or the bench page in headless Chromium. */
  where: z.enum(['node', 'chromium']).optional(),
  /** Why a GPU backend counts as software-emulated here (SwiftShader): such rows carry no target. */
  software: z.string().optional(),
  impl: z.enum(['compiled', 'hand-written', 'pytorch']),
  warmup: z.int(),
  timed: z.int(),
  /** Step wall time, ms. */
  ms: zSummary,
  samples: z.array(z.number()),
  /** The spec's train GFLOP per step ÷ the median step time. */
  gflops: z.number(),
  /** Peak tensor bytes and count during one step, above what the step started with. */
  peakBytes: z.number().optional(),
  peakTensors: z.int().optional(),
  /** Tensor bytes held between steps: weights, optimizer slots, cached values (benchmark data excluded). */
  residentBytes: z.number().optional(),
  leakedTensors: z.int().optional(),
  /** Build + first step in a fresh process, framework and backend already loaded. */
  firstStepMs: z.number().optional(),
  /** This row's median ÷ the hand-written loop's, same backend, same run. */
  vsHandWritten: z.number().optional(),
  /** This row's median ÷ the PyTorch peer's, same run. */
  vsPeer: z.number().optional(),
  /** Compiled rows with a target: compiled ÷ hand-written must not exceed it. */
  target: z.number().optional(),
  meetsTarget: z.boolean().optional(),
  /** Step-1 losses against the compiled graph's (hand-written and peer rows). */
  parity: z.object({ against: z.literal('compiled'), key: z.string(), rel: z.number(), ok: z.boolean() }).optional(),
  losses: z.record(z.string(), z.number()),
  /** Compiled rows of runs before 2026-12-03: the part of a step spent drawing the procedural data, which the step then included. */
  dataMs: z.number().optional(),
  /** Compiled rows: drawing the next step's data before it (the Trainer's prefetch), outside the timed step, as the other rows pre-generate theirs. */
  prefetchMs: z.number().optional(),
  /** Chromium rows: reads of tensor data per timed step, the bench's own fence excluded (0: no readbacks). */
  readbacksPerStep: z.number().optional(),
  /** Chromium rows: reads during step 1, which reads its losses back (shows the count sees reads). */
  readbacksLoggedStep: z.number().optional(),
  /** Chromium rows: starting the backend in a fresh browser (not part of the first step). */
  backendStartMs: z.number().optional(),
});
export type BenchRow = z.infer<typeof zBenchRow>;

export const zBenchResults = z.object({
  format: z.literal('ganvas-bench'),
  version: z.literal(1),
  date: z.string(),
  mode: z.enum(['full', 'quick']),
  command: z.string(),
  elapsedS: z.number(),
  machine: z.object({
    name: z.string(),
    cpu: z.string(),
    cores: z.int(),
    memoryGB: z.number(),
    os: z.string(),
    node: z.string(),
    tfjs: z.string(),
  }),
  protocol: z.record(z.string(), z.object({ warmup: z.int(), timed: z.int(), workloads: z.array(z.string()) })),
  peer: z.union([z.object({ python: z.string(), torch: z.string(), threads: z.int() }), z.object({ skipped: z.string() })]),
  rows: z.array(zBenchRow),
  profiles: z.array(
    z.object({
      workload: z.string(),
      backend: z.string(),
      impl: z.string(),
      kernelMs: z.number(),
      kernels: z.array(zKernel),
      top: z.array(z.object({ name: z.string(), inputs: z.string(), ms: z.number() })),
    }),
  ),
  notes: z.array(z.string()),
  /** The editor rows: compile time of a 300-node graph in Node, frame times in Chromium. */
  editor: zEditorResults.optional(),
  /** The Chromium the browser and editor rows ran in. */
  chromium: z.string().optional(),
});
export type BenchResults = z.infer<typeof zBenchResults>;

/** bench/results/2026-12-02-amd-epyc-2c.json (quick runs get a -quick suffix and are not committed). */
export function resultsFileName(date: Date, machine: string, mode: 'full' | 'quick', part?: string): string {
  const day = date.toISOString().slice(0, 10);
  return `${day}-${slug(machine)}${mode === 'quick' ? '-quick' : ''}${part ? `-${slug(part)}` : ''}.json`;
}

/** Lower-case words joined by hyphens: "AMD EPYC 7B13 (2 cores)" → "amd-epyc-7b13-2-cores". */
export function slug(s: string): string {
  return s.toLowerCase().replace(/\(r\)|\(tm\)/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'machine';
}
