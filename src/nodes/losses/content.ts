import { tf } from '../tfjs';
import { z } from 'zod';
import { broadcastBatch, isProblemValue, scalar } from '../shape';
import { defineNode, problem } from '../types';
import { featurePair, layerDetail, sameBeyondBatch } from './loss-inputs';
import { meanAll } from './reduce';

export const content = defineNode({
  kind: 'content',
  label: 'Content loss',
  category: 'loss',
  summary: 'The mean squared difference between two images’ feature maps at one layer.',
  docs:
    'Compares what a feature extractor sees in two images rather than their pixels: mean((a_l − b_l)²) ' +
    'over one layer l. A middle layer keeps the objects and layout of the photo while leaving colours and ' +
    'texture free for the style loss, which is how neural style transfer keeps the photo recognisable. ' +
    'Layer 0 is the first map of the features; the default, 1, is the second. A target batch of 1 is ' +
    'compared with every item of the input batch.',
  params: z.object({
    layer: z.int().min(0).max(63).default(1).describe('Feature layer to compare, 0 being the first'),
  }),
  where: 'graph',
  inputs: [
    { name: 'input', label: 'input', type: 'features', doc: 'Features of the image being trained or generated' },
    { name: 'target', label: 'target', type: 'features', doc: 'Features of the content image' },
  ],
  outputs: [{ name: 'loss', label: 'loss', type: 'scalar' }],
  infer(ctx) {
    const l = ctx.params.layer;
    const pair = featurePair(ctx, [l], 'input', 'target');
    if (isProblemValue(pair)) return pair;
    const { a, b } = pair;
    const sa = a[l]!.shape;
    const sb = b[l]!.shape;
    if (!sameBeyondBatch(sa, sb))
      return problem('layerMismatch', { node: ctx.name, detail: layerDetail(a[l]!.name, sa, sb) }, 'target');
    if (broadcastBatch(sa[0] ?? 1, sb[0] ?? 1) === undefined)
      return problem('batchMismatch', { node: ctx.name, a: sa[0] ?? 1, b: sb[0] ?? 1 }, 'target');
    return { loss: scalar };
  },
  build(ctx, inputs) {
    const l = ctx.params.layer;
    const a = (inputs.input as tf.Tensor[])[l]!;
    const b = (inputs.target as tf.Tensor[])[l]!;
    return { loss: meanAll(tf.square(tf.sub(a, b))) };
  },
  summarize: (p) => `layer ${p.layer}`,
  example: {
    params: { layer: 1 },
    inputs: {
      input: { type: 'features', shape: [], layers: [{ name: 'f1', shape: [2, 4, 4, 3] }, { name: 'f2', shape: [2, 2, 2, 5] }] },
      target: { type: 'features', shape: [], layers: [{ name: 'f1', shape: [2, 4, 4, 3] }, { name: 'f2', shape: [2, 2, 2, 5] }] },
    },
  },
});

