/**
 * The `*.ganvas.json` graph document: node params are kept as plain data here and checked
 * against each node kind's own schema by the compiler, so one bad setting never makes a
 * whole file unreadable.
 */
import { z } from 'zod';

export const GRAPH_FORMAT = 'ganvas-graph';
export const GRAPH_VERSION = 1;

const zId = z.string().min(1).max(200).describe('Unique id');

export const zPosition = z.object({ x: z.number(), y: z.number() });

export const zNode = z.object({
  id: zId,
  type: z.string().min(1).max(100).describe('Node kind, e.g. "conv2d"'),
  position: zPosition.default({ x: 0, y: 0 }),
  params: z.record(z.string(), z.unknown()).default({}).describe("The node's settings, checked by its kind"),
  label: z.string().max(200).optional().describe('Display name'),
});
export type GraphNode = z.infer<typeof zNode>;

export const zEdge = z.object({
  id: z.string().max(400).optional(),
  source: zId,
  sourceHandle: z.string().min(1).max(100),
  target: zId,
  targetHandle: z.string().min(1).max(100),
});
export type GraphEdge = z.infer<typeof zEdge>;

export const zNetwork = z.object({
  id: zId,
  label: z.string().max(200).default(''),
  seed: z.int().min(0).max(4294967295).describe("Seed of this network's initial weights"),
  frozen: z.boolean().default(false).describe('A fixed network no optimizer may train (feature extractors)'),
  template: z
    .object({ id: z.string(), params: z.record(z.string(), z.unknown()).default({}) })
    .optional()
    .describe('The built-in template this network was made from, and its settings'),
  nodes: z.array(zNode).default([]),
  edges: z.array(zEdge).default([]),
});
export type NetworkDef = z.infer<typeof zNetwork>;

export const backends = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;

export const zSettings = z.object({
  seed: z.int().min(0).max(4294967295).default(1).describe('Seed of streams that have none of their own'),
  imageSize: z.int().min(1).max(2048).default(64).describe('Default image height and width'),
  batchSize: z.int().min(1).max(4096).default(1).describe('Default images per iteration'),
  steps: z.int().min(0).max(10_000_000).default(1000).describe('Iterations to train'),
  previewEvery: z.int().min(1).max(1_000_000).default(50).describe('Iterations between previews'),
  logEvery: z.int().min(1).max(1_000_000).default(1).describe('Iterations between loss readbacks'),
  backend: z.enum(backends).default('auto'),
  streams: z
    .record(z.string(), z.int().min(0).max(4294967295))
    .default({})
    .describe('Seeds of named random streams'),
});
export type GraphSettings = z.infer<typeof zSettings>;

export const zMeta = z.object({
  title: z.string().max(200).default('Untitled graph'),
  description: z.string().max(20_000).default(''),
  author: z.string().max(200).default(''),
  tags: z.array(z.string().max(50)).max(50).default([]),
  thumbnail: z.string().max(400_000).optional().describe('A small preview image, as a data URL'),
});

/** Picture formats a graph file may carry (the image-set node's own pictures). */
export const assetMimes = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** A picture may be at most this many bytes (the editor refuses larger files). */
export const MAX_ASSET_BYTES = 50 * 1024 * 1024;
export const MAX_ASSETS = 10_000;

/** One picture carried in a graph file: the original file's bytes, base64. */
export const zAsset = z.object({
  mime: z.enum(assetMimes),
  name: z.string().max(200).optional().describe('The file name it was added from'),
  data: z
    .string()
    .max(Math.ceil(MAX_ASSET_BYTES / 3) * 4)
    .describe("The picture file's bytes, base64"),
});
export type Asset = z.infer<typeof zAsset>;

/**
 * Pictures a file carries, keyed by image id (the truncated SHA-256 of the bytes, which the
 * reader checks). Only in files: the editor moves them into its picture store on import.
 */
export const zAssets = z
  .record(z.string().regex(/^[0-9a-f]{16,64}$/), zAsset)
  .refine((r) => Object.keys(r).length <= MAX_ASSETS, `at most ${MAX_ASSETS} pictures`)
  .describe('Pictures the graph names (image-set params.images), by id; optional');

export const zGraphDoc = z.object({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(GRAPH_VERSION),
  meta: zMeta.default({ title: 'Untitled graph', description: '', author: '', tags: [] }),
  nodes: z.array(zNode).max(10_000),
  edges: z.array(zEdge).max(40_000).default([]),
  networks: z.array(zNetwork).max(1_000).default([]),
  settings: zSettings.default(zSettings.parse({})),
  assets: zAssets.optional(),
});
export type GraphDoc = z.infer<typeof zGraphDoc>;

/** A new, empty document */
export function emptyDoc(title = 'Untitled graph'): GraphDoc {
  return zGraphDoc.parse({ format: GRAPH_FORMAT, version: GRAPH_VERSION, meta: { title }, nodes: [] });
}
