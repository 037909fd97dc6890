/**
 * WORKLOADS.md B, `fast-style-128`, hand-written: a Johnson transformer trained against a frozen
 * random loss net. The style image's Gram targets are computed once; the content target f2(x) is
 * a no-grad pass through stages 1–2 only, with conv+bias+ReLU fused.
 */
import * as tf from '@tensorflow/tfjs';
import { ParamBuilder } from '../../tests/reference/common';
import { draw, fastStyleImage, fastStyleStream } from './data';
import { adam, conv, instanceNorm, meanAll, upsample2x } from './layers';
import type { HandWritten } from './types';

export function fastStyle128(steps: number): HandWritten {
  const style = fastStyleImage();
  const content = draw(fastStyleStream(), steps);
  const tb = new ParamBuilder('T', 201);
  const convIn = (layer: string, shape: [number, number, number, number]) => ({ k: tb.kernel(layer, shape), gamma: tb.gamma(layer, shape[3]), beta: tb.beta(layer, shape[3]) });
  const T = {
    c1: convIn('c1', [9, 9, 3, 16]),
    c2: convIn('c2', [3, 3, 16, 32]),
    c3: convIn('c3', [3, 3, 32, 64]),
    res: [1, 2, 3].map((r) => ({ a: convIn(`r${r}.c1`, [3, 3, 64, 64]), b: convIn(`r${r}.c2`, [3, 3, 64, 64]) })),
    u1: convIn('u1', [3, 3, 64, 32]),
    u2: convIn('u2', [3, 3, 32, 16]),
    out: { k: tb.kernel('out', [9, 9, 16, 3]), b: tb.bias('out', 3) },
  };
  const lb = new ParamBuilder('L', 202, false);
  const L = [
    { k: lb.kaimingKernel('c1', [3, 3, 3, 32]), b: lb.bias('c1', 32) },
    { k: lb.kaimingKernel('c2', [3, 3, 32, 64]), b: lb.bias('c2', 64) },
    { k: lb.kaimingKernel('c3', [3, 3, 64, 128]), b: lb.bias('c3', 128) },
  ];
  const tVars = tb.params.map((p) => p.variable);
  const opt = adam(1e-3, 0.9);

  type ConvIn = ReturnType<typeof convIn>;
  const cir = (h: tf.Tensor4D, p: ConvIn, stride: number) => tf.relu(instanceNorm(conv(h, p.k, stride), p.gamma, p.beta));

  function transformer(x: tf.Tensor4D): tf.Tensor4D {
    let h = cir(cir(cir(x, T.c1, 1), T.c2, 2), T.c3, 2);
    for (const r of T.res) h = tf.add(h, instanceNorm(conv(cir(h, r.a, 1), r.b.k, 1), r.b.gamma, r.b.beta));
    h = cir(upsample2x(cir(upsample2x(h), T.u1, 1)), T.u2, 1);
    return conv(h, T.out.k, 1, T.out.b);
  }

  /** Loss-net features f1..f_stages. */
  function features(x: tf.Tensor4D, stages: number): tf.Tensor4D[] {
    const f: tf.Tensor4D[] = [];
    let h = x;
    for (let s = 0; s < stages; s++) {
      // The loss net is frozen: under G's tape only its input's gradients flow.
      h = conv(s === 0 ? h : tf.avgPool(h, 2, 2, 'valid'), L[s]!.k, 1, L[s]!.b, 'relu', 'input');
      f.push(h);
    }
    return f;
  }

  function gram(f: tf.Tensor4D): tf.Tensor3D {
    const [b, h, w, c] = f.shape;
    const rows = tf.reshape(f, [b, h * w, c]);
    return tf.div(tf.matMul(rows, rows, true, false), c * h * w);
  }

  const styleGrams = tf.tidy(() => features(style, 3).map(gram));

  return {
    dataBytes: (style.size + content.reduce((n, c) => n + c.size, 0)) * 4,
    step(t) {
      const x = content[t]!;
      const target = tf.tidy(() => features(x, 2)[1]!);
      const kept: Record<string, tf.Tensor> = {};
      const keep = <T extends tf.Tensor>(id: string, v: T): T => {
        kept[id] = tf.keep(v);
        return v;
      };
      kept.total = opt.minimize(() => {
        const yhat = transformer(x);
        const f = features(yhat, 3);
        const styleLoss = keep('style', tf.addN(f.map((fs, s) => meanAll(tf.square(tf.sub(gram(fs), styleGrams[s]!))))));
        const contentLoss = keep('content', meanAll(tf.square(tf.sub(f[1]!, target))));
        const [b, h, w, c] = yhat.shape;
        const dy = tf.sub(tf.slice(yhat, [0, 1, 0, 0], [b, h - 1, w, c]), tf.slice(yhat, [0, 0, 0, 0], [b, h - 1, w, c]));
        const dx = tf.sub(tf.slice(yhat, [0, 0, 1, 0], [b, h, w - 1, c]), tf.slice(yhat, [0, 0, 0, 0], [b, h, w - 1, c]));
        const tv = keep('tv', tf.add(meanAll(tf.abs(dy)), meanAll(tf.abs(dx))));
        return tf.addN([tf.mul(styleLoss, 1e5), contentLoss, tf.mul(tv, 0.1)]);
      }, true, tVars)!;
      target.dispose();
      return kept;
    },
    dispose() {
      opt.dispose();
      tf.dispose([...tVars, ...lb.params.map((p) => p.variable), style, ...content, ...styleGrams]);
    },
  };
}
