/** Reductions the losses share. */
import { tf } from '../tfjs';

/**
 * The mean of every element, taken one axis at a time from the last. The wasm backend sums
 * in float32 one element at a time, so one flat mean over half a million values drifts by
 * about 1e-4 relative (STACK-NOTES.md); a mean of short-row means stays at float32 noise.
 * Every row of one axis has the same length, so the result is still the exact mean.
 */
export function meanAll(x: tf.Tensor): tf.Scalar {
  let y = x;
  while (y.rank > 0) y = tf.mean(y, -1);
  return y as tf.Scalar;
}

/** A loss weight for a canvas summary: 100000 → "1e5", 0.1 → "0.1", 2e-4 → "2e-4". */
export function formatNumber(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) return x.toExponential().replace('e+', 'e');
  return String(Number(x.toPrecision(6)));
}
