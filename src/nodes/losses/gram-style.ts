import { tf } from '../tfjs';
import { z } from 'zod';
import { broadcastBatch, describeSignal, isProblemValue, scalar } from '../shape';
import { defineNode, problem } from '../types';
import { featurePair, layerDetail, layerIndices } from './loss-inputs';
import { formatNumber, meanAll } from './reduce';

export const zLayerList = z
  .array(z.int().min(0).max(63))
  .max(64)
  .default([])
  .describe('Feature layers to use, 0 being the first (empty: all of them)');

export const zGramStyleParams = z.object({
  layers: zLayerList,
  weights: z
    .array(z.number().min(0))
    .max(64)
    .default([])
    .describe('Weight of each chosen layer, in order (missing ones are 1; extra ones are unused)'),
});

/**
 * Gram matrices of a [B,H,W,C] map: Fᵀ·F/(C·H·W) per sample, F being the map as HW×C rows
 * (WORKLOADS.md B.4). Gives [B,C,C].
 */
export function gram(f: tf.Tensor): tf.Tensor3D {
  const [b, h, w, c] = f.shape as [number, number, number, number];
  const rows = tf.reshape(f, [b, h * w, c]) as tf.Tensor3D;
  return tf.div(tf.matMul(rows, rows, true, false), c * h * w);
}

/** "layers 0, 1, 2 · weights 1, 0.5, 0.25" */
export function layerSummary(layers: readonly number[], weights: readonly number[] = []): string {
  const which = layers.length === 0 ? 'all layers' : `layers ${layers.join(', ')}`;
  return weights.length === 0 ? which : `${which} · weights ${weights.map(formatNumber).join(', ')}`;
}

export const gramStyle = defineNode({
  kind: 'gram-style',
  label: 'Style loss (Gram)',
  category: 'loss',
  summary: 'Compares the Gram matrices (which features occur together) of two sets of feature maps.',
  docs:
    'A Gram matrix records, for every pair of channels of a feature map, how strongly they fire together, ' +
    'summed over all positions. It keeps texture, colour and brushwork and forgets where things are, which ' +
    'is what "style" means in neural style transfer (Gatys et al.). For each chosen layer the loss is the ' +
    'mean squared difference between the Gram matrices of "input" and "target" (Gram = Fᵀ·F/(C·H·W)), ' +
    'times the layer\'s weight, summed over layers. The target is usually one style image: its batch of 1 ' +
    'is compared with every image of the input batch, and its size may differ from the input\'s, since a ' +
    'Gram matrix only depends on the channels. Raw values are tiny, so style losses are usually weighted ' +
    'up (1e5 in the fast style transfer preset).',
  params: zGramStyleParams,
  where: 'graph',
  inputs: [
    { name: 'input', label: 'input', type: 'features', doc: 'Features of the image being trained or generated' },
    { name: 'target', label: 'target', type: 'features', doc: 'Features of the style image' },
  ],
  outputs: [{ name: 'loss', label: 'loss', type: 'scalar' }],
  infer(ctx) {
    const pair = featurePair(ctx, ctx.params.layers, 'input', 'target');
    if (isProblemValue(pair)) return pair;
    const { a, b, idx } = pair;
    for (const i of idx) {
      const la = a[i]!;
      const lb = b[i]!;
      for (const [l, port] of [
        [la, 'input'],
        [lb, 'target'],
      ] as const)
        if (l.shape.length !== 4)
          return problem(
            'rankMismatch',
            { node: ctx.name, port, expected: 'feature maps (batch×height×width×channels)', got: describeSignal({ type: 'tensor', shape: l.shape }) },
            port,
          );
      if (la.shape[3] !== lb.shape[3]) return problem('layerMismatch', { node: ctx.name, detail: layerDetail(la.name, la.shape, lb.shape) }, 'target');
      if (broadcastBatch(la.shape[0]!, lb.shape[0]!) === undefined)
        return problem('batchMismatch', { node: ctx.name, a: la.shape[0]!, b: lb.shape[0]! }, 'target');
    }
    return { loss: scalar };
  },
  build(ctx, inputs) {
    const a = inputs.input as tf.Tensor[];
    const b = inputs.target as tf.Tensor[];
    const layers = layerIndices(ctx.params.layers, a.length);
    // A style image's Gram matrices do not change: computed once where the target is static.
    const targetGrams = () => layers.map((l) => gram(b[l]!));
    const targets = ctx.once ? ctx.once('target', targetGrams) : targetGrams();
    const terms = layers.map((l, k) => {
      const t = meanAll(tf.square(tf.sub(gram(a[l]!), targets[k]!)));
      const w = ctx.params.weights[k] ?? 1;
      return w === 1 ? t : tf.mul(t, w);
    });
    return { loss: terms.length === 1 ? terms[0]! : tf.addN(terms) };
  },
  summarize: (p) => layerSummary(p.layers, p.weights),
  example: {
    params: { layers: [0, 1], weights: [1, 0.5] },
    inputs: {
      input: { type: 'features', shape: [], layers: [{ name: 'f1', shape: [2, 4, 4, 3] }, { name: 'f2', shape: [2, 2, 2, 5] }] },
      target: { type: 'features', shape: [], layers: [{ name: 'f1', shape: [1, 6, 6, 3] }, { name: 'f2', shape: [1, 3, 3, 5] }] },
    },
  },
});
