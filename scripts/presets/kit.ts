/**
 * Builders shared by the preset scripts: a grid layout, nodes with every param written out,
 * network call sites, template networks, Adam, notes, and the scales a preset documents.
 */
import type { GraphDoc, GraphNode, NetworkDef } from '../../src/graph/schema';
import { templateNetwork } from '../../src/graph/templates';
import { registry } from '../../src/nodes/registry';

export type Position = { x: number; y: number };

// One column per role (data, generator, discriminator, losses, optimizers), wide enough for a
// network call-site card; rows tall enough for a card with three ports.
const COL = 320;
const ROW = 180;
export const at = (col: number, row: number): Position => ({ x: Math.round(col * COL), y: Math.round(row * ROW) });

/** A training-graph node with every param written out, so a preset never depends on a kind's defaults. */
export function n(id: string, type: string, params: Record<string, unknown>, position: Position, label?: string): GraphNode {
  const def = registry.get(type);
  if (!def) throw new Error(`No node kind "${type}"`);
  const node: GraphNode = { id, type, position, params: def.params.parse(params) as Record<string, unknown> };
  if (label !== undefined) node.label = label;
  return node;
}

export const call = (id: string, network: string, position: Position, label: string) => n(id, 'network', { network }, position, label);

/** A network from a template, its params written out in full (they are the workload's layer table). */
export const net = (template: string, id: string, seed: number, label: string, params: Record<string, unknown>): NetworkDef =>
  templateNetwork(template, params, { id, seed, label });

/** WORKLOADS.md §0: Adam with eps 1e-8, no schedule, no clipping, one update per iteration. */
export const adam = (lr: number, beta1: number, networks: string[], order: number, images: string[] = []) =>
  ({ lr, beta1, beta2: 0.999, epsilon: 1e-8, schedule: { kind: 'constant' }, trains: { networks, images }, stepsPerIteration: 1, order, clip: 0 });

export const source = (batch: number, stream: string, drawOrder: number, split: 'train' | 'held-out' = 'train') => ({ batch, stream, drawOrder, split });

export function settings(imageSize: number, batchSize: number, steps: number, previewEvery: number, streams: Record<string, number>): GraphDoc['settings'] {
  return { seed: 1, imageSize, batchSize, steps, previewEvery, logEvery: 1, backend: 'auto', streams };
}

/** A note above column `col` (row −1.3, or `row`), explaining that part of the graph. */
export const note = (id: string, col: number, text: string, color: 'yellow' | 'blue' | 'green' | 'pink' = 'yellow', row = -1.3) =>
  n(id, 'note', { text, color, width: 280, height: 200 }, at(col, row));

/** How big a run is: image size, batch and iterations. */
export interface Scale {
  imageSize: number;
  batchSize: number;
  steps: number;
}

/**
 * The scales a library preset documents: `full` is the graph's own settings; `gallery` the
 * smaller run `npm run gallery` trains (the same graph with these settings).
 */
export interface Scales {
  full: Scale;
  gallery: Scale;
}

const fmt = (s: Scale) => `${s.steps.toLocaleString('en')} steps at ${s.imageSize}×${s.imageSize}, batch ${s.batchSize}`;

/** The sentence a description ends with, and the machine-readable tags, for these scales. */
export function scaleText(s: Scales): { sentence: string; tags: string[] } {
  return {
    sentence: `Full scale (its settings): ${fmt(s.full)}. Gallery scale: ${fmt(s.gallery)}.`,
    tags: [`gallery-steps:${s.gallery.steps}`, `gallery-size:${s.gallery.imageSize}`, `gallery-batch:${s.gallery.batchSize}`],
  };
}

/** Reads the gallery scale back from a document's tags (undefined when it has none). */
export function galleryScale(doc: GraphDoc): Scale | undefined {
  const tag = (name: string) => {
    const t = doc.meta.tags.find((x) => x.startsWith(`${name}:`));
    return t === undefined ? undefined : Number(t.slice(name.length + 1));
  };
  const steps = tag('gallery-steps');
  const imageSize = tag('gallery-size');
  const batchSize = tag('gallery-batch');
  return steps === undefined || imageSize === undefined || batchSize === undefined ? undefined : { steps, imageSize, batchSize };
}

export interface PresetParts {
  title: string;
  description: string;
  tags: string[];
  scales: Scales;
  previewEvery: number;
  streams: Record<string, number>;
}

/** The document's meta and settings from its parts: the description ends with the scales. */
export function metaAndSettings(p: PresetParts): { meta: Partial<GraphDoc['meta']>; settings: GraphDoc['settings'] } {
  const s = scaleText(p.scales);
  return {
    meta: { title: p.title, description: `${p.description} ${s.sentence}`, author: 'Ganvas', tags: [...p.tags, ...s.tags] },
    settings: settings(p.scales.full.imageSize, p.scales.full.batchSize, p.scales.full.steps, p.previewEvery, p.streams),
  };
}
