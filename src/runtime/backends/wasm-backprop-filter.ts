/**
 * Conv2DBackpropFilter on wasm as one XNNPACK convolution whose inner products are long.
 *
 * dW[i,j,c,f] = Σ_b,y,x x[b, y·sh + i − top, x·sw + j − left, c] · dy[b,y,x,f]. Read as a
 * convolution whose taps run over the gradient's rows and whose channels are what each tap
 * sums over, the plain rewrite (wasm-kernels.ts) has only the batch in its channels: two
 * multiply-adds per tap for batch 2, which leaves XNNPACK at 3–10 GFLOP/s where a forward
 * conv of the same layer reaches 20. Here the columns go into the channels too: the input is
 * first spread by columns, T[(j,c), y, 0, (b,x)] = x[b, y, x·sw + j − left, c] (kw copies of
 * it, zeros where the window leaves the image), then convolved with the gradient read as a
 * filter [Ho, 1, (b,x), F], its rows dilated by the row stride: B·Wo multiply-adds per tap.
 * The output [(j,c), kh, 1, F] is the gradient, transposed.
 */
import type * as tf from '@tensorflow/tfjs';
import { axisFit, type Info, type WasmScope } from './wasm-ops';

type Shape4 = [number, number, number, number];

/**
 * Which form Conv2DBackpropFilter takes: `auto` picks per call (see columnsForm); `input` spreads
 * the input, `gradient` the gradient where it can (stride 1; else the input), `never` keeps the
 * batch alone per tap (wasm-kernels.ts). For measurements and tests.
 */
export const wasmFilterOptions: { columns: 'auto' | 'input' | 'gradient' | 'never' } = { columns: 'auto' };

export type ColumnsForm = 'input' | 'gradient';

/**
 * Where a spread pays (measured per layer of the reference workloads, src/runtime/backends/
 * bench-backprop-filter.ts): a small batch and a spread copy of at most about a million values;
 * the gradient spread where it has a handful of channels (fast-style's output layer, 9×9 16→3:
 * 44 → 27 ms), the input spread for windows up to 5 wide (its residual layers, 14 → 12 ms;
 * pix2pix's batch-1 layers, about 1.5×). A batch of 64, the 9×9 window over 3 channels and
 * the 128×128 layers with many channels are as fast or faster in the batch form.
 */
export function columnsForm(x: Info, dy: Info, info: tf.backend_util.Conv2DInfo): ColumnsForm | undefined {
  const [b, h, w, c] = x.shape as Shape4;
  const [, ho, wo, f] = dy.shape as Shape4;
  const canGradient = gradientRows(h, ho, info) !== undefined && info.strideWidth === 1;
  const opt = wasmFilterOptions.columns;
  if (opt === 'never') return undefined;
  if (opt === 'input') return 'input';
  if (opt === 'gradient') return canGradient ? 'gradient' : 'input';
  const kw = info.filterWidth;
  if (b > 4) return undefined;
  if (canGradient && f <= 4 && f < c) return kw * f * (h + info.filterHeight - 1) * b * w <= 1 << 20 ? 'gradient' : undefined;
  return kw <= 5 && kw * c * h * b * wo <= 1 << 20 ? 'input' : undefined;
}

export function columnsBackpropFilter(s: WasmScope, x: Info, dy: Info, info: tf.backend_util.Conv2DInfo, form: ColumnsForm): Info {
  return form === 'gradient' ? gradientColumns(s, x, dy, info) : inputColumns(s, x, dy, info);
}

