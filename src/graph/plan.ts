/**
 * A TrainingPlan: what a checked graph means, as plain data a worker can receive. The
 * runtime turns it into tfjs with the node definitions' `build`.
 *
 * Run semantics. A run is a sequence of iterations; `step` counts iterations. Each iteration:
 * 1. every per-iteration source is evaluated once, outside any gradient tape; sources sharing
 *    a stream draw from it in ascending drawOrder (`streams`);
 * 2. `data` steps (derived from sources, touching no trained weights) are evaluated, also
 *    outside any tape; `static` steps were evaluated once before the first iteration and cached;
 * 3. optimizers run in `optimizers` order; each evaluates its `steps` under a tape scoped to
 *    the networks and trainable images it names, and applies one update; an optimizer with
 *    k steps per iteration re-draws, for repeats 2..k, only `redraw` (and re-evaluates
 *    `redrawSteps`) before each repeat;
 * 4. batch-norm running statistics update once per iteration (the first training pass);
 * 5. taps (previews, inspects) run every `every` iterations as a separate no-grad pass on a
 *    fixed batch drawn once at the start; losses are read back every `logEvery` iterations
 *    (losses nothing minimises are evaluated then, without a tape: `reports`), and charts
 *    plot those readings.
 */
import type { Signal } from '../nodes/types';
import type { PlanWeight } from './analyze';
import type { GraphSettings } from './schema';

export const PLAN_VERSION = 1;

export interface PlanRef {
  node: string;
  port: string;
}

/** When a training-graph step is evaluated. */
export type Phase = 'static' | 'data' | 'model' | 'sink';

export interface PlanStep {
  id: string;
  kind: string;
  /** Params parsed by the kind's schema, defaults filled in. */
  params: unknown;
  inputs: Record<string, PlanRef>;
  inputSignals: Record<string, Signal>;
  outputs: Record<string, Signal>;
  /** Call sites: the network they run. */
  network?: string;
  /** Training graph only. */
  phase?: Phase;
  /** Networks and trainable images this step's value depends on. */
  uses?: string[];
}

export interface PlanNetwork {
  id: string;
  label: string;
  seed: number;
  frozen: boolean;
  /** Whether some optimizer updates it. */
  trained: boolean;
  steps: PlanStep[];
  inputs: { name: string; node: string }[];
  outputs: { name: string; node: string }[];
  /** In fill order (WORKLOADS.md): topological order of blocks, each block's declared order. */
  weights: PlanWeight[];
  paramCount: number;
  trainableCount: number;
  callSites: string[];
  /** Inner signals as seen from each call site, when they differ from `steps`' (other sizes). */
  callSignals: Record<string, Record<string, { inputs: Record<string, Signal>; outputs: Record<string, Signal> }>>;
}

export interface PlanStream {
  name: string;
  seed: number;
  /** Nodes drawing from it, in draw order. */
  nodes: string[];
}

export interface PlanOptimizer {
  id: string;
  kind: string;
  params: unknown;
  loss: PlanRef;
  networks: string[];
  images: string[];
  stepsPerIteration: number;
  /** Model-phase steps its loss needs, in order. */
  steps: string[];
  redraw: string[];
  redrawSteps: string[];
}

export interface PlanTap {
  id: string;
  kind: string;
  params: unknown;
  inputs: Record<string, PlanRef>;
  steps: string[];
}

export interface TrainingPlan {
  version: typeof PLAN_VERSION;
  settings: GraphSettings;
  /** Training-graph steps in topological order, pruned to what optimizers and taps need. */
  steps: PlanStep[];
  networks: PlanNetwork[];
  streams: PlanStream[];
  /** Per-iteration sources, in evaluation order. */
  sources: string[];
  trainableImages: { id: string; weights: PlanWeight[] }[];
  optimizers: PlanOptimizer[];
  taps: PlanTap[];
  /** Charts plot logged losses at the log cadence; they cause no pass of their own. */
  charts: { id: string; params: unknown; series: PlanRef[] }[];
  /** Every loss node id, logged every `logEvery` iterations. */
  losses: string[];
  /**
   * The model-phase steps, in order, that losses no optimizer minimises depend on: a no-grad
   * pass evaluates them at the log cadence so those losses can be reported.
   */
  reports: string[];
}
