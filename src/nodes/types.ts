/**
 * The contract every node kind is declared with. A node kind is one `defineNode({...})`
 * object; the palette, inspector, docs, shape checks, compiler and runtime all read it.
 */
import type * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { MessageArgs, MessageCode } from './messages';
import type { Rng } from './prng';

export const portTypes = ['image', 'tensor', 'vector', 'scalar', 'features'] as const;
export type PortType = (typeof portTypes)[number];

export const valueRanges = ['[-1,1]', '[0,1]', 'unbounded'] as const;
export type ValueRange = (typeof valueRanges)[number];

export const categories = [
  'source',
  'transform',
  'block',
  'network',
  'loss',
  'optimizer',
  'output',
  'note',
] as const;
export type Category = (typeof categories)[number];

/** What travels on a wire, as far as checking is concerned. Shapes are NHWC with batch first. */
export interface Signal {
  type: PortType;
  /** image/tensor: [B,H,W,C]; vector: [B,N]; scalar: []; features: [] (see `layers`). */
  shape: number[];
  /** Images only: the range their values lie in. */
  range?: ValueRange;
  /** Features only: one entry per feature map, in order. */
  layers?: { name: string; shape: number[] }[];
}

export interface PortSpec {
  /** Handle id, saved in graph files: an API, never renamed without a migration. */
  name: string;
  label: string;
  /** The type this port carries; an input may list several it accepts. */
  type: PortType | readonly PortType[];
  /** Image inputs: the ranges accepted ('any' when omitted). */
  ranges?: readonly ValueRange[];
  optional?: boolean;
  doc?: string;
}

/** What a node's ports may depend on besides its params: the document's networks. */
export interface PortEnv {
  network(id: string): NetworkPorts | undefined;
}
export interface NetworkPorts {
  id: string;
  label: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
}

export interface GraphSettingsView {
  imageSize: number;
  batchSize: number;
  seed: number;
}

/** A problem found by a node's own shape rule, phrased through the message catalogue. */
export interface Problem<C extends MessageCode = MessageCode> {
  problem: true;
  code: C;
  args: MessageArgs<C>;
  port?: string;
}

export interface InferCtx<P> {
  params: P;
  /** Inferred signals of the connected inputs; unconnected optional inputs are absent. */
  inputs: Record<string, Signal | undefined>;
  settings: GraphSettingsView;
  /** The node's display name, for messages. */
  name: string;
}

export type InferResult = Record<string, Signal> | Problem;

export type InitKind = 'normal' | 'kaiming-uniform' | 'zeros' | 'ones';

/** A weight a block owns. Blocks declare them; the runtime creates and fills them. */
export interface WeightSpec {
  name: string;
  shape: number[];
  init: InitKind;
  /** Standard deviation for 'normal'. */
  std?: number;
  /** Fan-in for 'kaiming-uniform'. */
  fanIn?: number;
  /** False for state such as batch-norm running statistics. */
  trainable: boolean;
}

/** A runtime value on a wire: a tensor, or the list of maps of a `features` port. */
export type Value = tf.Tensor | tf.Tensor[];

export interface BuildCtx<P> {
  params: P;
  /** Inferred signals of this node's inputs and outputs. */
  inputs: Record<string, Signal | undefined>;
  outputs: Record<string, Signal>;
  settings: GraphSettingsView;
  /** True inside a training pass (batch statistics, running-stat updates). */
  training: boolean;
  /**
   * Under a gradient tape, the gradients this pass needs of this node: of its weights (they
   * train in this update) and of its inputs (something that trains lies behind them). Absent
   * where no tape records (previews, applying a network, a step constant to the update).
   * tfjs's fused ops compute every gradient at once; separate ops compute only those that flow.
   */
  tape?: { weights: boolean; inputs: boolean };
  /** This node's weight by the name it declared. */
  weight(name: string): tf.Tensor;
  /** Replace a non-trainable weight (running statistics); ignored when the runtime says so. */
  assign(name: string, value: tf.Tensor): void;
  /** The random stream this node draws from (sources, random transforms). */
  rng(): Rng;
  /** Data the runtime loaded for this node before the run (see `assets`). */
  asset(name: string): unknown;
  /**
   * A value computed from input `port` alone (the Gram matrices of a style image's features):
   * where that input is static, the same for the whole run, the runtime computes it once and
   * keeps it, as a hand-written loop would; otherwise it is computed each time. One value per
   * port. Absent where nothing is static (node tests): then call `compute` yourself.
   */
  once?<T extends tf.Tensor | tf.Tensor[]>(port: string, compute: () => T): T;
}

export interface NodeDef<S extends z.ZodType = z.ZodType, K extends string = string> {
  kind: K;
  label: string;
  category: Category;
  /** One sentence: what it does. */
  summary: string;
  /** A longer explanation for learners. */
  docs: string;
  params: S;
  inputs: PortSpec[] | ((params: z.infer<S>, env: PortEnv) => PortSpec[]);
  outputs: PortSpec[] | ((params: z.infer<S>, env: PortEnv) => PortSpec[]);
  /** Where the node may be placed: the training graph, inside a network, or both. */
  where: 'graph' | 'network' | 'both';
  /** Sources: whether it yields the same value every iteration (evaluated once). */
  isStatic?: (params: z.infer<S>) => boolean;
  /** Draws random numbers: sources and random transforms. */
  random?: boolean;
  /** Names of data the runtime must load before building (built-in datasets, files). */
  assets?: (params: z.infer<S>) => string[];
  /** Pure: output signals from input signals, or a problem. */
  infer(ctx: InferCtx<z.infer<S>>): InferResult;
  /** Blocks: the weights this node owns, in fill order, given its inputs and inferred outputs. */
  weights?: (params: z.infer<S>, inputs: Record<string, Signal | undefined>, outputs: Record<string, Signal>) => WeightSpec[];
  /** tfjs: output values from input values. Absent for nodes the runtime handles itself. */
  build?: (ctx: BuildCtx<z.infer<S>>, inputs: Record<string, Value | undefined>) => Record<string, Value>;
  /** Optimizers: a tfjs optimizer with these params, starting at learning rate `lr`. */
  makeOptimizer?: (params: z.infer<S>, lr: number) => tf.Optimizer;
  /** A few words summarising the key params, shown on the canvas. */
  summarize?: (params: z.infer<S>) => string;
  /**
   * A small worked example for the registry contract test: params (over the defaults) and
   * input signals. Omitted inputs are left unconnected.
   */
  example?: { params?: Partial<z.input<S>>; inputs?: Record<string, Signal>; settings?: Partial<GraphSettingsView> };
}

/** Declares a node kind; the identity function, there for type inference. */
export function defineNode<S extends z.ZodType, K extends string>(def: NodeDef<S, K>): NodeDef<S, K> {
  return def;
}

// The registry stores kinds with different param types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDef = NodeDef<any, string>;

export function problem<C extends MessageCode>(code: C, args: MessageArgs<C>, port?: string): Problem<C> {
  return port === undefined ? { problem: true, code, args } : { problem: true, code, args, port };
}

export function isProblem(r: InferResult): r is Problem {
  return (r as Problem).problem === true;
}
