import { tf } from '../tfjs';
import { z } from 'zod';
import { scalar } from '../shape';
import { defineNode, problem, type PortSpec } from '../types';
import { formatNumber } from './reduce';

export const zWeightedSumParams = z.object({
  count: z.int().min(1).max(8).default(2).describe('Number of terms (ports t1…tN)'),
  weights: z
    .array(z.number())
    .max(8)
    .default([])
    .describe('Weight of each term, in port order (missing ones are 1)'),
});
type WeightedSumParams = z.infer<typeof zWeightedSumParams>;

const weightOf = (p: WeightedSumParams, i: number): number => p.weights[i] ?? 1;
const terms = (p: WeightedSumParams): number[] => Array.from({ length: p.count }, (_, i) => i);

export const weightedSum = defineNode({
  kind: 'weighted-sum',
  label: 'Weighted sum',
  category: 'loss',
  summary: 'Adds losses together, each times its weight (the λs of a paper).',
  docs:
    'Combines several losses into the one an optimizer minimises: w1·t1 + w2·t2 + …. Weights balance terms ' +
    'of very different sizes, e.g. pix2pix uses 1·adversarial + 100·L1, and fast style transfer ' +
    '1e5·style + 1·content + 0.1·total variation. A weight of 0.5 on a sum of two terms gives their mean, ' +
    'as in the discriminator loss of pix2pix.',
  params: zWeightedSumParams,
  where: 'graph',
  inputs: (p) => terms(p).map((i): PortSpec => ({ name: `t${i + 1}`, label: `t${i + 1}`, type: 'scalar' })),
  outputs: [{ name: 'loss', label: 'loss', type: 'scalar' }],
  infer(ctx) {
    for (const i of terms(ctx.params)) {
      const port = `t${i + 1}`;
      if (!ctx.inputs[port]) return problem('missingInput', { node: ctx.name, port }, port);
    }
    return { loss: scalar };
  },
  build(ctx, inputs) {
    const parts = terms(ctx.params).map((i) => {
      const t = inputs[`t${i + 1}`] as tf.Scalar;
      const w = weightOf(ctx.params, i);
      return w === 1 ? t : tf.mul(t, w);
    });
    // A lone unweighted term is the input itself: hand on a copy, not the same tensor.
    return { loss: parts.length === 1 ? tf.clone(parts[0]!) : tf.addN(parts) };
  },
  summarize: (p) => terms(p).map((i) => `${formatNumber(weightOf(p, i))}·t${i + 1}`).join(' + '),
  example: {
    params: { count: 3, weights: [1e5, 1, 0.1] },
    inputs: { t1: scalar, t2: scalar, t3: scalar },
  },
});
