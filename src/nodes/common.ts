/** Param fragments shared by several node kinds, so each is described once. */
import { z } from 'zod';
import type { GraphSettingsView } from './types';

export const zSplit = z.enum(['train', 'held-out']).describe('Which part of the data: training, or held out for evaluation');

/** Params every data source has. */
export const sourceParams = {
  batch: z.int().min(0).max(4096).default(0).describe('Images per iteration (0: the graph setting)'),
  stream: z
    .string()
    .max(64)
    .default('')
    .describe('Random stream to draw from; sources naming the same stream share it (empty: its own)'),
  drawOrder: z.int().min(0).max(1000).default(0).describe('Order of drawing within a shared stream, lowest first'),
  split: zSplit.default('train'),
};

/** Params of sources that make square images. */
export const sizeParam = {
  size: z.int().min(0).max(2048).default(0).describe('Image height and width in pixels (0: the graph setting)'),
};

export function batchOf(p: { batch: number }, s: GraphSettingsView): number {
  return p.batch > 0 ? p.batch : s.batchSize;
}
export function sizeOf(p: { size: number }, s: GraphSettingsView): number {
  return p.size > 0 ? p.size : s.imageSize;
}

export const zSchedule = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('constant') }),
    z.object({
      kind: z.literal('linear'),
      start: z.int().min(0).default(0).describe('Iteration where the decay starts'),
      end: z.int().min(1).default(1000).describe('Iteration where the rate reaches its final value'),
      final: z.number().min(0).default(0).describe('Final rate as a fraction of the initial rate'),
    }),
    z.object({
      kind: z.literal('step'),
      every: z.int().min(1).default(1000).describe('Iterations between drops'),
      factor: z.number().gt(0).max(1).default(0.5).describe('Multiplier applied at each drop'),
    }),
  ])
  .default({ kind: 'constant' })
  .describe('How the learning rate changes over the run');
export type Schedule = z.infer<typeof zSchedule>;

/** Params every optimizer has. */
export const optimizerParams = {
  lr: z.number().gt(0).max(10).default(2e-4).describe('Learning rate'),
  schedule: zSchedule,
  trains: z
    .object({
      networks: z.array(z.string()).default([]).describe('Ids of the networks this optimizer updates'),
      images: z.array(z.string()).default([]).describe('Ids of the trainable-image nodes this optimizer updates'),
    })
    .default({ networks: [], images: [] })
    .describe('What this optimizer updates; gradients flow into nothing else'),
  stepsPerIteration: z.int().min(1).max(100).default(1).describe('Updates per iteration (n-critic)'),
  order: z.int().min(0).max(1000).default(0).describe('Run order within an iteration, lowest first'),
  clip: z.number().min(0).default(0).describe('Clip trained weights to ±this after each update (0: off)'),
};

/** The learning rate at a given iteration (0-based) under a schedule. */
export function scheduledRate(lr: number, s: Schedule, step: number): number {
  switch (s.kind) {
    case 'constant':
      return lr;
    case 'linear': {
      if (step <= s.start) return lr;
      const t = Math.min(1, (step - s.start) / Math.max(1, s.end - s.start));
      return lr * (1 - t * (1 - s.final));
    }
    case 'step':
      return lr * Math.pow(s.factor, Math.floor(step / s.every));
  }
}
