/**
 * WORKLOADS.md A, `pix2pix-lite-64`, hand-written: U-Net G + PatchGAN D, LSGAN + 100·L1.
 * fake = G(x) is computed once outside any tape for D's update (its fused activations stay
 * fused); G's update runs G again under its own tape, as any tfjs loop must.
 */
import * as tf from '@tensorflow/tfjs';
import { ParamBuilder } from '../../tests/reference/common';
import { draw, pix2pixStream } from './data';
import { adam, convT, conv, instanceNorm, lrelu, meanAll } from './layers';
import type { HandWritten } from './types';

export function pix2pixLite64(steps: number): HandWritten {
  const data = draw(pix2pixStream(), steps);
  const g = new ParamBuilder('G', 101);
  const convTNorm = (p: ParamBuilder, layer: string, shape: number[]) => ({ k: p.kernel(layer, shape), gamma: p.gamma(layer, shape[2]!), beta: p.beta(layer, shape[2]!) });
  const convNorm = (p: ParamBuilder, layer: string, shape: number[]) => ({ k: p.kernel(layer, shape), gamma: p.gamma(layer, shape[3]!), beta: p.beta(layer, shape[3]!) });
  const G = {
    d1: { k: g.kernel('d1', [4, 4, 3, 32]), b: g.bias('d1', 32) },
    d2: convNorm(g, 'd2', [4, 4, 32, 64]),
    d3: convNorm(g, 'd3', [4, 4, 64, 128]),
    d4: convNorm(g, 'd4', [4, 4, 128, 128]),
    // convT kernels are [kh, kw, Cout, Cin]
    u1: convTNorm(g, 'u1', [4, 4, 128, 128]),
    u2: convTNorm(g, 'u2', [4, 4, 64, 256]),
    u3: convTNorm(g, 'u3', [4, 4, 32, 128]),
    out: { k: g.kernel('out', [4, 4, 3, 64]), b: g.bias('out', 3) },
  };
  const d = new ParamBuilder('D', 102);
  const D = {
    c1: { k: d.kernel('c1', [4, 4, 6, 32]), b: d.bias('c1', 32) },
    c2: convNorm(d, 'c2', [4, 4, 32, 64]),
    c3: convNorm(d, 'c3', [4, 4, 64, 128]),
    c4: { k: d.kernel('c4', [4, 4, 128, 1]), b: d.bias('c4', 1) },
  };
  const gVars = g.params.map((p) => p.variable);
  const dVars = d.params.map((p) => p.variable);
  const optG = adam(2e-4, 0.5);
  const optD = adam(2e-4, 0.5);

  type Norm = { k: tf.Variable; gamma: tf.Variable; beta: tf.Variable };
  const down = (h: tf.Tensor4D, p: Norm) => lrelu(instanceNorm(conv(h, p.k, 2), p.gamma, p.beta));
  const up = (h: tf.Tensor4D, p: Norm, skip: tf.Tensor4D) => tf.concat([tf.relu(instanceNorm(convT(h, p.k, 2), p.gamma, p.beta)), skip], 3);

  function generator(x: tf.Tensor4D): tf.Tensor4D {
    const e1 = conv(x, G.d1.k, 2, G.d1.b, 'leakyrelu', 'weights');
    const e2 = down(e1, G.d2);
    const e3 = down(e2, G.d3);
    const e4 = down(e3, G.d4);
    const h = up(up(up(e4, G.u1, e3), G.u2, e2), G.u3, e1);
    return tf.tanh(convT(h, G.out.k, 2, G.out.b));
  }

  /** D(x, img); in D's update its first layer, fed by data, needs only its weights' gradients, in G's update every layer only its input's. */
  function discriminator(x: tf.Tensor4D, img: tf.Tensor4D, trains: boolean): tf.Tensor4D {
    const h1 = conv(tf.concat([x, img], 3), D.c1.k, 2, D.c1.b, 'leakyrelu', trains ? 'weights' : 'input');
    return conv(down(down(h1, D.c2), D.c3), D.c4.k, 1, D.c4.b, 'linear', trains ? 'both' : 'input');
  }

  return {
    dataBytes: data.reduce((n, s) => n + s.x.size * 4 + s.y.size * 4, 0),
    step(t) {
      const { x, y } = data[t]!;
      const kept: Record<string, tf.Tensor> = {};
      const keep = <T extends tf.Tensor>(id: string, v: T): T => {
        kept[id] = tf.keep(v);
        return v;
      };
      const fake = tf.tidy(() => generator(x));
      kept.lossD = optD.minimize(() => {
        const real = keep('lossD_real', meanAll(tf.square(tf.sub(discriminator(x, y, true), 1))));
        const fk = keep('lossD_fake', meanAll(tf.square(discriminator(x, fake, true))));
        return tf.mul(tf.add(real, fk), 0.5);
      }, true, dVars)!;
      fake.dispose();
      kept.lossG = optG.minimize(() => {
        const f = generator(x);
        const gan = keep('lossG_gan', meanAll(tf.square(tf.sub(discriminator(x, f, false), 1))));
        const l1 = keep('L1', meanAll(tf.abs(tf.sub(f, y))));
        return tf.add(gan, tf.mul(l1, 100));
      }, true, gVars)!;
      return kept;
    },
    dispose() {
      optG.dispose();
      optD.dispose();
      tf.dispose([...gVars, ...dVars, ...data.flatMap((s) => [s.x, s.y])]);
    },
  };
}
