/**
 * The building blocks of the hand-written TensorFlow.js loops: what a careful engineer writes
 * with tfjs's own ops, independent of src/. Convolutions with a bias (and an activation) go
 * through tfjs's fused ops, which fuse the activation too wherever no gradient tape records
 * (tfjs unfuses non-linear activations under a tape, since it has no gradient for them fused).
 * Reductions run one axis at a time: wasm sums float32 one element at a time, and a flat mean
 * over half a million values drifts by about 1e-4 (../shared/STACK-NOTES.md).
 */
import * as tf from '@tensorflow/tfjs';

type Act = 'linear' | 'relu' | 'leakyrelu';

/**
 * Which gradients a layer under a tape must give: both its weights' and its input's (the
 * default), or only one: its weights' when data feeds it, its input's when it does not train
 * (a frozen loss net, D in G's update). A fused op's gradient computes them all at once, so only
 * 'both' fuses under a tape; the separate ops compute just what flows.
 */
export type Needs = 'both' | 'weights' | 'input';

/** TF 'same' conv (extra padding bottom/right), kernel [kh, kw, Cin, Cout]. */
export function conv(x: tf.Tensor4D, kernel: tf.Tensor, stride: number, bias?: tf.Tensor, activation: Act = 'linear', needs: Needs = 'both'): tf.Tensor4D {
  const filter = kernel as tf.Tensor4D;
  if (!bias && activation === 'linear') return tf.conv2d(x, filter, stride, 'same');
  if (bias && needs !== 'both' && recording()) return activate(tf.add(tf.conv2d(x, filter, stride, 'same'), bias), activation);
  // Under a tape tfjs would unfuse the bias along with the activation: keep conv+bias fused.
  if (activation !== 'linear' && recording()) return activate(tf.fused.conv2d({ x, filter, strides: stride, pad: 'same', bias }), activation);
  return tf.fused.conv2d({ x, filter, strides: stride, pad: 'same', bias, activation, leakyreluAlpha: 0.2 });
}

/** x·k + b, fused unless a tape needs only one of the two gradients. */
export function dense(x: tf.Tensor2D, kernel: tf.Tensor, bias: tf.Tensor, needs: Needs = 'both'): tf.Tensor2D {
  const b = kernel as tf.Tensor2D;
  return recording() && needs !== 'both' ? (tf.add(tf.matMul(x, b), bias) as tf.Tensor2D) : (tf.fused.matMul({ a: x, b, bias }) as tf.Tensor2D);
}

/** Whether a gradient tape is recording (tfjs fuses only linear activations then). */
const recording = (): boolean => (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;

const activate = (x: tf.Tensor4D, activation: Act): tf.Tensor4D => (activation === 'relu' ? tf.relu(x) : activation === 'leakyrelu' ? lrelu(x) : x);

/** Transposed conv n → n·s with the padding of the 'same' conv n·s → n; kernel [kh, kw, Cout, Cin]. */
export function convT(x: tf.Tensor4D, kernel: tf.Tensor, stride: number, bias?: tf.Tensor): tf.Tensor4D {
  const [b, h, w] = x.shape;
  const y = tf.conv2dTranspose(x, kernel as tf.Tensor4D, [b, h * stride, w * stride, kernel.shape[2]!], stride, 'same');
  return bias ? tf.add(y, bias) : y;
}

export const lrelu = <T extends tf.Tensor>(x: T): T => tf.leakyRelu(x, 0.2);

/** Mean over the given axes, one at a time, keeping dims. */
function meanKeep(x: tf.Tensor, axes: number[]): tf.Tensor {
  return axes.reduce((m, a) => tf.mean(m, a, true), x);
}

/** Mean of every element, reduced from the last axis to the first. */
export function meanAll(x: tf.Tensor): tf.Scalar {
  let y = x;
  while (y.rank > 0) y = tf.mean(y, -1);
  return y as tf.Scalar;
}

/** Normalises over `axes` (biased variance, eps 1e-5), then γ·x̂ + β; also returns the statistics. */
export function normalize(x: tf.Tensor4D, axes: number[], gamma: tf.Tensor, beta: tf.Tensor): { y: tf.Tensor4D; mean: tf.Tensor; variance: tf.Tensor } {
  const mean = meanKeep(x, axes);
  const centred = tf.sub(x, mean);
  const variance = meanKeep(tf.square(centred), axes);
  const y = tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta) as tf.Tensor4D;
  return { y, mean, variance };
}

/** Instance norm: statistics per sample and channel over H and W. */
export const instanceNorm = (x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor4D => normalize(x, [1, 2], gamma, beta).y;

/**
 * Nearest ×2 upsampling as a broadcast: [B,H,1,W,1,C] × ones[1,1,2,1,2,1]. Its gradient is a sum
 * over the broadcast axes, exact on every backend (tfjs-backend-cpu's resizeNearestNeighbor
 * gradient is wrong for batch > 1, STACK-NOTES.md), and on wasm it was the fastest form measured.
 */
export function upsample2x(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  return tf.reshape(tf.mul(tf.reshape(x, [b, h, 1, w, 1, c]), tf.ones([1, 1, 2, 1, 2, 1])), [b, 2 * h, 2 * w, c]);
}

/** BCE with logits against a constant label: softplus(−x) for 1, softplus(x) for 0, mean over all. */
export const bce = (logits: tf.Tensor, label: 0 | 1): tf.Scalar => meanAll(tf.softplus(label === 1 ? tf.neg(logits) : logits));

/** Adam with the spec's epsilon (tfjs's default is 1e-7). */
export const adam = (lr: number, beta1: number): tf.Optimizer => tf.train.adam(lr, beta1, 0.999, 1e-8);
