import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { map4, isProblemValue, tensor } from '../shape';
import { defineNode } from '../types';
import { numberedInputs, numberedPorts, portNames } from './ports';

export const zFeatureListParams = z.object({
  count: z.int().min(1).max(8).default(3).describe('Number of feature maps'),
});

export const featureList = defineNode({
  kind: 'feature-list',
  label: 'Feature list',
  category: 'block',
  summary: 'Bundles several feature maps into one features output, f1 to fN in order.',
  docs:
    'Feature extractors end with this node: it gathers the maps taken at different depths (which may ' +
    'differ in size and channels) into one "features" wire, named f1, f2, … in port order. Style and ' +
    'content losses then pick the layers they compare by those names.',
  params: zFeatureListParams,
  where: 'both',
  inputs: (p) => numberedPorts('f', p.count, 'tensor'),
  outputs: [{ name: 'out', label: 'out', type: 'features' }],
  infer(ctx) {
    // The maps may differ in size and channels; only their batches must broadcast.
    const xs = numberedInputs(ctx, 'f', ctx.params.count, map4);
    if (isProblemValue(xs)) return xs;
    const names = portNames('f', ctx.params.count);
    const layers = xs.signals.map((x, i) => ({ name: names[i]!, shape: [...x.shape] }));
    return { out: { type: 'features', shape: [], layers } };
  },
  build: (ctx, inputs) => ({ out: portNames('f', ctx.params.count).map((p) => inputs[p] as tf.Tensor) }),
  summarize: (p) => `${p.count} maps`,
  example: { params: { count: 2 }, inputs: { f1: tensor([2, 4, 4, 3]), f2: tensor([2, 2, 2, 5]) } },
});
