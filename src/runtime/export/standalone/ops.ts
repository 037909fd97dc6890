/**
 * The tf-op helpers of ganvas-model.mjs, each the same sequence of ops as the Ganvas node it
 * mirrors (src/nodes/blocks, src/nodes/transforms), so an export reproduces the trainer exactly.
 * `npm run standalone` inlines this file into the module: it imports only @tensorflow/tfjs.
 */
import * as tf from '@tensorflow/tfjs';

/** Normalised over H and W one axis at a time, as Ganvas computes it. */
export function instanceNormalize(x: tf.Tensor4D, eps: number): tf.Tensor {
  const mean = tf.mean(tf.mean(x, 1, true), 2, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.mean(tf.square(centred), 1, true), 2, true);
  return tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
}

/** Inference batch norm: the running statistics, then the learned scale and shift. */
export function batchNormalize(x: tf.Tensor, eps: number, w: (name: string) => tf.Tensor, pre = ''): tf.Tensor {
  const y = tf.mul(tf.sub(x, w(`${pre}movingMean`)), tf.rsqrt(tf.add(w(`${pre}movingVar`), eps)));
  return tf.add(tf.mul(y, w(`${pre}gamma`)), w(`${pre}beta`));
}

/** Nearest upsampling by repeating values (reshape + concat), as Ganvas builds it. */
export function upsampleNearest(x: tf.Tensor4D, f: number): tf.Tensor4D {
  if (f === 1) return x;
  const [b, h, w, c] = x.shape;
  const copies = (t: tf.Tensor, axis: number) => tf.concat(Array.from({ length: f }, () => t), axis);
  const wide = tf.reshape(copies(tf.reshape(x, [b, h, w, 1, c]), 3), [b, h, 1, w * f * c]);
  return tf.reshape(copies(wide, 2), [b, h * f, w * f, c]);
}

export function luma(x: tf.Tensor4D): tf.Tensor4D {
  const [r, g, b] = tf.split(x, 3, 3) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  return tf.add(tf.add(tf.mul(r, 0.299), tf.mul(g, 0.587)), tf.mul(b, 0.114));
}

/** Replicate padding along H (1) or W (2), from slice + tile + concat, as Ganvas pads. */
export function padEdge(x: tf.Tensor4D, axis: 1 | 2, before: number, after: number): tf.Tensor4D {
  if (before === 0 && after === 0) return x;
  const n = x.shape[axis];
  const reps = (k: number): [number, number, number, number] => (axis === 1 ? [1, k, 1, 1] : [1, 1, k, 1]);
  const sliceAt = (i: number): tf.Tensor4D => {
    const begin: [number, number, number, number] = [0, 0, 0, 0];
    const size: [number, number, number, number] = [-1, -1, -1, -1];
    begin[axis] = i;
    size[axis] = 1;
    return tf.slice(x, begin, size);
  };
  const parts: tf.Tensor4D[] = [];
  if (before > 0) parts.push(tf.tile(sliceAt(0), reps(before)));
  parts.push(x);
  if (after > 0) parts.push(tf.tile(sliceAt(n - 1), reps(after)));
  return tf.concat(parts, axis);
}

/** A one-channel filter applied to each channel, the channels moved into the batch. */
export function perChannel(x: tf.Tensor4D, fn: (y: tf.Tensor4D) => tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  if (c === 1) return fn(x);
  const y = fn(tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [b * c, h, w, 1]) as tf.Tensor4D);
  const [, ho, wo] = y.shape;
  return tf.transpose(tf.reshape(y, [b, c, ho, wo]), [0, 2, 3, 1]);
}

export function gaussianTaps(sigma: number, radius: number): Float32Array {
  const r = radius > 0 ? radius : Math.ceil(3 * sigma);
  const taps = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += taps[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  return Float32Array.from(taps, (t) => t / sum);
}

/** Nearest or area resampling of one axis, with half-pixel centres, as Ganvas's Resize does. */
export function resampleAxis(x: tf.Tensor4D, axis: 1 | 2, out: number, filter: string): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const n = axis === 1 ? h : w;
  if (out === n) return x;
  const outer = axis === 1 ? b : b * h;
  const inner = axis === 1 ? w * c : c;
  const shapeOut: [number, number, number, number] = axis === 1 ? [b, out, w, c] : [b, h, out, c];
  if (out % n === 0) return tf.reshape(tf.tile(tf.reshape(x, [outer, n, 1, inner]), [1, 1, out / n, 1]), shapeOut);
  if (n % out === 0) {
    const k = n / out;
    const grouped = tf.reshape(x, [outer, out, k, inner]) as tf.Tensor4D;
    const y = filter === 'area' ? tf.mean(grouped, 2) : tf.slice(grouped, [0, 0, Math.floor(k / 2), 0], [-1, -1, 1, -1]);
    return tf.reshape(y, shapeOut);
  }
  const m = new Float32Array(out * n);
  const s = n / out;
  for (let i = 0; i < out; i++) {
    if (filter !== 'area') {
      m[i * n + Math.min(Math.floor(((i + 0.5) * n) / out), n - 1)] = 1;
      continue;
    }
    for (let j = Math.floor(i * s); j < Math.min(Math.ceil((i + 1) * s), n); j++) {
      const overlap = Math.min((i + 1) * s, j + 1) - Math.max(i * s, j);
      if (overlap > 0) m[i * n + j] = overlap / s;
    }
  }
  const moved = tf.reshape(tf.transpose(x, axis === 1 ? [1, 0, 2, 3] : [2, 0, 1, 3]), [n, -1]) as tf.Tensor2D;
  const y = tf.reshape(tf.matMul(tf.tensor2d(m, [out, n]), moved), axis === 1 ? [out, b, w, c] : [out, b, h, c]);
  return tf.transpose(y, axis === 1 ? [1, 0, 2, 3] : [1, 2, 0, 3]) as tf.Tensor4D;
}

export function resample(x: tf.Tensor4D, ho: number, wo: number, filter: string): tf.Tensor4D {
  const [, h, w] = x.shape;
  if (filter === 'area' && ho < h && wo < w && h % ho === 0 && w % wo === 0) return tf.avgPool(x, [h / ho, w / wo], [h / ho, w / wo], 'valid');
  return resampleAxis(resampleAxis(x, 1, ho, filter), 2, wo, filter);
}

/** The Sobel kernels as a [3,3,1,2] filter: d/dx, then d/dy. */
export const SOBEL_XY = [-1, -1, 0, -2, 1, -1, -2, 0, 0, 0, 2, 0, -1, 1, 0, 2, 1, 1];

/**
 * The input and the padding tf.conv2d takes for a block's padding, as Ganvas pads: 'replicate' pads
 * H, then W, by what 'same' would (TensorFlow's rule), with copies of the border pixels, then 'valid'.
 */
export function padded(x: tf.Tensor4D, padding: string | undefined, k: number, s: number): [tf.Tensor4D, 'same' | 'valid'] {
  if (padding !== 'replicate') return [x, padding === 'valid' ? 'valid' : 'same'];
  const pads = (n: number): [number, number] => {
    const total = Math.max((Math.ceil(n / s) - 1) * s + k - n, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  };
  const [top, bottom] = pads(x.shape[1]);
  const [left, right] = pads(x.shape[2]);
  return [padEdge(padEdge(x, 1, top, bottom), 2, left, right), 'valid'];
}
