/**
 * Composes kernels of the wasm backend below the engine, on TensorInfos, for the kernels
 * wasm-kernels.ts adds. Nothing here makes an engine tensor, so a composite kernel leaves no
 * trace in tf.memory(), on the gradient tape or in a tidy scope: the engine sees one kernel
 * with one output, and every intermediate buffer is freed before that kernel returns.
 */
import * as tf from '@tensorflow/tfjs';

export type Info = tf.TensorInfo;
type Attrs = Record<string, unknown>;
/** The parts of tfjs-backend-wasm's BackendWasm these kernels use. */
interface Backend {
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  /** A view of a tensor's bytes in the wasm heap; stale once the heap grows. */
  typedArrayFromHeap(t: Info): Float32Array | Int32Array | Uint8Array;
}

export class WasmScope {
  private readonly made: Info[] = [];

  constructor(readonly backend: Backend) {}

  /** Runs one registered wasm kernel; its output is an intermediate of this scope. */
  run(kernelName: string, inputs: Record<string, Info>, attrs: Attrs = {}): Info {
    const kernel = tf.getKernel(kernelName, 'wasm') as tf.KernelConfig | undefined;
    if (!kernel) throw new Error(`The wasm backend has no ${kernelName} kernel, which a Ganvas wasm kernel is built from.`);
    const out = kernel.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend: this.backend });
    if (Array.isArray(out)) throw new Error(`wasm ${kernelName} gave several outputs where one was expected.`);
    this.made.push(out);
    return out;
  }

  /** A new buffer of this scope, its contents undefined: the caller fills every element. */
  alloc(shape: number[], dtype: tf.DataType): Info {
    const out = this.backend.makeOutput(shape, dtype);
    this.made.push(out);
    return out;
  }

  reshape(x: Info, shape: number[]): Info {
    return sameShape(x.shape, shape) ? x : this.run('Reshape', { x }, { shape });
  }

  transpose(x: Info, perm: number[]): Info {
    return perm.every((p, i) => p === i) ? x : this.run('Transpose', { x }, { perm });
  }

  /**
   * A box of x, copied run by contiguous run. wasm's own Slice first copies all of x out of the
   * heap (readSync), which made slicing a filter cost more than convolving with it.
   */
  slice(x: Info, begin: number[], size: number[]): Info {
    if (begin.every((b) => b === 0) && sameShape(x.shape, size)) return x;
    if (size.some((n, i) => n < 1 || begin[i]! < 0 || begin[i]! + n > x.shape[i]!))
      throw new Error(`slice [${begin}] + [${size}] lies outside [${x.shape}]`);
    const out = this.backend.makeOutput(size, x.dtype);
    this.made.push(out);
    // Both views are taken after the allocation, which may have grown (and moved) the heap.
    copyBox(this.backend.typedArrayFromHeap(x), x.shape, begin, size, this.backend.typedArrayFromHeap(out));
    return out;
  }

  /**
   * The s×s' phase maps [B,Q,Q',C] woven into one [B,H,W,C]: phase p·s' + p' fills rows
   * q·s + p and columns q'·s' + p', and what falls past H or W is dropped. For s = s' that is
   * Concat, DepthToSpace and a crop, in one pass (wasm's DepthToSpace goes element by element).
   */
  interleave(phases: Info[], [s, s2]: [number, number], shape: [number, number, number, number]): Info {
    const [b, h, w, c] = shape;
    const out = this.backend.makeOutput(shape, 'float32');
    this.made.push(out);
    const dst = this.backend.typedArrayFromHeap(out);
    phases.forEach((phase, i) => {
      const [, qh, qw] = phase.shape;
      const src = this.backend.typedArrayFromHeap(phase);
      const [p, p2] = [Math.floor(i / s2), i % s2];
      for (let n = 0; n < b; n++)
        for (let q = 0, y = p; q < qh! && y < h; q++, y += s)
          for (let q2 = 0, x = p2, from = (n * qh! + q) * qw! * c; q2 < qw! && x < w; q2++, x += s2, from += c) {
            const to = ((n * h + y) * w + x) * c;
            for (let k = 0; k < c; k++) dst[to + k] = src[from + k]!;
          }
    });
    return out;
  }

  concat(parts: Info[], axis: number): Info {
    return parts.length === 1 ? parts[0]! : this.run('Concat', parts as unknown as Record<string, Info>, { axis });
  }

  pad(x: Info, paddings: [number, number][]): Info {
    return paddings.every(([a, b]) => a === 0 && b === 0) ? x : this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  reverse(x: Info, dims: number[]): Info {
    return this.run('Reverse', { x }, { dims });
  }

  sum(x: Info, axis: number): Info {
    return this.run('Sum', { x }, { axis: [axis], keepDims: false });
  }

  owns(t: Info): boolean {
    return this.made.includes(t);
  }

  /**
   * Hands `result` to the engine, which wraps it in one tensor, and frees the rest. A result
   * that is not this scope's own output (an input handed through) gets a reference of its own,
   * as wasm's Reshape does, so the engine's count of tensors on that buffer stays exact.
   */
  finish(result: Info | undefined): void {
    if (result && !this.made.includes(result)) this.backend.incRef(result.dataId);
    for (const t of this.made) if (t !== result) this.backend.disposeData(t.dataId);
    this.made.length = 0;
  }
}

