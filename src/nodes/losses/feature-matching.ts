import { tf } from '../tfjs';
import { z } from 'zod';
import { isProblemValue, scalar } from '../shape';
import { defineNode, problem } from '../types';
import { layerSummary, zLayerList } from './gram-style';
import { featurePair, layerDetail, layerIndices, sameBeyondBatch } from './loss-inputs';
import { meanAll } from './reduce';

export const featureMatching = defineNode({
  kind: 'feature-matching',
  label: 'Feature matching',
  category: 'loss',
  summary: "Pulls the average features of generated images towards those of real ones.",
  docs:
    'Feature matching (Salimans et al., 2016) trains the generator to reproduce the statistics of real ' +
    'data as a discriminator sees them, instead of only fooling it: wire the discriminator\'s intermediate ' +
    'features of real images into "a" and of generated images into "b". For each chosen layer it averages ' +
    'the maps over the batch and takes the mean absolute difference of the two averages; the loss is the ' +
    'mean of that over the layers. (Salimans et al. used the squared L2 distance of the averages; the ' +
    'absolute difference used here is less dominated by a few large features.) The two batches may differ ' +
    'in size, since only their averages are compared.',
  params: z.object({ layers: zLayerList }),
  where: 'graph',
  inputs: [
    { name: 'a', label: 'a', type: 'features', doc: 'Features of real images' },
    { name: 'b', label: 'b', type: 'features', doc: 'Features of generated images' },
  ],
  outputs: [{ name: 'loss', label: 'loss', type: 'scalar' }],
  infer(ctx) {
    const pair = featurePair(ctx, ctx.params.layers, 'a', 'b');
    if (isProblemValue(pair)) return pair;
    const { a, b, idx } = pair;
    for (const i of idx) {
      const sa = a[i]!.shape;
      const sb = b[i]!.shape;
      if (sa.length < 2 || !sameBeyondBatch(sa, sb))
        return problem('layerMismatch', { node: ctx.name, detail: layerDetail(a[i]!.name, sa, sb) }, 'b');
    }
    return { loss: scalar };
  },
  build(ctx, inputs) {
    const a = inputs.a as tf.Tensor[];
    const b = inputs.b as tf.Tensor[];
    const idx = layerIndices(ctx.params.layers, a.length);
    const terms = idx.map((l) => meanAll(tf.abs(tf.sub(tf.mean(a[l]!, 0), tf.mean(b[l]!, 0)))));
    const sum = terms.length === 1 ? terms[0]! : tf.addN(terms);
    return { loss: terms.length === 1 ? sum : tf.div(sum, terms.length) };
  },
  summarize: (p) => layerSummary(p.layers),
  example: {
    inputs: {
      a: { type: 'features', shape: [], layers: [{ name: 'f1', shape: [3, 4, 4, 2] }, { name: 'f2', shape: [3, 6] }] },
      b: { type: 'features', shape: [], layers: [{ name: 'f1', shape: [2, 4, 4, 2] }, { name: 'f2', shape: [2, 6] }] },
    },
  },
});
