/**
 * Bicubic resampling of a [B,H,W,C] batch, the baseline the super-resolution preset is scored
 * against (tfjs has no bicubic resize). Keys' cubic convolution with a = −½ (PIL's bicubic),
 * pixel centres aligned (a source coordinate u = (o + ½)·H/outH − ½), edges clamped, no
 * antialiasing: meant for upscaling. With a = −½ the kernel reproduces every polynomial of
 * degree ≤ 2 exactly away from the edges, which is what its test checks.
 */

const A = -0.5;

/** The cubic convolution kernel. */
export function keys(x: number): number {
  const t = Math.abs(x);
  if (t <= 1) return (A + 2) * t ** 3 - (A + 3) * t ** 2 + 1;
  if (t < 2) return A * t ** 3 - 5 * A * t ** 2 + 8 * A * t - 4 * A;
  return 0;
}

/** For each output index along one axis: the four source indices (clamped) and their weights. */
function taps(inSize: number, outSize: number): { index: Int32Array; weight: Float64Array } {
  const index = new Int32Array(outSize * 4);
  const weight = new Float64Array(outSize * 4);
  for (let o = 0; o < outSize; o++) {
    const u = ((o + 0.5) * inSize) / outSize - 0.5;
    const base = Math.floor(u);
    for (let k = 0; k < 4; k++) {
      const j = base - 1 + k;
      index[o * 4 + k] = Math.min(inSize - 1, Math.max(0, j));
      weight[o * 4 + k] = keys(u - j);
    }
  }
  return { index, weight };
}

/** Resamples a row-major [b,h,w,c] batch to [b,outH,outW,c]. */
export function bicubicResize(src: Float32Array, shape: readonly number[], outH: number, outW: number): Float32Array {
  const [b, h, w, c] = shape as [number, number, number, number];
  const xs = taps(w, outW);
  const ys = taps(h, outH);
  // Rows first (b·h·outW·c), then columns.
  const mid = new Float64Array(b * h * outW * c);
  for (let n = 0; n < b; n++)
    for (let y = 0; y < h; y++)
      for (let o = 0; o < outW; o++)
        for (let ch = 0; ch < c; ch++) {
          let s = 0;
          for (let k = 0; k < 4; k++) s += xs.weight[o * 4 + k]! * src[((n * h + y) * w + xs.index[o * 4 + k]!) * c + ch]!;
          mid[((n * h + y) * outW + o) * c + ch] = s;
        }
  const out = new Float32Array(b * outH * outW * c);
  for (let n = 0; n < b; n++)
    for (let o = 0; o < outH; o++)
      for (let x = 0; x < outW; x++)
        for (let ch = 0; ch < c; ch++) {
          let s = 0;
          for (let k = 0; k < 4; k++) s += ys.weight[o * 4 + k]! * mid[((n * h + ys.index[o * 4 + k]!) * outW + x) * c + ch]!;
          out[((n * outH + o) * outW + x) * c + ch] = s;
        }
  return out;
}