/** Runs a composite kernel body, freeing its intermediates whether it returns or throws. */
export function composite(backend: unknown, body: (s: WasmScope) => Info): Info {
  const scope = new WasmScope(backend as Backend);
  let result: Info | undefined;
  try {
    result = body(scope);
    // An input handed through goes back as a plain TensorInfo: given a Tensor (an input), the
    // engine returns that very tensor as the output and never releases the reference taken above.
    return scope.owns(result) ? result : { dataId: result.dataId, shape: result.shape, dtype: result.dtype };
  } finally {
    scope.finish(result);
  }
}

function copyBox(src: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }, shape: readonly number[], begin: readonly number[], size: readonly number[], dst: { set(a: ArrayLike<number>, at: number): void }): void {
  const strides = tf.util.computeStrides([...shape]);
  const stride = (d: number) => (d === shape.length - 1 ? 1 : strides[d]!);
  // Trailing axes taken whole join the run the innermost partial axis starts.
  let inner = shape.length - 1;
  let run = size[inner]!;
  while (inner > 0 && size[inner] === shape[inner]) run *= size[--inner]!;
  const outer = size.slice(0, inner);
  const idx = outer.map(() => 0);
  const count = outer.reduce((a, b) => a * b, 1);
  for (let n = 0, at = 0; n < count; n++, at += run) {
    let from = begin[inner]! * stride(inner);
    for (let d = 0; d < inner; d++) from += (begin[d]! + idx[d]!) * stride(d);
    dst.set(src.subarray(from, from + run), at);
    for (let d = inner - 1; d >= 0 && ++idx[d]! === outer[d]; d--) idx[d] = 0;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The padding of one spatial axis that a stride-1 'valid' correlation needs to produce
 * `want` outputs from `size` inputs with an effective window `window`, given the padding
 * before: padding after, or (when negative) how many trailing inputs to drop instead.
 */
export function axisFit(size: number, before: number, window: number, want: number): { keep: number; after: number } {
  const after = want + window - 1 - before - size;
  if (size + after < 1) throw new Error(`A convolution whose windows (${window} wide after ${before} padding) never reach its ${size} inputs has no gradient kernel on wasm.`);
  return after >= 0 ? { keep: size, after } : { keep: size + after, after: 0 };
}

export function requireChannelsLast(dataFormat: string | undefined, kernel: string): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast')
    throw new Error(`Ganvas's wasm ${kernel} supports only NHWC data, not ${dataFormat}.`);
}

export function requireUnitDilations(dilations: number | [number, number] | undefined, kernel: string): void {
  const d = dilations === undefined ? [1, 1] : typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (d[0] !== 1 || d[1] !== 1) throw new Error(`Ganvas's wasm ${kernel} supports only dilation 1, not ${d.join('×')}.`);
}
