/**
 * Built-in network templates. Placing one instantiates an ordinary network definition made
 * of block nodes, so a document never depends on library code: a template only writes the
 * first version of a network, which anyone can open and change afterwards.
 */
import type { z } from 'zod';
import type { GraphSettingsView, PortType, Signal, ValueRange } from '../types';

export interface TemplateNode {
  id: string;
  type: string;
  params: Record<string, unknown>;
  position: { x: number; y: number };
  label?: string;
}

export interface TemplateEdge {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export interface TemplateGraph {
  nodes: TemplateNode[];
  edges: TemplateEdge[];
}

export interface TemplateDef<S extends z.ZodObject = z.ZodObject> {
  /** Stable id, saved in documents as the network's `template.id`. */
  id: string;
  label: string;
  /** One sentence: what it is for. */
  summary: string;
  /** A longer explanation for learners. */
  docs: string;
  /** Every field has a default and a description, so `params.parse({})` works. */
  params: S;
  /** A fixed network no optimizer may train (feature extractors). */
  frozen?: boolean;
  /** A short description of the ports of its call sites. */
  ports: string;
  /** The network's inner graph for these params. Node and edge lists are fresh objects. */
  build(params: z.infer<S>): TemplateGraph;
  /** The signals the network is made for, by Input name: for previews and parameter counts. */
  nominalInputs(params: z.infer<S>, settings: GraphSettingsView): Record<string, Signal>;
}

/** Declares a template; the identity function, there for type inference. */
export function defineTemplate<S extends z.ZodObject>(def: TemplateDef<S>): TemplateDef<S> {
  return def;
}

// The template list holds templates with different param types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTemplateDef = TemplateDef<any>;

/** An output port of a node inside the template being built. */
export interface Out {
  node: string;
  port: string;
}

// Wide enough for a node card with a two-line summary; tall enough for its ports.
const COLUMN_WIDTH = 240;
const ROW_HEIGHT = 110;

/**
 * Builds a template's graph in columns, left to right: each stage of a network (a conv with
 * its norm and activation) is one column, its nodes stacked top to bottom, so the data flows
 * rightwards and a stage reads as a unit. `column(top)` starts the next column `top` rows
 * down, which lets a U-Net draw its U.
 */
export class TemplateBuilder {
  private readonly nodes: TemplateNode[] = [];
  private readonly edges: TemplateEdge[] = [];
  private col = -1;
  private row = 0;

  column(top = 0): this {
    this.col++;
    this.row = top;
    return this;
  }

  /** Adds a node in the current column, wired from `inputs` (its input port → a source). */
  add(id: string, type: string, params: Record<string, unknown>, inputs: Record<string, Out> = {}, label?: string): Out {
    if (this.col < 0) this.column();
    if (this.nodes.some((n) => n.id === id)) throw new Error(`Template node id "${id}" is used twice`);
    const node: TemplateNode = { id, type, params, position: { x: this.col * COLUMN_WIDTH, y: this.row * ROW_HEIGHT } };
    if (label !== undefined) node.label = label;
    this.nodes.push(node);
    this.row++;
    for (const [port, from] of Object.entries(inputs))
      this.edges.push({ source: from.node, sourceHandle: from.port, target: id, targetHandle: port });
    return { node: id, port: 'out' };
  }

  /** A network Input node (the call site feeds it by `name`). */
  input(id: string, name: string, type: 'image' | 'tensor' | 'vector', range: ValueRange = '[-1,1]'): Out {
    return this.add(id, 'network.input', { name, type, range });
  }

  output(id: string, name: string, from: Out, type: Exclude<PortType, 'scalar'>, range: ValueRange = '[-1,1]'): void {
    this.add(id, 'network.output', { name, type, range }, { in: from });
  }

  graph(): TemplateGraph {
    return { nodes: this.nodes, edges: this.edges };
  }
}

export type Norm = 'instance' | 'batch' | 'none';

/** The norm block for `norm`, with the workloads' settings written out (eps 1e-5, momentum 0.9). */
export function normBlock(norm: Norm): { type: string; params: Record<string, unknown> } | undefined {
  if (norm === 'instance') return { type: 'instance-norm', params: { eps: 1e-5, affine: true } };
  if (norm === 'batch') return { type: 'batch-norm', params: { eps: 1e-5, momentum: 0.9 } };
  return undefined;
}

export type Activation = 'relu' | 'leaky-relu' | 'tanh' | 'sigmoid' | 'none';

export interface StageSpec {
  /** The weighted block's kind and params. */
  type: string;
  params: Record<string, unknown>;
  norm?: Norm;
  act?: Activation;
  label?: string;
}

/**
 * One column: a weighted block, then its norm and activation if any. The block is named
 * `id` (weights are reported as `id.kernel`); the others `id-norm`, `id-act`.
 */
export function stage(b: TemplateBuilder, id: string, inputs: Record<string, Out>, s: StageSpec): Out {
  let out = b.add(id, s.type, s.params, inputs, s.label);
  const norm = normBlock(s.norm ?? 'none');
  if (norm) out = b.add(`${id}-norm`, norm.type, norm.params, { in: out });
  if (s.act && s.act !== 'none') out = b.add(`${id}-act`, 'activation', { fn: s.act, slope: 0.2 }, { in: out });
  return out;
}

/** Conv params written out in full, so a saved network never depends on a block's defaults. */
export function convParams(filters: number, kernel: number, stride: number, bias: boolean, std: number): Record<string, unknown> {
  return { filters, kernel, stride, padding: 'same', bias, init: 'normal', std };
}

export function convTParams(filters: number, kernel: number, stride: number, bias: boolean, std: number): Record<string, unknown> {
  return { filters, kernel, stride, bias, init: 'normal', std };
}
