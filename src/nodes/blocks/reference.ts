/**
 * Plain-JS reference computations for the blocks' tests: direct loops over NHWC arrays,
 * written from WORKLOADS.md §0, sharing no code with the tfjs blocks they check.
 */

export interface Arr4 {
  data: ArrayLike<number>;
  shape: [number, number, number, number];
}

export const at = (a: Arr4, b: number, h: number, w: number, c: number): number =>
  a.data[((b * a.shape[1] + h) * a.shape[2] + w) * a.shape[3] + c]!;

/**
 * Cross-correlation with explicit padding (before/after per spatial axis), kernel [k,k,Cin,F].
 * Outside the image a tap reads zero, or with `edge` 'replicate' the nearest border pixel.
 */
export function conv2dRef(
  x: Arr4,
  kernel: ArrayLike<number>,
  k: number,
  f: number,
  s: number,
  pad: { before: number; after: number },
  bias?: ArrayLike<number>,
  edge: 'zero' | 'replicate' = 'zero',
): Arr4 {
  const [B, H, W, C] = x.shape;
  const Ho = Math.floor((H + pad.before + pad.after - k) / s) + 1;
  const Wo = Math.floor((W + pad.before + pad.after - k) / s) + 1;
  const out = new Float64Array(B * Ho * Wo * f);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < Ho; i++)
      for (let j = 0; j < Wo; j++)
        for (let o = 0; o < f; o++) {
          let acc = bias ? bias[o]! : 0;
          for (let a = 0; a < k; a++)
            for (let e = 0; e < k; e++) {
              let h = i * s + a - pad.before;
              let w = j * s + e - pad.before;
              if (edge === 'replicate') {
                h = Math.min(Math.max(h, 0), H - 1);
                w = Math.min(Math.max(w, 0), W - 1);
              } else if (h < 0 || h >= H || w < 0 || w >= W) continue;
              for (let c = 0; c < C; c++) acc += at(x, b, h, w, c) * kernel[((a * k + e) * C + c) * f + o]!;
            }
          out[((b * Ho + i) * Wo + j) * f + o] = acc;
        }
  return { data: out, shape: [B, Ho, Wo, f] };
}

/**
 * Transposed convolution as the adjoint of the forward conv that maps n·s → n with padding
 * `pad`: every input pixel scatters kernel×its value into the output. Kernel [k,k,F,Cin].
 */
export function conv2dTransposeRef(
  x: Arr4,
  kernel: ArrayLike<number>,
  k: number,
  f: number,
  s: number,
  pad: { before: number },
  bias?: ArrayLike<number>,
): Arr4 {
  const [B, H, W, C] = x.shape;
  const Ho = H * s;
  const Wo = W * s;
  const out = new Float64Array(B * Ho * Wo * f);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < H; i++)
      for (let j = 0; j < W; j++)
        for (let a = 0; a < k; a++)
          for (let e = 0; e < k; e++) {
            const oy = i * s + a - pad.before;
            const ox = j * s + e - pad.before;
            if (oy < 0 || oy >= Ho || ox < 0 || ox >= Wo) continue;
            for (let o = 0; o < f; o++)
              for (let c = 0; c < C; c++)
                out[((b * Ho + oy) * Wo + ox) * f + o]! += at(x, b, i, j, c) * kernel[((a * k + e) * f + o) * C + c]!;
          }
  if (bias) for (let n = 0; n < out.length; n++) out[n]! += bias[n % f]!;
  return { data: out, shape: [B, Ho, Wo, f] };
}

/** Per-sample, per-channel normalisation over H and W with the biased variance. */
export function instanceNormRef(x: Arr4, eps: number, gamma?: ArrayLike<number>, beta?: ArrayLike<number>): Arr4 {
  const [B, H, W, C] = x.shape;
  const out = new Float64Array(B * H * W * C);
  for (let b = 0; b < B; b++)
    for (let c = 0; c < C; c++) {
      let m = 0;
      for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) m += at(x, b, h, w, c);
      m /= H * W;
      let v = 0;
      for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) v += (at(x, b, h, w, c) - m) ** 2;
      v /= H * W;
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++)
          out[((b * H + h) * W + w) * C + c] =
            (gamma ? gamma[c]! : 1) * ((at(x, b, h, w, c) - m) / Math.sqrt(v + eps)) + (beta ? beta[c]! : 0);
    }
  return { data: out, shape: [B, H, W, C] };
}

export function reluRef(a: Arr4): Arr4 {
  return { data: Array.from(a.data, (v) => Math.max(v, 0)), shape: a.shape };
}
