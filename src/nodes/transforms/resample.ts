/**
 * Nearest and area (box-filter) resampling of [B,H,W,C] images, one axis at a time.
 *
 * tf.image.resizeNearestNeighbor is avoided: its tfjs-backend-cpu gradient is wrong for
 * batch > 1 (STACK-NOTES.md), and gather's gradient (UnsortedSegmentSum) is missing on wasm.
 * Whole-number ratios use reshape + tile / slice / pooling, which are exact; other ratios
 * multiply by a small [out,in] weight matrix, whose gradient is a matMul everywhere.
 *
 * Both filters use half-pixel centres: output pixel i covers [i·s, (i+1)·s) of the input
 * (s = in/out). Nearest takes the input pixel under the centre, floor((i+0.5)·s); area
 * averages the input pixels weighted by how much of them the output pixel covers.
 */
import { tf } from '../tfjs';

export type ResampleFilter = 'nearest' | 'area';

/** Input pixel that nearest resampling reads for output pixel i. */
export function nearestSource(i: number, n: number, out: number): number {
  return Math.min(Math.floor(((i + 0.5) * n) / out), n - 1);
}

/** Row i of the [out,in] area weights: the share of input pixel j inside output pixel i. */
export function areaWeights(n: number, out: number): Float32Array {
  const s = n / out;
  const m = new Float32Array(out * n);
  for (let i = 0; i < out; i++) {
    const a = i * s;
    const b = (i + 1) * s;
    for (let j = Math.floor(a); j < Math.min(Math.ceil(b), n); j++) {
      const overlap = Math.min(b, j + 1) - Math.max(a, j);
      if (overlap > 0) m[i * n + j] = overlap / s;
    }
  }
  return m;
}

function nearestWeights(n: number, out: number): Float32Array {
  const m = new Float32Array(out * n);
  for (let i = 0; i < out; i++) m[i * n + nearestSource(i, n, out)] = 1;
  return m;
}

/** Resamples axis 1 (height) or 2 (width) of x from its size to `out`. */
export function resampleAxis(x: tf.Tensor4D, axis: 1 | 2, out: number, filter: ResampleFilter): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const n = axis === 1 ? h : w;
  if (out === n) return x;
  // Folding the other axes away leaves [outer, n, inner]; a reshape to [outer, n, 1, inner]
  // or [outer, out, k, inner] then repeats or groups pixels along the resampled axis.
  const outer = axis === 1 ? b : b * h;
  const inner = axis === 1 ? w * c : c;
  const shapeOut: [number, number, number, number] = axis === 1 ? [b, out, w, c] : [b, h, out, c];
  if (out % n === 0) {
    const k = out / n;
    const y = tf.tile(tf.reshape(x, [outer, n, 1, inner]), [1, 1, k, 1]);
    return tf.reshape(y, shapeOut);
  }
  if (n % out === 0) {
    const k = n / out;
    const grouped = tf.reshape(x, [outer, out, k, inner]) as tf.Tensor4D;
    const y =
      filter === 'area'
        ? tf.mean(grouped, 2)
        : tf.slice(grouped, [0, 0, Math.floor(k / 2), 0], [-1, -1, 1, -1]);
    return tf.reshape(y, shapeOut);
  }
  const m = tf.tensor2d(filter === 'area' ? areaWeights(n, out) : nearestWeights(n, out), [out, n]);
  const perm = axis === 1 ? [1, 0, 2, 3] : [2, 0, 1, 3];
  const moved = tf.reshape(tf.transpose(x, perm), [n, -1]) as tf.Tensor2D;
  const y = tf.reshape(tf.matMul(m, moved), axis === 1 ? [out, b, w, c] : [out, b, h, c]);
  return tf.transpose(y, axis === 1 ? [1, 0, 2, 3] : [1, 2, 0, 3]) as tf.Tensor4D;
}

/** Resamples x to ho×wo with nearest or area filtering. */
export function resample(x: tf.Tensor4D, ho: number, wo: number, filter: ResampleFilter): tf.Tensor4D {
  const [, h, w] = x.shape;
  if (filter === 'area' && ho < h && wo < w && h % ho === 0 && w % wo === 0) {
    // The usual case (a low-res input for super-resolution): one exact box filter.
    const kh = h / ho;
    const kw = w / wo;
    return tf.avgPool(x, [kh, kw], [kh, kw], 'valid');
  }
  return resampleAxis(resampleAxis(x, 1, ho, filter), 2, wo, filter);
}
