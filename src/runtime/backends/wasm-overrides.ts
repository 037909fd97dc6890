/**
 * Faster versions of kernels tfjs-backend-wasm 4.22 has, put in front of its own (which they
 * fall back to where they do not apply), found by profiling the reference workloads' steps
 * (`npm run bench -- --profile`):
 *
 * - Slice and SplitV. wasm's Slice copies all of its input out of the heap first (readSync),
 *   then, past rank 4, walks the output element by element in JavaScript; SplitV (concat's
 *   gradient) does that once per piece. The concat-based nearest upsampling of fast-style-128
 *   splits rank-5 tensors in its gradient: 700 ms of a 1.9 s step. Here a slice is copied in
 *   contiguous runs straight between heap views (WasmScope.slice), at any rank.
 * - BatchMatMul. wasm uses XNNPACK only for one un-transposed matrix product; with a batch
 *   or a transpose it runs a plain loop, 10–20× slower (a Gram matrix and its gradients,
 *   a dense layer's weight gradient). Here each product of the batch is one XNNPACK product,
 *   the transposed operand transposed first (a copy costs far less than the product).
 * - Transpose of a tall matrix with few columns (or a batch of them), where wasm's loop is
 *   slowest: the transposed operand of a Gram matrix over 128×128 pixels (wasm-transpose.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { composite, type Info } from './wasm-ops';
import { swapPlan, transposeInto } from './wasm-transpose';

type Args = { inputs: Record<string, Info | undefined>; backend: unknown; attrs?: tf.NamedAttrMap };
type KernelFn = (args: Args) => Info | Info[];

/** Whether the kernels below are in use (true) or wasm's own (for measurements and tests). */
export const wasmOverrideOptions = { enabled: true };

function slice(args: Args, original: KernelFn): Info | Info[] {
  const x = args.inputs.x!;
  const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
  const [b, s] = tf.slice_util.parseSliceParams(x, begin, size) as [number[], number[]];
  if (!wasmOverrideOptions.enabled || x.dtype === 'string' || s.some((n) => n === 0)) return original(args);
  return composite(args.backend, (scope) => scope.slice(x, b, s));
}

function splitV(args: Args, original: KernelFn): Info | Info[] {
  const x = args.inputs.x!;
  const { numOrSizeSplits, axis } = args.attrs as unknown as tf.SplitVAttrs;
  const ax = tf.util.parseAxisParam(axis, x.shape)[0]!;
  const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, numOrSizeSplits, ax);
  if (!wasmOverrideOptions.enabled || x.dtype === 'string' || sizes.some((n) => n === 0)) return original(args);
  const begin = x.shape.map(() => 0);
  return sizes.map((n) => {
    const size = [...x.shape];
    size[ax] = n;
    const piece = composite(args.backend, (scope) => scope.slice(x, [...begin], size));
    begin[ax]! += n;
    return piece;
  });
}

/** Below this many multiply-adds per product the plain loop is as fast as the extra copies. */
const minMacs = 16_384;

function batchMatMul(args: Args, original: KernelFn): Info | Info[] {
  const { a, b } = args.inputs as { a: Info; b: Info };
  const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
  const [ra, ca] = a.shape.slice(-2) as [number, number];
  const [rb, cb] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [ca, ra] : [ra, ca];
  const n = transposeB ? rb : cb;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  const plain = batch === 1 && !transposeA && !transposeB;
  // Batches pair up one to one, or one side is a single matrix for all (other broadcasts: wasm's own).
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const paired = batchA === 1 || batchB === 1 || (outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]));
  if (!wasmOverrideOptions.enabled || plain || !paired || a.dtype !== 'float32' || b.dtype !== 'float32' || m * k * n < minMacs || k !== (transposeB ? cb : rb))
    return original(args);
  const outShape = [...tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB), m, n];
  return composite(args.backend, (s) => {
    const matrix = (t: Info, i: number, rows: number, cols: number, transpose: boolean) => {
      const one = s.slice(s.reshape(t, [t === a ? batchA : batchB, rows, cols]), [i, 0, 0], [1, rows, cols]);
      return transpose ? s.transpose(s.reshape(one, [rows, cols]), [1, 0]) : s.reshape(one, [rows, cols]);
    };
    const products: Info[] = [];
    for (let i = 0; i < batch; i++) {
      const ai = matrix(a, batchA === 1 ? 0 : i, ra, ca, transposeA);
      const bi = matrix(b, batchB === 1 ? 0 : i, rb, cb, transposeB);
      products.push(s.run('BatchMatMul', { a: s.reshape(ai, [1, m, k]), b: s.reshape(bi, [1, k, n]) }, { transposeA: false, transposeB: false }));
    }
    return s.reshape(products.length === 1 ? products[0]! : s.concat(products, 0), outShape);
  });
}

const maxColumns = 32;
const minRows = 4096;

interface Heap {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(t: Info): Float32Array | Int32Array | Uint8Array;
}

function transpose(args: Args, original: KernelFn): Info | Info[] {
  const x = args.inputs.x!;
  const { perm } = args.attrs as unknown as tf.TransposeAttrs;
  const plan = wasmOverrideOptions.enabled && x.dtype !== 'string' && x.dtype !== 'complex64' ? swapPlan(x.shape, perm) : undefined;
  // Only a tall matrix of few columns, one element at a time: elsewhere wasm's own is as fast or
  // faster (measured: [6272,64] 1.0 ms against 1.8 here; [16384,32] 5.7 against 2.9).
  if (!plan || plan.run !== 1 || plan.q > maxColumns || plan.r < minRows) return original(args);
  const backend = args.backend as Heap;
  const out = backend.makeOutput(perm.map((p) => x.shape[p]!), x.dtype);
  // Both views after the allocation, which may have moved the heap.
  transposeInto(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), plan);
  return out;
}

/** Marks the kernel functions this module made, so installing twice wraps nothing twice. */
const ours = new WeakSet<tf.KernelFunc>();

function override(kernelName: string, make: (args: Args, original: KernelFn) => Info | Info[]): void {
  const current = tf.getKernel(kernelName, 'wasm') as tf.KernelConfig | undefined;
  if (!current || ours.has(current.kernelFunc)) return;
  const original = current.kernelFunc as unknown as KernelFn;
  const kernelFunc = ((args: Args) => make(args, original)) as unknown as tf.KernelFunc;
  ours.add(kernelFunc);
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...current, kernelFunc });
}

/** Puts the kernels above in front of wasm's own; the originals' setup goes along. */
export function installWasmOverrides(): void {
  override(tf.Slice, slice);
  override(tf.SplitV, splitV);
  override(tf.BatchMatMul, batchMatMul);
  override(tf.Transpose, transpose);
}
