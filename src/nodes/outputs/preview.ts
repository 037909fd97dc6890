import { z } from 'zod';
import { image, isProblemValue, map4 } from '../shape';
import { defineNode } from '../types';

export const zEvery = z
  .int()
  .min(0)
  .max(1_000_000)
  .default(0)
  .describe("Iterations between updates (0: the graph's preview setting)");

export const preview = defineNode({
  kind: 'preview',
  label: 'Preview',
  category: 'output',
  summary: 'Shows a live grid of images while the graph trains.',
  docs:
    'Every few iterations Ganvas runs the part of the graph that feeds this node once more, without ' +
    'training, on a batch of inputs drawn once at the start, and shows the images as a grid. Because the ' +
    'inputs stay the same, you watch the same noise vectors or photos turn into results as the weights ' +
    'change. Images in any range are shown: [-1,1] and [0,1] map to black…white, unbounded ones are ' +
    'stretched to their own minimum and maximum.',
  params: z.object({
    every: zEvery,
    count: z.int().min(1).max(64).default(8).describe('Images shown from the batch'),
    columns: z.int().min(0).max(16).default(0).describe('Images per row (0: as square a grid as possible)'),
  }),
  where: 'graph',
  inputs: [{ name: 'in', label: 'in', type: 'image', doc: 'The images to show' }],
  outputs: [],
  infer(ctx) {
    const x = map4(ctx, 'in');
    return isProblemValue(x) ? x : {};
  },
  summarize: (p) => `${p.count} images${p.every > 0 ? ` · every ${p.every}` : ''}`,
  example: { params: { count: 4, columns: 2 }, inputs: { in: image([2, 8, 8, 3], '[-1,1]') } },
});
