/**
 * Pieces several transforms share: value ranges as numbers, edge padding, luma, the checked
 * image input and the keep-the-shape rule. Everything here is built from ops whose gradients
 * exist on every backend (slice, tile, concat, conv2d), so the transforms stay trainable through.
 */
import { tf } from '../tfjs';
import { image, map4, isProblemValue } from '../shape';
import type { InferCtx, InferResult, Problem, Signal, ValueRange } from '../types';

/** Lowest value and width of a range; 'unbounded' is treated like [0,1] where a colour is needed. */
export function rangeBounds(range: ValueRange | undefined): { lo: number; span: number } {
  return range === '[-1,1]' ? { lo: -1, span: 2 } : { lo: 0, span: 1 };
}

/** The 4-D image on `port` with its range ('unbounded' when the signal carries none). */
export function imageIn(ctx: InferCtx<unknown>, port = 'in'): (Signal & { range: ValueRange }) | Problem {
  const s = map4(ctx, port);
  if (isProblemValue(s)) return s;
  return { ...s, type: 'image', range: s.range ?? 'unbounded' };
}

/** The shape rule of transforms that change values only: `out` is `in`'s shape and range. */
export function sameImage(ctx: InferCtx<unknown>): InferResult {
  const x = imageIn(ctx);
  return isProblemValue(x) ? x : { out: image([...x.shape], x.range) };
}

/**
 * Pads `before`/`after` copies of the first/last slice along `axis` (replicate padding).
 * Built from slice + tile + concat rather than tf.mirrorPad so that any radius works, even
 * one larger than the image, and the gradient exists on every backend.
 */
export function padEdge(x: tf.Tensor4D, axis: 1 | 2, before: number, after: number): tf.Tensor4D {
  if (before === 0 && after === 0) return x;
  const n = x.shape[axis];
  const parts: tf.Tensor4D[] = [];
  const reps = (k: number): [number, number, number, number] => (axis === 1 ? [1, k, 1, 1] : [1, 1, k, 1]);
  const sliceAt = (i: number): tf.Tensor4D => {
    const begin: [number, number, number, number] = [0, 0, 0, 0];
    const size: [number, number, number, number] = [-1, -1, -1, -1];
    begin[axis] = i;
    size[axis] = 1;
    return tf.slice(x, begin, size);
  };
  if (before > 0) parts.push(tf.tile(sliceAt(0), reps(before)));
  parts.push(x);
  if (after > 0) parts.push(tf.tile(sliceAt(n - 1), reps(after)));
  return tf.concat(parts, axis);
}

/**
 * ITU-R BT.601 luma, g = 0.299·r + 0.587·g + 0.114·b, summed in that order in float32 so it
 * matches a reference that computes the same expression (WORKLOADS.md A.1).
 */
export function luma(x: tf.Tensor4D): tf.Tensor4D {
  const [r, g, b] = tf.split(x, 3, 3) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  return tf.add(tf.add(tf.mul(r, 0.299), tf.mul(g, 0.587)), tf.mul(b, 0.114));
}

/** Repeats a one-channel image into `channels` identical channels. */
export function toChannels(x: tf.Tensor4D, channels: number): tf.Tensor4D {
  return channels === 1 ? x : tf.tile(x, [1, 1, 1, channels]);
}

/**
 * Applies a 2-D filter to every channel separately with plain conv2d: the channels are
 * moved into the batch ([B·C,H,W,1]) because the wasm backend has no depthwise-conv
 * gradient kernels. `fn` gets the one-channel stack and returns a one-channel stack.
 */
export function perChannel(x: tf.Tensor4D, fn: (y: tf.Tensor4D) => tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  if (c === 1) return fn(x);
  const stacked = tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [b * c, h, w, 1]) as tf.Tensor4D;
  const y = fn(stacked);
  const [, ho, wo] = y.shape;
  return tf.transpose(tf.reshape(y, [b, c, ho, wo]), [0, 2, 3, 1]);
}
