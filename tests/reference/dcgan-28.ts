/**
 * Reference implementation of WORKLOADS.md workload C, `dcgan-28`: DCGAN G (training-mode
 * BatchNorm) + D, BCE-with-logits, batch 64, z ∈ R⁶⁴, 28×28×1 in [−1,1]. Plain tfjs ops,
 * written from the spec only.
 */
import * as tf from '@tensorflow/tfjs';
import {
  Adam,
  DataStream,
  ParamBuilder,
  batchNormTrain,
  bceWithLogits,
  conv2dSame,
  convTranspose2dSame,
  lossAndGrads,
  lrelu,
  mulberry32,
  normal,
  stroke,
  type NamedVariable,
  type Reference,
  type ReferenceOptions,
  type StepHooks,
} from './common';

export const SEEDS = { G: 301, D: 302, data: 303 } as const;
const BATCH = 64;
const Z = 64;
const BN_MOMENTUM = 0.1; // running = (1 − 0.1)·running + 0.1·batch

export interface DcganReference extends Reference {
  /** BatchNorm running statistics (G.fc.running_mean, …): updated once per step, never used in the losses. */
  buffers: NamedVariable[];
}

export function createReference(opts: ReferenceOptions = {}): DcganReference {
  // ---- Generator ---------------------------------------------------------------------------------
  const g = new ParamBuilder('G', SEEDS.G);
  const G = {
    fc: { k: g.kernel('fc', [Z, 6272]), gamma: g.gamma('fc', 128), beta: g.beta('fc', 128) },
    // convT kernels are [kh, kw, Cout, Cin]
    t1: { k: g.kernel('t1', [5, 5, 64, 128]), gamma: g.gamma('t1', 64), beta: g.beta('t1', 64) },
    t2: { k: g.kernel('t2', [5, 5, 1, 64]), b: g.bias('t2', 1) },
  };
  const running = {
    fc: { mean: g.buffer('fc', 'running_mean', 128, 0), variance: g.buffer('fc', 'running_var', 128, 1) },
    t1: { mean: g.buffer('t1', 'running_mean', 64, 0), variance: g.buffer('t1', 'running_var', 64, 1) },
  };

  // ---- Discriminator -----------------------------------------------------------------------------
  const d = new ParamBuilder('D', SEEDS.D);
  const D = {
    c1: { k: d.kernel('c1', [5, 5, 1, 64]), b: d.bias('c1', 64) },
    c2: { k: d.kernel('c2', [5, 5, 64, 128]), b: d.bias('c2', 128) },
    fc: { k: d.kernel('fc', [6272, 1]), b: d.bias('fc', 1) },
  };

  const gVars = g.params.map((p) => p.variable);
  const dVars = d.params.map((p) => p.variable);
  const optG = new Adam(gVars, 2e-4, 0.5, 0.999, 1e-8);
  const optD = new Adam(dVars, 2e-4, 0.5, 0.999, 1e-8);

  type BatchStats = { fc: { mean: tf.Tensor1D; variance: tf.Tensor1D }; t1: { mean: tf.Tensor1D; variance: tf.Tensor1D } };

  /** G(z), BN in training mode; also returns the batch statistics. */
  function generatorWithStats(z: tf.Tensor2D): { fake: tf.Tensor4D; stats: BatchStats } {
    const h0 = tf.reshape<tf.Rank.R4>(tf.matMul(z, G.fc.k as tf.Tensor2D), [z.shape[0], 7, 7, 128]);
    const bn0 = batchNormTrain(h0, G.fc.gamma, G.fc.beta);
    const h1 = convTranspose2dSame(tf.relu(bn0.y), G.t1.k, 2);
    const bn1 = batchNormTrain(h1, G.t1.gamma, G.t1.beta);
    const fake = tf.tanh(tf.add<tf.Tensor4D>(convTranspose2dSame(tf.relu(bn1.y), G.t2.k, 2), G.t2.b));
    return { fake, stats: { fc: { mean: bn0.mean, variance: bn0.variance }, t1: { mean: bn1.mean, variance: bn1.variance } } };
  }
  const generator = (z: tf.Tensor2D) => generatorWithStats(z).fake;

  /** Logits [B, 1]. */
  function discriminator(img: tf.Tensor4D): tf.Tensor2D {
    const h1 = lrelu(tf.add(conv2dSame(img, D.c1.k, 2), D.c1.b)) as tf.Tensor4D;
    const h2 = lrelu(tf.add(conv2dSame(h1, D.c2.k, 2), D.c2.b)) as tf.Tensor4D;
    const flat = tf.reshape(h2, [h2.shape[0], 6272]);
    return tf.add(tf.matMul(flat, D.fc.k), D.fc.b);
  }

  // ---- Data: 64 strokes, then z as 64×64 normals, all from one stream --------------------------------
  const rng = mulberry32(SEEDS.data);
  const stream = new DataStream(() => {
    const real = new Float32Array(BATCH * 28 * 28);
    for (let b = 0; b < BATCH; b++) real.set(stroke(rng), b * 28 * 28);
    const z = new Float32Array(BATCH * Z);
    for (let k = 0; k < BATCH * Z; k++) z[k] = normal(rng);
    return { real: tf.tensor4d(real, [BATCH, 28, 28, 1]), z: tf.tensor2d(z, [BATCH, Z]) };
  });
  if (opts.steps) stream.get(opts.steps - 1);
  const data = (t: number) => stream.get(t) as { real: tf.Tensor4D; z: tf.Tensor2D };

  /** Non-saturating L_G = BCE(D(G(z)), 1). */
  const generatorLoss = (z: tf.Tensor2D) => bceWithLogits(discriminator(generator(z)), 1);

  let nextStep = 0;

  return {
    weights: { G: g.params, D: d.params },
    buffers: [running.fc.mean, running.fc.variance, running.t1.mean, running.t1.variance],
    data,

    step(t: number, hooks?: StepHooks): Record<string, number> {
      if (t !== nextStep) throw new Error(`dcgan-28: step ${t} called, expected ${nextStep}`);
      const { real, z } = data(t);
      // 1. fake = G(z) once (training-mode BN); the running statistics move once per step.
      const fake = tf.tidy(() => {
        const { fake: f, stats } = generatorWithStats(z);
        for (const layer of ['fc', 't1'] as const) {
          for (const stat of ['mean', 'variance'] as const) {
            const r = running[layer][stat].variable;
            r.assign(tf.add(tf.mul(r, 1 - BN_MOMENTUM), tf.mul(stats[layer][stat], BN_MOMENTUM)));
          }
        }
        return f;
      });
      // 2. D update: L_D = BCE(D(real), 1) + BCE(D(fake), 0)
      const dStep = lossAndGrads(dVars, (keep) => {
        const lr = bceWithLogits(discriminator(real), 1);
        const lf = bceWithLogits(discriminator(fake), 0);
        keep('real', lr);
        keep('fake', lf);
        return tf.add(lr, lf);
      });
      fake.dispose();
      optD.apply(dStep.grads);
      tf.dispose(dStep.grads);
      hooks?.afterD?.();
      // 3. G update with the updated D frozen (G(z) recomputed inside the gradient closure).
      const gStep = lossAndGrads(gVars, () => generatorLoss(z));
      optG.apply(gStep.grads);
      tf.dispose(gStep.grads);
      nextStep = t + 1;
      return { real: dStep.parts.real!, fake: dStep.parts.fake!, lossD: dStep.value, lossG: gStep.value };
    },

    generatorGrads(t: number): tf.Tensor[] {
      return lossAndGrads(gVars, () => generatorLoss(data(t).z)).grads;
    },

    dispose(): void {
      optG.dispose();
      optD.dispose();
      tf.dispose([...gVars, ...dVars]);
      for (const b of [running.fc, running.t1]) tf.dispose([b.mean.variable, b.variance.variable]);
      stream.dispose();
    },
  };
}
