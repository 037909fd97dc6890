/**
 * Conv2DBackpropInput on wasm by polyphase decomposition (STACK-NOTES.md). The kernel wasm
 * ships is a plain C++ loop, and it runs in every conv2dTranspose forward pass and every conv
 * layer's input gradient. Output row y = q·s + p only meets the filter rows i ≡ p + pad (mod s),
 * so each of the s×s output phases is a stride-1 'valid' XNNPACK convolution of the gradient
 * with a flipped, strided slice of the filter (channels swapped), and the phases are woven
 * together (a DepthToSpace). No zeros are inserted and no zero taps are multiplied: the
 * arithmetic is that of the forward convolution.
 */
import * as tf from '@tensorflow/tfjs';
import { composite, requireChannelsLast, type Info, type WasmScope } from './wasm-ops';

/** Whether the wasm backend computes Conv2DBackpropInput this way (true) or with its own loop. */
export const wasmConvOptions = { polyphaseBackpropInput: true };

type Shape4 = [number, number, number, number];
type Args = { inputs: Record<string, Info | undefined>; backend: unknown; attrs?: tf.NamedAttrMap };

/**
 * Along one axis, output phase p (of q = 0…outs−1) reads filter taps i = r + a·s with
 * r = (p + pad) mod s, a < taps, and gradient rows q + shift − a, shift = ⌊(p + pad)/s⌋. As a
 * 'valid' correlation with the taps in reverse order, that is the gradient padded by `front`
 * before and `back` after (negative: rows dropped).
 */
function phaseAxis(p: number, pad: number, s: number, k: number, dyLen: number, outs: number) {
  const r = (p + pad) % s;
  const shift = Math.floor((p + pad) / s);
  const taps = Math.max(0, Math.ceil((k - r) / s));
  const front = taps - 1 - shift;
  const back = outs + taps - 1 - front - dyLen;
  return { taps, r, front, back };
}

/**
 * The phase's filter [taps, taps', F, C], from the filter with its channels swapped
 * ([kh,kw,F,C]): tap a is filter row r + (taps − 1 − a)·s, the taps in reverse order, each one
 * contiguous F×C block, copied (wasm's Reverse and strided StridedSlice go element by element).
 */
function phaseFilter(s: WasmScope, swapped: Info, [sh, sw]: [number, number], rows: ReturnType<typeof phaseAxis>, cols: ReturnType<typeof phaseAxis>): Info {
  const [, , f, c] = swapped.shape as Shape4;
  const blocks: Info[] = [];
  for (let a = 0; a < rows.taps; a++)
    for (let a2 = 0; a2 < cols.taps; a2++)
      blocks.push(s.slice(swapped, [rows.r + (rows.taps - 1 - a) * sh, cols.r + (cols.taps - 1 - a2) * sw, 0, 0], [1, 1, f, c]));
  const joined = blocks.length === 1 ? blocks[0]! : s.run('Concat', blocks as unknown as Record<string, Info>, { axis: 0 });
  return s.reshape(joined, [rows.taps, cols.taps, f, c]);
}

function phase(s: WasmScope, dy: Info, swapped: Info, strides: [number, number], rows: ReturnType<typeof phaseAxis>, cols: ReturnType<typeof phaseAxis>, outShape: Shape4): Info {
  const [b, ho, wo, f] = dy.shape as Shape4;
  const [dropTop, dropLeft] = [Math.max(0, -rows.front), Math.max(0, -cols.front)];
  const [keepH, keepW] = [ho - dropTop - Math.max(0, -rows.back), wo - dropLeft - Math.max(0, -cols.back)];
  // A phase no tap or no gradient row reaches (a filter smaller than the stride) is zero.
  if (rows.taps === 0 || cols.taps === 0 || keepH < 1 || keepW < 1) return s.run('Fill', {}, { shape: outShape, value: 0, dtype: 'float32' });
  const g = s.slice(dy, [0, dropTop, dropLeft, 0], [b, keepH, keepW, f]);
  return s.run(
    'Conv2D',
    { x: g, filter: phaseFilter(s, swapped, strides, rows, cols) },
    { strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [Math.max(0, rows.front), Math.max(0, rows.back)], [Math.max(0, cols.front), Math.max(0, cols.back)], [0, 0]], dataFormat: 'NHWC' },
  );
}

function polyphase(args: Args, original: tf.KernelFunc): Info {
  const dy = args.inputs.dy;
  const filter = args.inputs.filter;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  if (!dy || !filter) throw new Error('Conv2DBackpropInput needs dy and filter');
  if (!wasmConvOptions.polyphaseBackpropInput) return original(args as Parameters<tf.KernelFunc>[0]) as Info;
  requireChannelsLast(attrs.dataFormat, 'Conv2DBackpropInput');
  const { inputShape, strides, pad, dimRoundingMode } = attrs;
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode);
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [b, h, w, c] = inputShape;
  const [kh, kw] = filter.shape as Shape4;
  const [, ho, wo] = dy.shape as Shape4;
  const [qh, qw] = [Math.ceil(h / sh), Math.ceil(w / sw)];
  return composite(args.backend, (s) => {
    const swapped = s.transpose(filter, [0, 1, 3, 2]);
    const phases: Info[] = [];
    for (let p = 0; p < sh; p++)
      for (let p2 = 0; p2 < sw; p2++) {
        const rows = phaseAxis(p, info.padInfo.top, sh, kh, ho, qh);
        const cols = phaseAxis(p2, info.padInfo.left, sw, kw, wo, qw);
        phases.push(phase(s, dy, swapped, [sh, sw], rows, cols, [b, qh, qw, c]));
      }
    return phases.length === 1 ? phases[0]! : s.interleave(phases, [sh, sw], [b, h, w, c]);
  });
}

/** Marks the kernel functions this module made, so installing twice wraps nothing twice. */
const ours = new WeakSet<tf.KernelFunc>();

/**
 * Puts the polyphase kernel in front of wasm's own Conv2DBackpropInput, which it calls while the
 * flag is off. The original's setup goes along, so this works before the backend is initialised
 * as well as after.
 */
export function installPolyphaseBackpropInput(): void {
  const current = tf.getKernel(tf.Conv2DBackpropInput, 'wasm') as tf.KernelConfig | undefined;
  if (!current || ours.has(current.kernelFunc)) return;
  const kernelFunc = ((args: Args) => polyphase(args, current.kernelFunc)) as unknown as tf.KernelFunc;
  ours.add(kernelFunc);
  tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm');
  tf.registerKernel({ ...current, kernelFunc });
}