function inputColumns(s: WasmScope, x: Info, dy: Info, info: tf.backend_util.Conv2DInfo): Info {
  const [b, h, , c] = x.shape as Shape4;
  const [, ho, wo, f] = dy.shape as Shape4;
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const { top, left } = info.padInfo;
  const rows = axisFit(h, top, (ho - 1) * info.strideHeight + 1, kh);
  const spread = spreadColumns(s, x, rows.keep, kw, info.strideWidth, left, wo);
  const filter = s.reshape(b === 1 ? dy : s.transpose(dy, [1, 0, 2, 3]), [ho, 1, b * wo, f]);
  const out = s.run(
    'Conv2D',
    { x: spread, filter },
    { strides: [1, 1], dilations: [info.strideHeight, 1], pad: [[0, 0], [top, rows.after], [0, 0], [0, 0]], dataFormat: 'NHWC' },
  );
  return s.transpose(s.reshape(out, [kw, c, kh, f]), [2, 0, 1, 3]);
}

/**
 * For stride 1 the roles can change: dW[i,j,c,f] = Σ_b,Y,X x[b,Y,X,c] · dy[b, Y − i + top,
 * X − j + left, f], the gradient spread by columns (taps j reversed) and padded so that output
 * row m is tap i = kh − 1 − m, convolved with the input read as a filter [H, 1, (b,X), C].
 */
function gradientColumns(s: WasmScope, x: Info, dy: Info, info: tf.backend_util.Conv2DInfo): Info {
  const [b, h, w, c] = x.shape as Shape4;
  const [, ho, , f] = dy.shape as Shape4;
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const { before, after } = gradientRows(h, ho, info)!;
  const spread = spreadColumns(s, dy, ho, kw, 1, kw - 1 - info.padInfo.left, w);
  const filter = s.reshape(b === 1 ? x : s.transpose(x, [1, 0, 2, 3]), [h, 1, b * w, c]);
  const out = s.run('Conv2D', { x: spread, filter }, { strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [before, after], [0, 0], [0, 0]], dataFormat: 'NHWC' });
  return s.reverse(s.transpose(s.reshape(out, [kw, f, kh, c]), [2, 0, 3, 1]), [0, 1]);
}

/** The gradient's padding above and below for gradientColumns, if its rows fit (stride 1, ordinary padding). */
function gradientRows(h: number, ho: number, info: tf.backend_util.Conv2DInfo): { before: number; after: number } | undefined {
  const before = info.filterHeight - 1 - info.padInfo.top;
  const after = h + info.filterHeight - 1 - before - ho;
  return info.strideHeight === 1 && before >= 0 && after >= 0 ? { before, after } : undefined;
}

/**
 * T[(j,c), y, 0, (n,q)] = x[n, y, q·stride + j − left, c] for the first `keep` rows, q < wo,
 * 0 where the column falls outside x. Each input row is read while it is in cache.
 */
function spreadColumns(s: WasmScope, x: Info, keep: number, kw: number, stride: number, left: number, wo: number): Info {
  const [b, h, w, c] = x.shape as Shape4;
  const out = s.alloc([kw * c, keep, 1, b * wo], 'float32');
  const src = s.backend.typedArrayFromHeap(x);
  const dst = s.backend.typedArrayFromHeap(out);
  const plane = keep * b * wo;
  // Per column offset j, the output columns q whose input column q·stride + j − left lies in [0, w).
  const range = Array.from({ length: kw }, (_, j) => {
    const lo = Math.min(wo, Math.max(0, Math.ceil((left - j) / stride)));
    return [lo, Math.max(lo, Math.min(wo, Math.floor((w - 1 + left - j) / stride) + 1))] as const;
  });
  for (let y = 0; y < keep; y++)
    for (let n = 0; n < b; n++) {
      const row = (n * h + y) * w * c;
      for (let j = 0; j < kw; j++) {
        const [lo, hi] = range[j]!;
        for (let ch = 0; ch < c; ch++) {
          const d = (j * c + ch) * plane + (y * b + n) * wo;
          dst.fill(0, d, d + lo);
          for (let q = lo, from = row + (q * stride + j - left) * c + ch; q < hi; q++, from += stride * c) dst[d + q] = src[from]!;
          dst.fill(0, d + hi, d + wo);
        }
      }
    }
  return out;
}
