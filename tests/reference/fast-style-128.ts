/**
 * Reference implementation of WORKLOADS.md workload B, `fast-style-128`: Johnson-style
 * transformer T trained against a fixed random (Kaiming-uniform) loss net L, batch 2,
 * 128×128×3 in [0,1]. Plain tfjs ops, written from the spec only.
 */
import * as tf from '@tensorflow/tfjs';
import {
  Adam,
  DataStream,
  ParamBuilder,
  conv2dSame,
  instanceNorm,
  lossAndGrads,
  meanAll,
  mulberry32,
  sinus64,
  upsampleNearest2x,
  type Reference,
  type ReferenceOptions,
} from './common';

export const SEEDS = { T: 201, L: 202, style: 203, content: 204 } as const;
const S = 128;
const BATCH = 2;
export const WEIGHTS = { style: 1e5, content: 1, tv: 0.1 } as const;

/** (sinus(rng, 128, K, fmax) + 1)/2 in float64, cast to float32. */
function sinus01(rng: () => number, K: number, fmax: number): Float32Array {
  const v = sinus64(rng, S, K, fmax);
  const out = new Float32Array(v.length);
  for (let k = 0; k < v.length; k++) out[k] = (v[k]! + 1) / 2;
  return out;
}

export function createReference(opts: ReferenceOptions = {}): Reference {
  // ---- Transformer, kernels in the spec's init order --------------------------------------------
  const tb = new ParamBuilder('T', SEEDS.T);
  const convIn = (layer: string, shape: [number, number, number, number]) => ({
    k: tb.kernel(layer, shape),
    gamma: tb.gamma(layer, shape[3]),
    beta: tb.beta(layer, shape[3]),
  });
  const T = {
    c1: convIn('c1', [9, 9, 3, 16]),
    c2: convIn('c2', [3, 3, 16, 32]),
    c3: convIn('c3', [3, 3, 32, 64]),
    res: [1, 2, 3].map((r) => ({ a: convIn(`r${r}.c1`, [3, 3, 64, 64]), b: convIn(`r${r}.c2`, [3, 3, 64, 64]) })),
    u1: convIn('u1', [3, 3, 64, 32]),
    u2: convIn('u2', [3, 3, 32, 16]),
    out: { k: tb.kernel('out', [9, 9, 16, 3]), b: tb.bias('out', 3) },
  };

  // ---- Loss net (frozen, Kaiming-uniform kernels, zero biases) -----------------------------------
  const lb = new ParamBuilder('L', SEEDS.L, false);
  const L = {
    c1: { k: lb.kaimingKernel('c1', [3, 3, 3, 32]), b: lb.bias('c1', 32) },
    c2: { k: lb.kaimingKernel('c2', [3, 3, 32, 64]), b: lb.bias('c2', 64) },
    c3: { k: lb.kaimingKernel('c3', [3, 3, 64, 128]), b: lb.bias('c3', 128) },
  };

  const tVars = tb.params.map((p) => p.variable);
  const opt = new Adam(tVars, 1e-3, 0.9, 0.999, 1e-8);

  type ConvIn = ReturnType<typeof convIn>;
  const cir = (h: tf.Tensor4D, p: ConvIn, stride: number) => tf.relu(instanceNorm(conv2dSame(h, p.k, stride), p.gamma, p.beta));

  function transformer(x: tf.Tensor4D): tf.Tensor4D {
    let h = cir(x, T.c1, 1);
    h = cir(h, T.c2, 2);
    h = cir(h, T.c3, 2);
    for (const r of T.res) {
      const inner = cir(h, r.a, 1);
      h = tf.add(h, instanceNorm(conv2dSame(inner, r.b.k, 1), r.b.gamma, r.b.beta));
    }
    h = cir(upsampleNearest2x(h), T.u1, 1);
    h = cir(upsampleNearest2x(h), T.u2, 1);
    return tf.add(conv2dSame(h, T.out.k, 1), T.out.b);
  }

  /** Loss-net features f1..f_stages. */
  function features(x: tf.Tensor4D, stages: 2 | 3): tf.Tensor4D[] {
    const f1 = tf.relu(tf.add<tf.Tensor4D>(conv2dSame(x, L.c1.k, 1), L.c1.b));
    const f2 = tf.relu(tf.add<tf.Tensor4D>(conv2dSame(tf.avgPool<tf.Tensor4D>(f1, 2, 2, 'valid'), L.c2.k, 1), L.c2.b));
    if (stages === 2) return [f1, f2];
    const f3 = tf.relu(tf.add<tf.Tensor4D>(conv2dSame(tf.avgPool<tf.Tensor4D>(f2, 2, 2, 'valid'), L.c3.k, 1), L.c3.b));
    return [f1, f2, f3];
  }

  /** Gram(f) = FᵀF / (C·H·W) per sample, F = f reshaped to (HW × C): [B, C, C]. */
  function gram(f: tf.Tensor4D): tf.Tensor3D {
    const [b, h, w, c] = f.shape;
    const F = tf.reshape(f, [b, h * w, c]);
    return tf.div(tf.matMul(F, F, true, false), c * h * w);
  }

  // ---- Data --------------------------------------------------------------------------------------
  const style = tf.tensor4d(sinus01(mulberry32(SEEDS.style), 6, 12), [1, S, S, 3]);
  const styleGrams = tf.tidy(() => features(style, 3).map(gram));
  const rng = mulberry32(SEEDS.content);
  const stream = new DataStream(() => {
    const content = new Float32Array(BATCH * S * S * 3);
    for (let b = 0; b < BATCH; b++) content.set(sinus01(rng, 4, 3), b * S * S * 3);
    return { content: tf.tensor4d(content, [BATCH, S, S, 3]) };
  });
  if (opts.steps) stream.get(opts.steps - 1);
  const data = (t: number) => ({ style, content: stream.get(t).content as tf.Tensor4D });

  /** total = 1e5·style + content + 0.1·tv, with contentTarget = f2(x) computed outside the tape. */
  function totalLoss(x: tf.Tensor4D, contentTarget: tf.Tensor4D, keep?: (name: string, t: tf.Tensor) => void): tf.Scalar {
    const yhat = transformer(x);
    const f = features(yhat, 3);
    let styleLoss = tf.scalar(0);
    f.forEach((fs, s) => {
      styleLoss = tf.add(styleLoss, meanAll(tf.square(tf.sub(gram(fs), styleGrams[s]!))));
    });
    const content = meanAll(tf.square(tf.sub(f[1]!, contentTarget)));
    const [b, h, w, c] = yhat.shape;
    const dy = tf.sub(tf.slice(yhat, [0, 1, 0, 0], [b, h - 1, w, c]), tf.slice(yhat, [0, 0, 0, 0], [b, h - 1, w, c]));
    const dx = tf.sub(tf.slice(yhat, [0, 0, 1, 0], [b, h, w - 1, c]), tf.slice(yhat, [0, 0, 0, 0], [b, h, w - 1, c]));
    const tv = tf.add(meanAll(tf.abs(dy)), meanAll(tf.abs(dx)));
    keep?.('style', styleLoss);
    keep?.('content', content);
    keep?.('tv', tv);
    return tf.add(tf.add(tf.mul(styleLoss, WEIGHTS.style), tf.mul(content, WEIGHTS.content)), tf.mul(tv, WEIGHTS.tv));
  }

  /** f2(x): the no-grad pass through stages 1–2 only. */
  const contentTargetOf = (x: tf.Tensor4D) => tf.tidy(() => features(x, 2)[1]!);

  let nextStep = 0;

  return {
    weights: { T: tb.params, L: lb.params },
    data,

    step(t: number): Record<string, number> {
      if (t !== nextStep) throw new Error(`fast-style-128: step ${t} called, expected ${nextStep}`);
      const { content: x } = data(t);
      const target = contentTargetOf(x);
      const r = lossAndGrads(tVars, (keep) => totalLoss(x, target, keep));
      target.dispose();
      opt.apply(r.grads);
      tf.dispose(r.grads);
      nextStep = t + 1;
      return { total: r.value, style: r.parts.style!, content: r.parts.content!, tv: r.parts.tv! };
    },

    generatorGrads(t: number): tf.Tensor[] {
      const { content: x } = data(t);
      const target = contentTargetOf(x);
      const grads = lossAndGrads(tVars, () => totalLoss(x, target)).grads;
      target.dispose();
      return grads;
    },

    dispose(): void {
      opt.dispose();
      tf.dispose([...tVars, ...lb.params.map((p) => p.variable), style, ...styleGrams]);
      stream.dispose();
    },
  };
}
