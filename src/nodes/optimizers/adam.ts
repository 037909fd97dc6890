import { tf } from '../tfjs';
import { z } from 'zod';
import { optimizerParams } from '../common';
import { defineNode } from '../types';
import { inferOptimizer, lossPort, lrSummary, optimizerDocs, optimizerExample } from './optimizer-node';

export const zAdamParams = z.object({
  ...optimizerParams,
  beta1: z.number().min(0).lt(1).default(0.9).describe('Decay of the running mean of gradients (β1); GANs often use 0.5'),
  beta2: z.number().min(0).lt(1).default(0.999).describe('Decay of the running mean of squared gradients (β2)'),
  epsilon: z.number().gt(0).max(1).default(1e-8).describe('Added to the denominator so it is never zero (ε)'),
});

export const adam = defineNode({
  kind: 'adam',
  label: 'Adam',
  category: 'optimizer',
  summary: 'Adam: gradient descent with per-weight step sizes; the usual choice for GANs.',
  docs:
    'Adam keeps a running mean of each weight\'s gradient (β1) and of its square (β2), and moves the ' +
    'weight by lr·mean/(sqrt(mean square) + ε), with the bias correction of the first steps, so every ' +
    'weight takes steps of about lr whatever the scale of its gradient. DCGAN and pix2pix use lr 2e-4 ' +
    'and β1 0.5; style transfer uses lr 1e-3 and β1 0.9. ε is 1e-8 as in PyTorch (TensorFlow.js would ' +
    'use 1e-7).' +
    optimizerDocs,
  params: zAdamParams,
  where: 'graph',
  inputs: lossPort,
  outputs: [],
  infer: inferOptimizer,
  // tfjs's update is exactly θ ← θ − lr·m̂/(sqrt(v̂) + ε) (WORKLOADS.md §0); adam.test.ts checks it.
  makeOptimizer: (p, lr) => tf.train.adam(lr, p.beta1, p.beta2, p.epsilon),
  summarize: (p) => `${lrSummary(p)} · β ${p.beta1}, ${p.beta2}`,
  example: { params: { lr: 1e-3, beta1: 0.5 }, ...optimizerExample },
});
