/**
 * Shared pieces of the hand-written reference workloads (WORKLOADS.md, section 0), written
 * straight from the spec with plain tfjs ops: the reference PRNG, the procedural data, the
 * weight fill, instance/batch norm, 'same' convolutions, nearest upsampling, the losses'
 * building blocks, Adam and the fingerprint. Imports nothing but @tensorflow/tfjs on purpose.
 */
import * as tf from '@tensorflow/tfjs';

// ---------------------------------------------------------------------------------------------
// PRNG and procedural data (float64 maths, cast to float32 at the end)
// ---------------------------------------------------------------------------------------------

export type Rng = () => number;

/** mulberry32, uniform in [0,1): the spec's JS, verbatim. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box–Muller, cos branch only: one normal consumes two uniforms, nothing cached. */
export function normal(rng: Rng): number {
  const u1 = rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * sinus(rng, S, K, fmax): an S×S×3 image (NHWC, row-major [i][j][c]) in [−1,1], kept in float64
 * so that derived data (A's luma, B's (v+1)/2) is computed in float64 before the one cast.
 */
export function sinus64(rng: Rng, S: number, K: number, fmax: number): Float64Array {
  const out = new Float64Array(S * S * 3);
  for (let c = 0; c < 3; c++) {
    const waves: { fx: number; fy: number; ph: number }[] = [];
    for (let k = 0; k < K; k++) {
      const u0 = rng();
      const u1 = rng();
      const u2 = rng();
      waves.push({ fx: Math.floor(u0 * (2 * fmax + 1)) - fmax, fy: Math.floor(u1 * (2 * fmax + 1)) - fmax, ph: 2 * Math.PI * u2 });
    }
    for (let i = 0; i < S; i++) {
      for (let j = 0; j < S; j++) {
        let s = 0;
        for (const w of waves) s += Math.sin((2 * Math.PI * (w.fx * j + w.fy * i)) / S + w.ph);
        out[(i * S + j) * 3 + c] = (1 / K) * s;
      }
    }
  }
  return out;
}

/** sinus(rng, S, K, fmax) cast to float32. */
export function sinus(rng: Rng, S: number, K: number, fmax: number): Float32Array {
  return Float32Array.from(sinus64(rng, S, K, fmax));
}

/** stroke(rng): a 28×28×1 image in [−1,1], the maximum over 1–3 thick line segments. */
export function stroke(rng: Rng): Float32Array {
  const S = 28;
  const n = 1 + Math.floor(3 * rng());
  const intensity = new Float64Array(S * S);
  for (let s = 0; s < n; s++) {
    const x0 = 4 + 20 * rng();
    const y0 = 4 + 20 * rng();
    const x1 = 4 + 20 * rng();
    const y1 = 4 + 20 * rng();
    const r = 1 + 1.5 * rng();
    const bx = x1 - x0;
    const by = y1 - y0;
    const len2 = bx * bx + by * by;
    for (let i = 0; i < S; i++) {
      for (let j = 0; j < S; j++) {
        // p = (j, i), a = (x0, y0), b = (x1, y1)
        const px = j - x0;
        const py = i - y0;
        const t = len2 === 0 ? 0 : Math.min(Math.max((px * bx + py * by) / len2, 0), 1);
        const dx = px - t * bx;
        const dy = py - t * by;
        const d = Math.sqrt(dx * dx + dy * dy);
        const v = Math.min(Math.max(r + 0.5 - d, 0), 1);
        const k = i * S + j;
        if (v > intensity[k]!) intensity[k] = v;
      }
    }
  }
  const out = new Float32Array(S * S);
  for (let k = 0; k < S * S; k++) out[k] = 2 * intensity[k]! - 1;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Weight fill
// ---------------------------------------------------------------------------------------------

/** n values float32(0.02·normal), in stream order (row-major in the tfjs layout). */
export function fillNormal(rng: Rng, n: number, std = 0.02): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = std * normal(rng);
  return out;
}

/** Kaiming-uniform: w = (2u − 1)·sqrt(6/fanIn), one uniform per value, in stream order. */
export function fillKaimingUniform(rng: Rng, n: number, fanIn: number): Float32Array {
  const bound = Math.sqrt(6 / fanIn);
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = (2 * rng() - 1) * bound;
  return out;
}

export interface NamedVariable {
  /** The spec-level name, e.g. 'G.d2.gamma'. */
  name: string;
  variable: tf.Variable;
}

let instanceCounter = 0;

/**
 * Creates one network's variables in fill order from its own seeded stream. tfjs variable names
 * must be unique in the engine, so they carry a per-instance prefix; `name` is the spec name.
 */
export class ParamBuilder {
  readonly params: NamedVariable[] = [];
  private readonly rng: Rng;
  private readonly scope: string;

  constructor(
    private readonly net: string,
    seed: number,
    private readonly trainable = true,
  ) {
    this.rng = mulberry32(seed);
    this.scope = `reference${++instanceCounter}`;
  }

  private add(layer: string, kind: string, shape: number[], values: Float32Array): tf.Variable {
    const name = `${this.net}.${layer}.${kind}`;
    const t = tf.tensor(values, shape, 'float32');
    const variable = tf.variable(t, this.trainable, `${this.scope}/${name}`);
    t.dispose();
    this.params.push({ name, variable });
    return variable;
  }

  /** A kernel filled with N(0, 0.02²). */
  kernel(layer: string, shape: number[]): tf.Variable {
    return this.add(layer, 'kernel', shape, fillNormal(this.rng, size(shape)));
  }

  /** A kernel filled Kaiming-uniform with fan_in = kh·kw·Cin (conv layout [kh, kw, Cin, Cout]). */
  kaimingKernel(layer: string, shape: number[]): tf.Variable {
    const [kh, kw, cin] = shape as [number, number, number, number];
    return this.add(layer, 'kernel', shape, fillKaimingUniform(this.rng, size(shape), kh * kw * cin));
  }

  bias(layer: string, n: number): tf.Variable {
    return this.add(layer, 'bias', [n], new Float32Array(n));
  }

  gamma(layer: string, n: number): tf.Variable {
    return this.add(layer, 'gamma', [n], new Float32Array(n).fill(1));
  }

  beta(layer: string, n: number): tf.Variable {
    return this.add(layer, 'beta', [n], new Float32Array(n));
  }

  /** A non-trainable buffer (running statistics); not part of `params`. */
  buffer(layer: string, kind: string, n: number, value: number): NamedVariable {
    const name = `${this.net}.${layer}.${kind}`;
    const t = tf.fill([n], value, 'float32');
    const variable = tf.variable(t, false, `${this.scope}/${name}`);
    t.dispose();
    return { name, variable };
  }
}

export const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

// ---------------------------------------------------------------------------------------------
// Layers
// ---------------------------------------------------------------------------------------------

/**
 * TF/tfjs 'same' padding for input n, kernel k, stride s (WORKLOADS.md section 0):
 * out = ceil(n/s), total = max((out−1)·s + k − n, 0), before = floor(total/2), after = total − before.
 */
export function samePadding(n: number, k: number, s: number): [number, number] {
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

/** The explicit NHWC padding of the forward 'same' conv on an h×w input. */
function samePad4(h: number, w: number, kh: number, kw: number, s: number): Pad4 {
  return [[0, 0], samePadding(h, kh, s), samePadding(w, kw, s), [0, 0]];
}

/**
 * Gradient of a conv (explicit padding `pad`, stride s) w.r.t. its kernel [kh, kw, Ci, Co]:
 * dW[a,b,ci,co] = Σ_{n,i,j} xpad[n, i·s+a, j·s+b, ci]·dy[n,i,j,co], computed as a stride-1 conv
 * dilated by s of xpad (batch and channels swapped) with dy as the filter. tfjs-backend-cpu's own
 * Conv2DBackpropFilter is correct but slow (16 s of a 17 s pix2pix-lite-64 step; about 1 s this
 * way); reference.test.ts checks these gradients against tfjs's for every padding case.
 */
export function convFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number, s: number, pad: Pad4): tf.Tensor4D {
  const co = dy.shape[3];
  const ci = x.shape[3];
  const xt = tf.transpose(tf.pad(x, pad), [3, 1, 2, 0]); // [Ci, Hp, Wp, B]
  const dyt = tf.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, B, Co]
  let r: tf.Tensor4D = tf.conv2d(xt, dyt, 1, 'valid', 'NHWC', s); // [Ci, Hp−(Ho−1)s, Wp−(Wo−1)s, Co]
  if (r.shape[1] !== kh || r.shape[2] !== kw) r = tf.slice(r, [0, 0, 0, 0], [ci, kh, kw, co]);
  return tf.transpose(r, [1, 2, 0, 3]);
}

