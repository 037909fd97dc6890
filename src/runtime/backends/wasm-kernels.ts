/**
 * The gradient kernels tfjs-backend-wasm 4.22 lacks, so that every Ganvas node trains on wasm:
 * Conv2DBackpropFilter (every conv layer's weight gradient) and the two depthwise backprops.
 * Each is rewritten as a forward convolution the backend runs with XNNPACK, composed below the
 * engine (wasm-ops.ts), so it leaves no intermediate behind and, but for the depthwise input
 * gradient (which multiplies the zeros a stride spreads in; no node uses depthwise convolution),
 * costs the arithmetic of the gradient itself. Nothing here depends on where tfjs runs (Node, a
 * browser, a worker).
 *
 * The output size of the forward convolution is read from dy itself, not recomputed from the
 * attributes: tfjs-core's conv2d gradient drops `dimRoundingMode`, so after a forward pass that
 * rounded up ('ceil') the attributes predict a smaller dy than the one given. Sizes derived from
 * dy keep XNNPACK's output exactly the buffer allocated for it in every case.
 */
import * as tf from '@tensorflow/tfjs';
import { columnsBackpropFilter, columnsForm } from './wasm-backprop-filter';
import { installPolyphaseBackpropInput } from './wasm-conv-transpose';
import { installWasmOverrides } from './wasm-overrides';
import { axisFit, composite, requireChannelsLast, requireUnitDilations, type Info } from './wasm-ops';

type Shape4 = [number, number, number, number];
type Args = { inputs: Record<string, Info | undefined>; backend: unknown; attrs?: tf.NamedAttrMap };

function input(args: Args, name: string): Info {
  const t = args.inputs[name];
  if (!t) throw new Error(`missing input ${name}`);
  return t;
}

const explicit = (top: number, bottom: number, left: number, right: number) => [[0, 0], [top, bottom], [left, right], [0, 0]];

/**
 * dW[i,j,c,f] = Σ_b,y,x pad(x)[b, y·s + i, x·s + j, c] · dy[b,y,x,f] is a stride-1 convolution
 * of the input with channels moved to the batch ([C,H,W,B]) by the gradient read as a filter
 * ([Ho,Wo,B,F]) dilated by the stride; its output [C,kh,kw,F] is the gradient, transposed.
 * Only B multiply-adds per tap, though: for a small batch, wasm-backprop-filter.ts puts the
 * columns in too, where that pays.
 */
function conv2dBackpropFilter(args: Args): Info {
  const x = input(args, 'x');
  const dy = input(args, 'dy');
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  requireChannelsLast(dataFormat, 'Conv2DBackpropFilter');
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const [b, h, w, c] = x.shape as Shape4;
  const [, ho, wo] = dy.shape as Shape4;
  const { top, left } = info.padInfo;
  const rows = axisFit(h, top, (ho - 1) * info.strideHeight + 1, info.filterHeight);
  const cols = axisFit(w, left, (wo - 1) * info.strideWidth + 1, info.filterWidth);
  return composite(args.backend, (s) => {
    const form = columnsForm(x, dy, info);
    if (form) return columnsBackpropFilter(s, x, dy, info, form);
    const xs = s.slice(x, [0, 0, 0, 0], [b, rows.keep, cols.keep, c]);
    const out = s.run(
      'Conv2D',
      { x: s.transpose(xs, [3, 1, 2, 0]), filter: s.transpose(dy, [1, 2, 0, 3]) },
      { strides: [1, 1], dilations: [info.strideHeight, info.strideWidth], pad: explicit(top, rows.after, left, cols.after), dataFormat: 'NHWC' },
    );
    return s.transpose(out, [1, 2, 0, 3]);
  });
}

/**
 * dx is the correlation of the gradient, spread out by the stride (zeros between its rows and
 * columns), with the filter turned 180°: a stride-1 depthwise convolution over C·m channels
 * whose m outputs per input channel are then summed.
 */
