import { tf } from '../tfjs';
import { z } from 'zod';
import { optimizerParams } from '../common';
import { defineNode } from '../types';
import { inferOptimizer, lossPort, lrSummary, optimizerDocs, optimizerExample } from './optimizer-node';

type MomentumClass = new (lr: number, momentum: number, nesterov: boolean) => tf.Optimizer;
let Momentum: MomentumClass | undefined;

/**
 * tfjs's MomentumOptimizer does not dispose the −lr scalar its SGD parent keeps. The subclass is
 * made on first use, once the runtime has provided tfjs.
 */
function momentumOptimizer(lr: number, momentum: number, nesterov: boolean): tf.Optimizer {
  Momentum ??= class extends tf.MomentumOptimizer {
    override dispose(): void {
      super.dispose();
      this.c.dispose();
    }
  };
  return new Momentum(lr, momentum, nesterov);
}

export const zSgdParams = z.object({
  ...optimizerParams,
  momentum: z.number().min(0).lt(1).default(0).describe('Fraction of the previous step carried into the next (0: plain SGD)'),
  nesterov: z.boolean().default(false).describe('Nesterov momentum: look ahead along the momentum before stepping'),
});

export const sgd = defineNode({
  kind: 'sgd',
  label: 'SGD',
  category: 'optimizer',
  summary: 'Plain stochastic gradient descent, optionally with momentum.',
  docs:
    'Moves every weight by −lr × its gradient. With momentum μ it keeps a velocity b ← μ·b + g and steps by ' +
    '−lr·b (Nesterov: −lr·(g + μ·b)), as PyTorch does. SGD is slower to tune than Adam for GANs but is ' +
    'the clearest way to see what a gradient step does; WGAN critics used it with RMSProp.' +
    optimizerDocs,
  params: zSgdParams,
  where: 'graph',
  inputs: lossPort,
  outputs: [],
  infer: inferOptimizer,
  makeOptimizer: (p, lr) => (p.momentum > 0 ? momentumOptimizer(lr, p.momentum, p.nesterov) : tf.train.sgd(lr)),
  summarize: (p) => `${lrSummary(p)}${p.momentum > 0 ? ` · momentum ${p.momentum}${p.nesterov ? ' (Nesterov)' : ''}` : ''}`,
  example: { params: { lr: 0.01, momentum: 0.9 }, ...optimizerExample },
});
