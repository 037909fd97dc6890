/**
 * A faster Conv2DBackpropFilter for tfjs-backend-cpu, put in front of its own: that one walks
 * the gradient element by element through TensorBuffer lookups and took 92% of a
 * pix2pix-lite-64 step on cpu (20.7 s of 22.5 s, `npm run bench -- --profile`). The weight
 * gradient is the same stride-1 convolution, dilated by the stride, as on wasm
 * (wasm-kernels.ts): the input with channels moved to the batch, the gradient as the filter;
 * here it runs on cpu's own Conv2D kernel, whose inner loop is over contiguous channels.
 */
import * as tf from '@tensorflow/tfjs';
import { axisFit, requireChannelsLast, type Info } from './wasm-ops';

type Shape4 = [number, number, number, number];
type Args = { inputs: Record<string, Info | undefined>; backend: unknown; attrs?: tf.NamedAttrMap };
interface CpuBackend {
  disposeIntermediateTensorInfo(t: Info): void;
}

/** Whether cpu uses the kernel below (true) or its own (for measurements and tests). */
export const cpuKernelOptions = { fastBackpropFilter: true };

/** Runs cpu kernels on TensorInfos, freeing every intermediate but the result. */
function composite(backend: unknown, body: (run: (kernel: string, inputs: Record<string, Info>, attrs: Record<string, unknown>) => Info) => Info): Info {
  const made: Info[] = [];
  const run = (kernel: string, inputs: Record<string, Info>, attrs: Record<string, unknown>) => {
    const config = tf.getKernel(kernel, 'cpu');
    if (!config) throw new Error(`The cpu backend has no ${kernel} kernel, which Ganvas's cpu Conv2DBackpropFilter is built from.`);
    const out = config.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend: backend as tf.KernelBackend }) as Info;
    made.push(out);
    return out;
  };
  let result: Info | undefined;
  try {
    result = body(run);
    return result;
  } finally {
    for (const t of made) if (t !== result) (backend as CpuBackend).disposeIntermediateTensorInfo(t);
  }
}

function conv2dBackpropFilter(args: Args, original: tf.KernelFunc): Info {
  const x = args.inputs.x!;
  const dy = args.inputs.dy!;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (!cpuKernelOptions.fastBackpropFilter) return original(args as Parameters<tf.KernelFunc>[0]) as Info;
  requireChannelsLast(dataFormat, 'Conv2DBackpropFilter');
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const [b, h, w, c] = x.shape as Shape4;
  const [, ho, wo] = dy.shape as Shape4;
  const { top, left } = info.padInfo;
  const rows = axisFit(h, top, (ho - 1) * info.strideHeight + 1, info.filterHeight);
  const cols = axisFit(w, left, (wo - 1) * info.strideWidth + 1, info.filterWidth);
  return composite(args.backend, (run) => {
    const xs = rows.keep === h && cols.keep === w ? x : run('Slice', { x }, { begin: [0, 0, 0, 0], size: [b, rows.keep, cols.keep, c] });
    const out = run(
      'Conv2D',
      { x: run('Transpose', { x: xs }, { perm: [3, 1, 2, 0] }), filter: run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }) },
      { strides: [1, 1], dilations: [info.strideHeight, info.strideWidth], pad: [[0, 0], [top, rows.after], [left, cols.after], [0, 0]], dataFormat: 'NHWC' },
    );
    return run('Transpose', { x: out }, { perm: [1, 2, 0, 3] });
  });
}

const ours = new WeakSet<tf.KernelFunc>();

/** Puts the kernel above in front of cpu's own Conv2DBackpropFilter (which it calls while turned off). */
export function registerCpuKernels(): void {
  const current = tf.getKernel(tf.Conv2DBackpropFilter, 'cpu') as tf.KernelConfig | undefined;
  if (!current || ours.has(current.kernelFunc)) return;
  const kernelFunc = ((args: Args) => conv2dBackpropFilter(args, current.kernelFunc)) as unknown as tf.KernelFunc;
  ours.add(kernelFunc);
  tf.unregisterKernel(tf.Conv2DBackpropFilter, 'cpu');
  tf.registerKernel({ ...current, kernelFunc });
}