function depthwiseBackpropInput(args: Args): Info {
  const dy = input(args, 'dy');
  const filter = input(args, 'filter');
  const { strides, dilations, pad, dimRoundingMode, inputShape } = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  requireUnitDilations(dilations, 'DepthwiseConv2dNativeBackpropInput');
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode, true);
  const [b, ho, wo, cm] = dy.shape as Shape4;
  const [kh, kw, c, m] = filter.shape as Shape4;
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [, h, w] = inputShape;
  // The spread gradient is ho·sh long: every real row is followed by sh − 1 zero rows.
  const front = (k: number, p: number) => k - 1 - p;
  const fit = (size: number, k: number, p: number, spread: number) => {
    const before = front(k, p);
    const after = size - (before + spread - k + 1);
    return { begin: Math.max(0, -before), size: spread - Math.max(0, -before) - Math.max(0, -after), before: Math.max(0, before), after: Math.max(0, after) };
  };
  const r = fit(h, kh, info.padInfo.top, ho * sh);
  const q = fit(w, kw, info.padInfo.left, wo * sw);
  return composite(args.backend, (s) => {
    let g = dy;
    if (sh > 1) g = s.reshape(s.pad(s.reshape(g, [b * ho, 1, wo, cm]), [[0, 0], [0, sh - 1], [0, 0], [0, 0]]), [b, ho * sh, wo, cm]);
    if (sw > 1) g = s.reshape(s.pad(s.reshape(g, [b * ho * sh, wo, 1, cm]), [[0, 0], [0, 0], [0, sw - 1], [0, 0]]), [b, ho * sh, wo * sw, cm]);
    g = s.slice(g, [0, r.begin, q.begin, 0], [b, r.size, q.size, cm]);
    const flipped = s.reshape(s.reverse(filter, [0, 1]), [kh, kw, cm, 1]);
    const out = s.run(
      'DepthwiseConv2dNative',
      { x: g, filter: flipped },
      { strides: [1, 1], dilations: [1, 1], pad: explicit(r.before, r.after, q.before, q.after) },
    );
    return m === 1 ? out : s.sum(s.reshape(out, [b, h!, w!, c, m]), 4);
  });
}

/**
 * dW[i,j,c,q] = Σ_b,y,x pad(x)[b, y·s + i, x·s + j, c] · dy[b,y,x,c·m+q] is one stride-1
 * depthwise convolution of the input with the batch folded into its channels ([1,H,W,B·C])
 * by the gradient read as a depthwise filter ([Ho,Wo,B·C,m]) dilated by the stride, summed
 * over the batch.
 */
function depthwiseBackpropFilter(args: Args): Info {
  const x = input(args, 'x');
  const dy = input(args, 'dy');
  const { strides, dilations, pad, dimRoundingMode, filterShape } = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  requireUnitDilations(dilations, 'DepthwiseConv2dNativeBackpropFilter');
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, true);
  const [b, h, w, c] = x.shape as Shape4;
  const [kh, kw, , m] = filterShape;
  const [, ho, wo] = dy.shape as Shape4;
  const { top, left } = info.padInfo;
  const rows = axisFit(h, top, (ho - 1) * info.strideHeight + 1, kh);
  const cols = axisFit(w, left, (wo - 1) * info.strideWidth + 1, kw);
  return composite(args.backend, (s) => {
    const xs = s.slice(x, [0, 0, 0, 0], [b, rows.keep, cols.keep, c]);
    const xf = s.reshape(s.transpose(xs, [1, 2, 0, 3]), [1, rows.keep, cols.keep, b * c]);
    const df = s.reshape(s.transpose(dy, [1, 2, 0, 3]), [ho, wo, b * c, m]);
    const out = s.run(
      'DepthwiseConv2dNative',
      { x: xf, filter: df },
      { strides: [1, 1], dilations: [info.strideHeight, info.strideWidth], pad: explicit(top, rows.after, left, cols.after) },
    );
    const perBatch = s.reshape(out, [kh, kw, b, c * m]);
    return s.reshape(b === 1 ? perBatch : s.sum(perBatch, 2), [kh, kw, c, m]);
  });
}

const kernel = (kernelName: string, kernelFunc: (args: Args) => Info): tf.KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  kernelFunc: kernelFunc as unknown as tf.KernelFunc,
});

/** The kernels Ganvas adds to the wasm backend, by kernel name. */
export const wasmGradientKernels: readonly tf.KernelConfig[] = [
  kernel(tf.Conv2DBackpropFilter, conv2dBackpropFilter),
  kernel(tf.DepthwiseConv2dNativeBackpropInput, depthwiseBackpropInput),
  kernel(tf.DepthwiseConv2dNativeBackpropFilter, depthwiseBackpropFilter),
];

/**
 * Adds the missing kernels to the wasm backend; a kernel the backend already has (a later
 * tfjs, or a second call) is left alone. Also puts the polyphase Conv2DBackpropInput in front
 * of wasm's own (see wasmConvOptions), and the faster Slice, SplitV and BatchMatMul of
 * wasm-overrides.ts in front of theirs. Works before or after the backend is initialised.
 */
export function registerWasmGradientKernels(): void {
  for (const config of wasmGradientKernels) if (!tf.getKernel(config.kernelName, 'wasm')) tf.registerKernel(config);
  installPolyphaseBackpropInput();
  installWasmOverrides();
}
