/**
 * WORKLOADS.md C, `dcgan-28`, hand-written: DCGAN G (training-mode batch norm) + D, BCE with
 * logits. fake = G(z) once outside any tape for D's update, which also moves the running
 * statistics once per step; G's update runs G again under its own tape.
 */
import * as tf from '@tensorflow/tfjs';
import { ParamBuilder } from '../../tests/reference/common';
import { dcganStream, draw } from './data';
import { adam, bce, conv, convT, dense, normalize } from './layers';
import type { HandWritten } from './types';

export function dcgan28(steps: number): HandWritten {
  const data = draw(dcganStream(), steps);
  const g = new ParamBuilder('G', 301);
  const G = {
    fc: { k: g.kernel('fc', [64, 6272]), gamma: g.gamma('fc', 128), beta: g.beta('fc', 128) },
    t1: { k: g.kernel('t1', [5, 5, 64, 128]), gamma: g.gamma('t1', 64), beta: g.beta('t1', 64) },
    t2: { k: g.kernel('t2', [5, 5, 1, 64]), b: g.bias('t2', 1) },
  };
  const running = [
    { mean: g.buffer('fc', 'mean', 128, 0).variable, variance: g.buffer('fc', 'var', 128, 1).variable },
    { mean: g.buffer('t1', 'mean', 64, 0).variable, variance: g.buffer('t1', 'var', 64, 1).variable },
  ];
  const d = new ParamBuilder('D', 302);
  const D = {
    c1: { k: d.kernel('c1', [5, 5, 1, 64]), b: d.bias('c1', 64) },
    c2: { k: d.kernel('c2', [5, 5, 64, 128]), b: d.bias('c2', 128) },
    fc: { k: d.kernel('fc', [6272, 1]), b: d.bias('fc', 1) },
  };
  const gVars = g.params.map((p) => p.variable);
  const dVars = d.params.map((p) => p.variable);
  const optG = adam(2e-4, 0.5);
  const optD = adam(2e-4, 0.5);

  /** G(z); `stats` receives each batch norm's batch mean and biased variance. */
  function generator(z: tf.Tensor2D, stats?: { mean: tf.Tensor; variance: tf.Tensor; n: number }[]): tf.Tensor4D {
    const bn = (h: tf.Tensor4D, p: { gamma: tf.Tensor; beta: tf.Tensor }) => {
      const r = normalize(h, [0, 1, 2], p.gamma, p.beta);
      stats?.push({ mean: r.mean, variance: r.variance, n: h.size / h.shape[3] });
      return tf.relu(r.y);
    };
    const h0 = bn(tf.reshape(tf.matMul(z, G.fc.k as tf.Tensor2D), [z.shape[0], 7, 7, 128]), G.fc);
    const h1 = bn(convT(h0, G.t1.k, 2), G.t1);
    return tf.tanh(convT(h1, G.t2.k, 2, G.t2.b));
  }

  /** D(img); in D's update its first layer, fed by data, needs only its weights' gradients, in G's update every layer only its input's. */
  function discriminator(img: tf.Tensor4D, trains: boolean): tf.Tensor2D {
    const h1 = conv(img, D.c1.k, 2, D.c1.b, 'leakyrelu', trains ? 'weights' : 'input');
    const h = conv(h1, D.c2.k, 2, D.c2.b, 'leakyrelu', trains ? 'both' : 'input');
    return dense(tf.reshape(h, [h.shape[0], 6272]), D.fc.k, D.fc.b, trains ? 'both' : 'input');
  }

  return {
    dataBytes: data.reduce((n, s) => n + (s.real.size + s.z.size) * 4, 0),
    step(t) {
      const { real, z } = data[t]!;
      const kept: Record<string, tf.Tensor> = {};
      const keep = <T extends tf.Tensor>(id: string, v: T): T => {
        kept[id] = tf.keep(v);
        return v;
      };
      // running = 0.9·running + 0.1·batch; the running variance takes the unbiased batch variance, as PyTorch's does.
      const fake = tf.tidy(() => {
        const stats: { mean: tf.Tensor; variance: tf.Tensor; n: number }[] = [];
        const f = generator(z, stats);
        stats.forEach((s, i) => {
          const r = running[i]!;
          r.mean.assign(tf.add(tf.mul(r.mean, 0.9), tf.mul(tf.reshape(s.mean, r.mean.shape), 0.1)));
          r.variance.assign(tf.add(tf.mul(r.variance, 0.9), tf.mul(tf.reshape(s.variance, r.variance.shape), 0.1 * (s.n / (s.n - 1)))));
        });
        return f;
      });
      kept.lossD = optD.minimize(() => tf.add(keep('real', bce(discriminator(real, true), 1)), keep('fake', bce(discriminator(fake, true), 0))), true, dVars)!;
      fake.dispose();
      kept.lossG = optG.minimize(() => bce(discriminator(generator(z), false), 1), true, gVars)!;
      return kept;
    },
    dispose() {
      optG.dispose();
      optD.dispose();
      tf.dispose([...gVars, ...dVars, ...running.flatMap((r) => [r.mean, r.variance]), ...data.flatMap((s) => [s.real, s.z])]);
    },
  };
}
