/**
 * Reference implementation of WORKLOADS.md workload A, `pix2pix-lite-64`: U-Net G + PatchGAN D,
 * LSGAN + 100·L1, batch 1, 64×64×3 in [−1,1]. Plain tfjs ops, written from the spec only.
 */
import * as tf from '@tensorflow/tfjs';
import {
  Adam,
  DataStream,
  ParamBuilder,
  conv2dSame,
  convTranspose2dSame,
  instanceNorm,
  lossAndGrads,
  lrelu,
  meanAll,
  mulberry32,
  sinus64,
  type Reference,
  type ReferenceOptions,
  type StepHooks,
} from './common';

export const SEEDS = { G: 101, D: 102, data: 103 } as const;
const S = 64;

export function createReference(opts: ReferenceOptions = {}): Reference {
  // ---- Generator (U-Net), kernels in table order --------------------------------------------
  const g = new ParamBuilder('G', SEEDS.G);
  const G = {
    d1: { k: g.kernel('d1', [4, 4, 3, 32]), b: g.bias('d1', 32) },
    d2: { k: g.kernel('d2', [4, 4, 32, 64]), gamma: g.gamma('d2', 64), beta: g.beta('d2', 64) },
    d3: { k: g.kernel('d3', [4, 4, 64, 128]), gamma: g.gamma('d3', 128), beta: g.beta('d3', 128) },
    d4: { k: g.kernel('d4', [4, 4, 128, 128]), gamma: g.gamma('d4', 128), beta: g.beta('d4', 128) },
    // convT kernels are [kh, kw, Cout, Cin]
    u1: { k: g.kernel('u1', [4, 4, 128, 128]), gamma: g.gamma('u1', 128), beta: g.beta('u1', 128) },
    u2: { k: g.kernel('u2', [4, 4, 64, 256]), gamma: g.gamma('u2', 64), beta: g.beta('u2', 64) },
    u3: { k: g.kernel('u3', [4, 4, 32, 128]), gamma: g.gamma('u3', 32), beta: g.beta('u3', 32) },
    out: { k: g.kernel('out', [4, 4, 3, 64]), b: g.bias('out', 3) },
  };

  // ---- Discriminator (PatchGAN) ----------------------------------------------------------------
  const d = new ParamBuilder('D', SEEDS.D);
  const D = {
    c1: { k: d.kernel('c1', [4, 4, 6, 32]), b: d.bias('c1', 32) },
    c2: { k: d.kernel('c2', [4, 4, 32, 64]), gamma: d.gamma('c2', 64), beta: d.beta('c2', 64) },
    c3: { k: d.kernel('c3', [4, 4, 64, 128]), gamma: d.gamma('c3', 128), beta: d.beta('c3', 128) },
    c4: { k: d.kernel('c4', [4, 4, 128, 1]), b: d.bias('c4', 1) },
  };

  const gVars = g.params.map((p) => p.variable);
  const dVars = d.params.map((p) => p.variable);
  const optG = new Adam(gVars, 2e-4, 0.5, 0.999, 1e-8);
  const optD = new Adam(dVars, 2e-4, 0.5, 0.999, 1e-8);

  function generator(x: tf.Tensor4D): tf.Tensor4D {
    const e1 = lrelu(tf.add(conv2dSame(x, G.d1.k, 2), G.d1.b)) as tf.Tensor4D;
    const e2 = lrelu(instanceNorm(conv2dSame(e1, G.d2.k, 2), G.d2.gamma, G.d2.beta)) as tf.Tensor4D;
    const e3 = lrelu(instanceNorm(conv2dSame(e2, G.d3.k, 2), G.d3.gamma, G.d3.beta)) as tf.Tensor4D;
    const e4 = lrelu(instanceNorm(conv2dSame(e3, G.d4.k, 2), G.d4.gamma, G.d4.beta)) as tf.Tensor4D;
    const u1 = tf.relu(instanceNorm(convTranspose2dSame(e4, G.u1.k, 2), G.u1.gamma, G.u1.beta));
    const c1 = tf.concat([u1, e3], 3);
    const u2 = tf.relu(instanceNorm(convTranspose2dSame(c1, G.u2.k, 2), G.u2.gamma, G.u2.beta));
    const c2 = tf.concat([u2, e2], 3);
    const u3 = tf.relu(instanceNorm(convTranspose2dSame(c2, G.u3.k, 2), G.u3.gamma, G.u3.beta));
    const c3 = tf.concat([u3, e1], 3);
    return tf.tanh(tf.add(convTranspose2dSame(c3, G.out.k, 2), G.out.b));
  }

  /** Raw 8×8×1 patch scores for the pair (condition x, image). */
  function discriminator(x: tf.Tensor4D, img: tf.Tensor4D): tf.Tensor4D {
    const h0 = tf.concat([x, img], 3);
    const h1 = lrelu(tf.add(conv2dSame(h0, D.c1.k, 2), D.c1.b)) as tf.Tensor4D;
    const h2 = lrelu(instanceNorm(conv2dSame(h1, D.c2.k, 2), D.c2.gamma, D.c2.beta)) as tf.Tensor4D;
    const h3 = lrelu(instanceNorm(conv2dSame(h2, D.c3.k, 2), D.c3.gamma, D.c3.beta)) as tf.Tensor4D;
    return tf.add(conv2dSame(h3, D.c4.k, 1), D.c4.b);
  }

  // ---- Data: y = sinus(rng, 64, 4, 3), x = its luma in all 3 channels -------------------------
  const rng = mulberry32(SEEDS.data);
  const stream = new DataStream(() => {
    const y64 = sinus64(rng, S, 4, 3);
    const y = new Float32Array(S * S * 3);
    const x = new Float32Array(S * S * 3);
    for (let p = 0; p < S * S; p++) {
      const r = y64[3 * p]!;
      const gr = y64[3 * p + 1]!;
      const b = y64[3 * p + 2]!;
      const luma = Math.fround(0.299 * r + 0.587 * gr + 0.114 * b);
      for (let c = 0; c < 3; c++) {
        y[3 * p + c] = y64[3 * p + c]!;
        x[3 * p + c] = luma;
      }
    }
    return { x: tf.tensor4d(x, [1, S, S, 3]), y: tf.tensor4d(y, [1, S, S, 3]) };
  });
  if (opts.steps) stream.get(opts.steps - 1);
  const data = (t: number) => stream.get(t) as { x: tf.Tensor4D; y: tf.Tensor4D };

  /** L_G at the current weights: mean((D(x, G(x)) − 1)²) + 100·mean|G(x) − y|. */
  function generatorLoss(x: tf.Tensor4D, y: tf.Tensor4D, keep?: (name: string, t: tf.Tensor) => void): tf.Scalar {
    const fake = generator(x);
    const gan = meanAll(tf.square(tf.sub(discriminator(x, fake), 1)));
    const l1 = meanAll(tf.abs(tf.sub(fake, y)));
    keep?.('lossG_gan', gan);
    keep?.('L1', l1);
    return tf.add(gan, tf.mul(l1, 100));
  }

  let nextStep = 0;

  return {
    weights: { G: g.params, D: d.params },
    data,

    step(t: number, hooks?: StepHooks): Record<string, number> {
      if (t !== nextStep) throw new Error(`pix2pix-lite-64: step ${t} called, expected ${nextStep}`);
      const { x, y } = data(t);
      // 1. fake = G(x), once, as a constant for D's update.
      const fake = tf.tidy(() => generator(x));
      // 2. D update: L_D = 0.5·[mean((D(x,y) − 1)²) + mean(D(x, fake)²)]
      const dStep = lossAndGrads(dVars, () => {
        const real = meanAll(tf.square(tf.sub(discriminator(x, y), 1)));
        const fk = meanAll(tf.square(discriminator(x, fake)));
        return tf.mul(tf.add(real, fk), 0.5);
      });
      fake.dispose();
      optD.apply(dStep.grads);
      tf.dispose(dStep.grads);
      hooks?.afterD?.();
      // 3. G update with the updated D frozen (G(x) recomputed inside the gradient closure).
      const gStep = lossAndGrads(gVars, (keep) => generatorLoss(x, y, keep));
      optG.apply(gStep.grads);
      tf.dispose(gStep.grads);
      nextStep = t + 1;
      return { lossD: dStep.value, lossG_gan: gStep.parts.lossG_gan!, L1: gStep.parts.L1!, lossG: gStep.value };
    },

    generatorGrads(t: number): tf.Tensor[] {
      const { x, y } = data(t);
      return lossAndGrads(gVars, () => generatorLoss(x, y)).grads;
    },

    dispose(): void {
      optG.dispose();
      optD.dispose();
      tf.dispose([...gVars, ...dVars]);
      stream.dispose();
    },
  };
}
