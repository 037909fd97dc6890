/**
 * What taps report: preview images as 8-bit RGBA pixels, and a wire's statistics.
 * Computed on the device; read back only when a tap runs.
 */
import * as tf from '@tensorflow/tfjs';
import type { Signal, Value } from '../nodes/types';
import type { WireStats } from './protocol';

export interface PreviewImage {
  width: number;
  height: number;
  /** RGBA, row-major. */
  pixels: Uint8ClampedArray;
}

export type { WireStats };

export type TapResult =
  | { id: string; kind: 'preview'; step: number; images: PreviewImage[] }
  | { id: string; kind: 'inspect'; step: number; stats: WireStats[]; channels: PreviewImage[] };

/** Maps an image batch to displayable pixels according to its range (unbounded: min–max). */
export async function previewImages(v: Value, signal: Signal | undefined, count: number): Promise<PreviewImage[]> {
  const t = Array.isArray(v) ? v[0]! : v;
  if (t.rank !== 4) return [];
  const [b, h, w, c] = t.shape as [number, number, number, number];
  const n = Math.min(b, Math.max(1, count));
  const bytes = tf.tidy(() => {
    let x = tf.slice(t, [0, 0, 0, 0], [n, h, w, c]);
    if (signal?.range === '[-1,1]') x = tf.div(tf.add(x, 1), 2);
    else if (signal?.range !== '[0,1]') x = tf.div(tf.sub(x, tf.min(x)), tf.maximum(tf.sub(tf.max(x), tf.min(x)), 1e-8));
    x = tf.clipByValue(x, 0, 1);
    const rgb = c === 3 ? x : c === 1 ? tf.tile(x, [1, 1, 1, 3]) : tf.tile(tf.mean(x, -1, true), [1, 1, 1, 3]);
    const alpha = tf.onesLike(tf.slice(rgb, [0, 0, 0, 0], [n, h, w, 1]));
    return tf.cast(tf.round(tf.mul(tf.concat([rgb, alpha], -1), 255)), 'int32');
  });
  const data = await bytes.data();
  bytes.dispose();
  const per = h * w * 4;
  return Array.from({ length: n }, (_, i) => ({ width: w, height: h, pixels: Uint8ClampedArray.from(data.subarray(i * per, (i + 1) * per)) }));
}

export async function wireStats(v: Value, bins: number): Promise<WireStats[]> {
  const list = Array.isArray(v) ? v : [v];
  const out: WireStats[] = [];
  for (const t of list) {
    const packed = tf.tidy(() => {
      const x = tf.reshape(tf.cast(t, 'float32'), [-1]);
      const { mean, variance } = tf.moments(x);
      const lo = tf.min(x);
      const hi = tf.max(x);
      const width = tf.maximum(tf.div(tf.sub(hi, lo), bins), 1e-12);
      const idx = tf.clipByValue(tf.floor(tf.div(tf.sub(x, lo), width)), 0, bins - 1);
      const hist = tf.sum(tf.oneHot(tf.cast(idx, 'int32'), bins), 0);
      return tf.concat([tf.stack([mean, tf.sqrt(variance), lo, hi]), tf.cast(hist, 'float32')]);
    });
    const d = await packed.data();
    packed.dispose();
    out.push({ shape: t.shape, mean: d[0]!, std: d[1]!, min: d[2]!, max: d[3]!, histogram: Array.from(d.subarray(4)) });
  }
  return out;
}

/**
 * The first `count` channels of the first sample of a map (rank 4: batch×H×W×C), each scaled
 * from its own minimum to its maximum, as grey RGBA images; none for other ranks.
 */
export async function channelImages(v: Value, count: number): Promise<PreviewImage[]> {
  const t = Array.isArray(v) ? v[0]! : v;
  if (t.rank !== 4) return [];
  const [, h, w, c] = t.shape as [number, number, number, number];
  const n = Math.min(c, Math.max(1, count));
  // n×H×W×1: one grey image per channel, each scaled on its own, drawn as a [0,1] preview batch.
  const grey = tf.tidy(() => {
    const x = tf.transpose(tf.slice(tf.cast(t, 'float32'), [0, 0, 0, 0], [1, h, w, n]), [3, 1, 2, 0]);
    const lo = tf.min(x, [1, 2, 3], true);
    const hi = tf.max(x, [1, 2, 3], true);
    return tf.div(tf.sub(x, lo), tf.maximum(tf.sub(hi, lo), 1e-8));
  });
  try {
    return await previewImages(grey, { type: 'image', shape: grey.shape, range: '[0,1]' }, n);
  } finally {
    grey.dispose();
  }
}
