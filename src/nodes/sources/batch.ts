/**
 * The batch a square-image source declares and builds: [B,S,S,C] with B and S from its
 * params or the graph settings, filled sample by sample in batch order so that the samples
 * draw from the random stream one after the other.
 */
import { tf } from '../tfjs';
import { batchOf, sizeOf } from '../common';
import { image } from '../shape';
import type { GraphSettingsView, Signal, ValueRange } from '../types';

type SquareSource = { params: { batch: number; size: number }; settings: GraphSettingsView };

/** The [B,S,S,channels] image signal of a square-image source. */
export function squareImages(ctx: SquareSource, channels: number, range: ValueRange): Signal {
  const s = sizeOf(ctx.params, ctx.settings);
  return image([batchOf(ctx.params, ctx.settings), s, s, channels], range);
}

/**
 * A [B,S,S,channels] batch whose sample n is written by `fill` as S·S·channels values in
 * HWC order at out[offset…].
 */
export function squareBatch(
  ctx: SquareSource,
  channels: number,
  fill: (out: Float32Array, offset: number, size: number, n: number) => void,
): tf.Tensor4D {
  const b = batchOf(ctx.params, ctx.settings);
  const s = sizeOf(ctx.params, ctx.settings);
  const v = new Float32Array(b * s * s * channels);
  for (let n = 0; n < b; n++) fill(v, n * s * s * channels, s, n);
  return tf.tensor4d(v, [b, s, s, channels]);
}