/** TF 'same' conv (out = ceil(n/s), extra padding bottom/right). Kernel [kh, kw, Cin, Cout]. */
export function conv2dSame(x: tf.Tensor4D, kernel: tf.Tensor, stride: number): tf.Tensor4D {
  const [kh, kw] = kernel.shape as [number, number, number, number];
  const pad = samePad4(x.shape[1], x.shape[2], kh, kw, stride);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, ki, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xi, ki]);
    return {
      value: tf.conv2d(xi, ki, stride, pad),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved as [tf.Tensor4D, tf.Tensor4D];
        return [tf.conv2dTranspose(dy as tf.Tensor4D, ks, xs.shape, stride, pad), convFilterGrad(xs, dy as tf.Tensor4D, kh, kw, stride, pad)];
      },
    };
  });
  return op(x, kernel) as tf.Tensor4D;
}

/**
 * Transposed conv n → n·s whose padding is that of the forward 'same' conv n·s → n.
 * Kernel [kh, kw, Cout, Cin].
 */
export function convTranspose2dSame(x: tf.Tensor4D, kernel: tf.Tensor, stride: number): tf.Tensor4D {
  const [b, h, w] = x.shape;
  const [kh, kw, cout] = kernel.shape as [number, number, number, number];
  const outShape: [number, number, number, number] = [b, h * stride, w * stride, cout];
  const pad = samePad4(h * stride, w * stride, kh, kw, stride);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, ki, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xi, ki]);
    return {
      value: tf.conv2dTranspose(xi, ki, outShape, stride, pad),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved as [tf.Tensor4D, tf.Tensor4D];
        // convT is the adjoint of the conv with the same kernel: dx = conv(dy); dk = filter grad
        // of that conv with dy as its input and x as its output gradient.
        return [tf.conv2d(dy as tf.Tensor4D, ks, stride, pad), convFilterGrad(dy as tf.Tensor4D, xs, kh, kw, stride, pad)];
      },
    };
  });
  return op(x, kernel) as tf.Tensor4D;
}

