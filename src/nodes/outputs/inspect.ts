import { z } from 'zod';
import { defineNode, problem } from '../types';
import { zEvery } from './preview';

export const inspect = defineNode({
  kind: 'inspect',
  label: 'Inspect',
  category: 'output',
  summary: 'Shows statistics, a histogram and the channels of whatever is wired into it.',
  docs:
    'Wire any output into it to look inside the graph while it trains: the shape, the minimum, maximum, ' +
    'mean and standard deviation, a histogram of the values, and for images and feature maps the first ' +
    'channels drawn as small grey images. Like Preview it runs on a fixed batch every few iterations ' +
    'without affecting training. Dead channels (all zero after a ReLU), exploding values and a ' +
    "generator that ignores its input all show up here first.",
  params: z.object({
    every: zEvery,
    histogramBins: z.int().min(2).max(256).default(32).describe('Bars in the histogram'),
    maxChannels: z.int().min(1).max(256).default(16).describe('Channels drawn at most, for maps'),
  }),
  where: 'graph',
  inputs: [{ name: 'in', label: 'in', type: ['image', 'tensor', 'vector', 'scalar', 'features'], doc: 'Anything to look at' }],
  outputs: [],
  infer(ctx) {
    return ctx.inputs.in ? {} : problem('missingInput', { node: ctx.name, port: 'in' }, 'in');
  },
  summarize: (p) => `${p.histogramBins} bins${p.every > 0 ? ` · every ${p.every}` : ''}`,
  example: {
    inputs: { in: { type: 'features', shape: [], layers: [{ name: 'f1', shape: [2, 4, 4, 8] }] } },
  },
});
