import { tf } from '../tfjs';
import { z } from 'zod';
import { describeSignal, scalar, tensor } from '../shape';
import { defineNode, problem } from '../types';
import { meanAll } from './reduce';

export const zAdversarialParams = z.object({
  loss: z
    .enum(['bce', 'lsgan', 'hinge', 'wasserstein'])
    .default('bce')
    .describe('GAN objective: BCE (vanilla, on logits), LSGAN (least squares), hinge, or Wasserstein'),
  side: z
    .enum(['real', 'fake', 'generator'])
    .default('real')
    .describe("Whose loss: the critic on real samples, the critic on fakes, or the generator's"),
});
export type AdversarialParams = z.infer<typeof zAdversarialParams>;

const labels = { bce: 'BCE', lsgan: 'LSGAN', hinge: 'hinge', wasserstein: 'Wasserstein' } as const;

/** The adversarial loss of raw discriminator scores `x` (logits, not probabilities). */
export function adversarialLoss(x: tf.Tensor, p: AdversarialParams): tf.Scalar {
  const { loss, side } = p;
  switch (loss) {
    case 'bce':
      // BCE-with-logits: −log σ(x) = softplus(−x), −log(1−σ(x)) = softplus(x). tf.softplus
      // switches to x or exp(x) for large |x| on every backend, so no log(0) appears.
      return meanAll(tf.softplus(side === 'fake' ? x : tf.neg(x)));
    case 'lsgan':
      return meanAll(tf.square(side === 'fake' ? x : tf.sub(x, 1)));
    case 'hinge':
      if (side === 'real') return meanAll(tf.relu(tf.sub(1, x)));
      if (side === 'fake') return meanAll(tf.relu(tf.add(1, x)));
      return tf.neg(meanAll(x));
    case 'wasserstein':
      return side === 'fake' ? meanAll(x) : tf.neg(meanAll(x));
  }
}

export const adversarial = defineNode({
  kind: 'adversarial',
  label: 'Adversarial loss',
  category: 'loss',
  summary: "Scores a discriminator's raw outputs as real or fake, for the discriminator or the generator.",
  docs:
    'Wire the raw scores of a discriminator (its logits, before any sigmoid) into "scores". For the ' +
    'discriminator, use two of these nodes: side "real" on its scores of real images and side "fake" on ' +
    'its scores of generated ones, then add them. For the generator, use side "generator" on the scores ' +
    'of its fakes. BCE is the original GAN loss (the generator maximises log D(fake), the "non-saturating" ' +
    'form). LSGAN pulls real scores to 1 and fake scores to 0 with squared errors. Hinge only penalises ' +
    'scores on the wrong side of ±1 (its generator loss is −mean(scores)). Wasserstein uses the scores ' +
    'directly (a WGAN critic; clip its weights in the optimizer or it diverges). Each is a mean over ' +
    'every score, so a PatchGAN map of patch scores works as is.',
  params: zAdversarialParams,
  where: 'graph',
  inputs: [
    {
      name: 'scores',
      label: 'scores',
      type: ['tensor', 'vector'],
      doc: "The discriminator's raw outputs (logits), a vector or a map of patch scores",
    },
  ],
  outputs: [{ name: 'loss', label: 'loss', type: 'scalar' }],
  infer(ctx) {
    const s = ctx.inputs.scores;
    if (!s) return problem('missingInput', { node: ctx.name, port: 'scores' }, 'scores');
    if (s.type === 'features' || s.shape.length === 0)
      return problem(
        'rankMismatch',
        { node: ctx.name, port: 'scores', expected: 'scores with a batch (a vector or a map)', got: describeSignal(s) },
        'scores',
      );
    return { loss: scalar };
  },
  build: (ctx, inputs) => ({ loss: adversarialLoss(inputs.scores as tf.Tensor, ctx.params) }),
  summarize: (p) => `${labels[p.loss]} · ${p.side}`,
  example: { params: { loss: 'bce', side: 'real' }, inputs: { scores: tensor([2, 4, 4, 1]) } },
});