export const lrelu = (x: tf.Tensor4D | tf.Tensor2D) => tf.leakyRelu(x, 0.2);

/** Mean over the given axes, one axis at a time (a blocked reduction), keeping dims. */
export function blockedMeanKeep<T extends tf.Tensor>(x: T, axes: number[]): T {
  let y: tf.Tensor = x;
  for (const a of axes) y = tf.mean(y, a, true);
  return y as T;
}

/** Mean over every element, reduced one axis at a time from the last to the first: a scalar. */
export function meanAll(x: tf.Tensor): tf.Scalar {
  let y: tf.Tensor = x;
  for (let a = x.rank - 1; a >= 0; a--) y = tf.mean(y, a);
  return y as tf.Scalar;
}

/**
 * Instance norm: per sample and channel over H, W; biased variance; eps 1e-5; y = γ·x̂ + β.
 * Moments are blocked reductions (mean over axis 1, then over axis 2).
 */
export function instanceNorm(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor4D {
  const mean = blockedMeanKeep(x, [1, 2]);
  const centred = tf.sub(x, mean);
  const variance = blockedMeanKeep(tf.square(centred), [1, 2]);
  const normed = tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(normed, gamma), beta);
}

/**
 * Batch norm in training mode: statistics over (B, H, W), biased variance, eps 1e-5.
 * Returns the output and the batch statistics (for the running averages).
 */
