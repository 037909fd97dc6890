import { z } from 'zod';
import { scalar } from '../shape';
import { defineNode, type PortSpec } from '../types';

export const zChartParams = z.object({
  count: z.int().min(1).max(8).default(2).describe('Number of curves (ports l1…lN)'),
  smoothing: z.number().min(0).max(0.99).default(0.6).describe('Exponential smoothing of the curves (0: raw values)'),
  title: z.string().max(120).default('').describe('Title above the chart (empty: none)'),
});

export const chart = defineNode({
  kind: 'chart',
  label: 'Chart',
  category: 'output',
  summary: 'Plots losses over the iterations of training.',
  docs:
    'Draws one curve per wired loss, against the iteration. GAN losses are noisy and do not fall steadily ' +
    'as other losses do: the generator and discriminator push against each other, so watch for curves ' +
    'that stay in a band rather than ones that go to zero (a discriminator loss at zero usually means the ' +
    'generator has stopped learning). Smoothing averages each point with the ones before it, as ' +
    'TensorBoard does; the raw values stay faint behind the smoothed curve.',
  params: zChartParams,
  where: 'graph',
  inputs: (p) =>
    Array.from({ length: p.count }, (_, i): PortSpec => ({ name: `l${i + 1}`, label: `l${i + 1}`, type: 'scalar', optional: true })),
  outputs: [],
  infer: () => ({}),
  summarize: (p) => p.title || `${p.count} curve${p.count === 1 ? '' : 's'}`,
  example: { params: { count: 2, title: 'GAN losses' }, inputs: { l1: scalar, l2: scalar } },
});
