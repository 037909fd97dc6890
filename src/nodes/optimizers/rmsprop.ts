import { z } from 'zod';
import { optimizerParams } from '../common';
import { defineNode } from '../types';
import { inferOptimizer, lossPort, lrSummary, optimizerDocs, optimizerExample } from './optimizer-node';
import { createRmsProp } from './rmsprop-optimizer';

export const zRmspropParams = z.object({
  ...optimizerParams,
  rho: z.number().min(0).lt(1).default(0.9).describe('Decay of the running mean of squared gradients (ρ)'),
  momentum: z.number().min(0).lt(1).default(0).describe('Fraction of the previous step carried into the next'),
  epsilon: z.number().gt(0).max(1).default(1e-8).describe('Added to the denominator so it is never zero (ε)'),
  centered: z.boolean().default(false).describe('Divide by the gradient\'s running variance instead of its mean square'),
});

export const rmsprop = defineNode({
  kind: 'rmsprop',
  label: 'RMSProp',
  category: 'optimizer',
  summary: 'RMSProp: divides each step by a running average of the gradient\'s size.',
  docs:
    'Keeps a running mean v of each weight\'s squared gradient (decay ρ) and steps by ' +
    '−lr·g/(sqrt(v) + ε), so weights with large gradients take smaller steps. The original WGAN trained its ' +
    'critic with RMSProp and weight clipping. The update follows PyTorch: ε is added outside the square ' +
    'root and momentum accumulates the divided gradient.' +
    optimizerDocs,
  params: zRmspropParams,
  where: 'graph',
  inputs: lossPort,
  outputs: [],
  infer: inferOptimizer,
  makeOptimizer: (p, lr) => createRmsProp(lr, p.rho, p.momentum, p.epsilon, p.centered),
  summarize: (p) => `${lrSummary(p)} · ρ ${p.rho}${p.momentum > 0 ? ` · momentum ${p.momentum}` : ''}`,
  example: { params: { lr: 5e-5, clip: 0.01 }, ...optimizerExample },
});