export function batchNormTrain(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): { y: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const c = x.shape[3];
  const mean = blockedMeanKeep(x, [0, 1, 2]);
  const centred = tf.sub(x, mean);
  const variance = blockedMeanKeep(tf.square(centred), [0, 1, 2]);
  const normed = tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
  const y = tf.add(tf.mul(normed, gamma), beta) as tf.Tensor4D;
  return { y, mean: tf.reshape(mean, [c]), variance: tf.reshape(variance, [c]) };
}

/**
 * Nearest-neighbour ×2 upsampling (tfjs-backend-cpu's resizeNearestNeighbor gradient is wrong for
 * batch > 1). Forward: [B,H,1,W,1,C] broadcast (× ones) to [B,H,2,W,2,C], reshaped to [B,2H,2W,C].
 * Backward: the sum over each 2×2 block, as 4·avgPool2×2 (exact: the ×¼ and ×4 are powers of two).
 * tfjs's own gradients of concat/tile are correct but several seconds per step slower on cpu;
 * the test checks this one against the concat form below.
 */
export function upsampleNearest2x(x: tf.Tensor4D): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xi = args[0] as tf.Tensor4D;
    const [b, h, w, c] = xi.shape;
    const x6 = tf.reshape(xi, [b, h, 1, w, 1, c]);
    const value = tf.reshape(tf.mul(x6, tf.ones([1, 1, 2, 1, 2, 1])), [b, 2 * h, 2 * w, c]) as tf.Tensor4D;
    return { value, gradFunc: (dy: tf.Tensor) => tf.mul(tf.avgPool(dy as tf.Tensor4D, 2, 2, 'valid'), 4) };
  });
  return op(x) as tf.Tensor4D;
}

/** The same upsampling from reshape + concat (slower on cpu; kept to cross-check the above). */
export function upsampleNearest2xConcat(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const x5 = tf.reshape(x, [b, h, w, 1, c]);
  const wide = tf.reshape(tf.concat([x5, x5], 3), [b, h, 1, 2 * w, c]);
  return tf.reshape(tf.concat([wide, wide], 2), [b, 2 * h, 2 * w, c]);
}

/**
 * Binary cross-entropy with logits against a constant target, mean over all elements, in the
 * stable form max(x,0) − x·z + log(1 + exp(−|x|)).
 */
export function bceWithLogits(logits: tf.Tensor, target: 0 | 1): tf.Scalar {
  const l = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, target)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  return meanAll(l);
}

// ---------------------------------------------------------------------------------------------
// Adam (torch/tfjs formula with bias correction), one instance per network
// ---------------------------------------------------------------------------------------------

/**
 * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; θ ← θ − lr·(m/(1−β1ᵗ)) / (sqrt(v/(1−β2ᵗ)) + eps).
 * Written out rather than tf.train.adam so the moments are tied to the variables by identity,
 * and the bias corrections are computed in float64.
 */
export class Adam {
  private t = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    private readonly vars: tf.Variable[],
    private readonly lr: number,
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly eps = 1e-8,
  ) {
    this.m = vars.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    this.v = vars.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
  }

  /** grads[i] is the gradient of vars[i]. Does not dispose the gradients. */
  apply(grads: tf.Tensor[]): void {
    if (grads.length !== this.vars.length) throw new Error(`Adam: ${grads.length} gradients for ${this.vars.length} variables`);
    this.t += 1;
    const bc1 = 1 - Math.pow(this.beta1, this.t);
    const bc2 = 1 - Math.pow(this.beta2, this.t);
    tf.tidy(() => {
      this.vars.forEach((p, i) => {
        const g = grads[i]!;
        const m = tf.add(tf.mul(this.m[i]!, this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[i]!, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.m[i]!.assign(m);
        this.v[i]!.assign(v);
        const update = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), this.eps));
        p.assign(tf.sub(p, tf.mul(update, this.lr)));
      });
    });
  }

  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Gradients and bookkeeping
// ---------------------------------------------------------------------------------------------

/**
 * Value and gradients of a scalar loss w.r.t. `vars` (in that order). Tensors the loss function
 * wants to report can be kept with `keep`; they are read as numbers and disposed here.
 */
export function lossAndGrads(
  vars: tf.Variable[],
  loss: (keep: (name: string, t: tf.Tensor) => void) => tf.Scalar,
): { value: number; parts: Record<string, number>; grads: tf.Tensor[] } {
  const kept: Record<string, tf.Tensor> = {};
  const keep = (name: string, t: tf.Tensor) => {
    kept[name] = tf.keep(t);
  };
  const { value, grads } = tf.variableGrads(() => loss(keep), vars);
  const out = value.dataSync()[0]!;
  value.dispose();
  const parts: Record<string, number> = {};
  for (const [k, t] of Object.entries(kept)) {
    parts[k] = t.dataSync()[0]!;
    t.dispose();
  }
  return { value: out, parts, grads: vars.map((v) => grads[v.name]!) };
}

/** The shared shape of the three reference workloads. */
export interface Reference {
  weights: Record<string, NamedVariable[]>;
  data(t: number): Record<string, tf.Tensor>;
  step(t: number, hooks?: StepHooks): Record<string, number>;
  generatorGrads(t: number): tf.Tensor[];
  dispose(): void;
}

export interface StepHooks {
  /** A, C: called after D's Adam step and before G's loss is computed (for tests). */
  afterD?: () => void;
}

export interface ReferenceOptions {
  /** Pre-generate the data of steps 0..steps−1 (data is otherwise generated on demand). */
  steps?: number;
}

/**
 * A cache over a sequential data stream: item t needs items 0..t−1 drawn first. The tensors
 * belong to the cache (do not dispose them); `dispose()` frees them all.
 */
export class DataStream {
  private readonly items: Record<string, tf.Tensor>[] = [];

  constructor(private readonly next: () => Record<string, tf.Tensor>) {}

  get(t: number): Record<string, tf.Tensor> {
    if (!Number.isInteger(t) || t < 0) throw new Error(`data: bad step ${t}`);
    while (this.items.length <= t) {
      const item = tf.tidy(() => this.next());
      for (const v of Object.values(item)) tf.keep(v);
      this.items.push(item);
    }
    return this.items[t]!;
  }

  dispose(): void {
    for (const item of this.items) for (const v of Object.values(item)) v.dispose();
    this.items.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Fingerprint
// ---------------------------------------------------------------------------------------------

export interface Fingerprint {
  first3: number[];
  sum: number;
  sumsq: number;
  /** Σ a[k]·((k mod 97) + 1) over the row-major flat index k. */
  wsum: number;
}

/** The appendix fingerprint, in float64. */
export function fingerprint(a: ArrayLike<number> | tf.Tensor): Fingerprint {
  const values: ArrayLike<number> = a instanceof tf.Tensor ? a.dataSync() : a;
  let sum = 0;
  let sumsq = 0;
  let wsum = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    sum += v;
    sumsq += v * v;
    wsum += v * ((k % 97) + 1);
  }
  return { first3: [values[0]!, values[1]!, values[2]!], sum, sumsq, wsum };
}
