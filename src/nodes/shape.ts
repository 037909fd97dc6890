/** Shape arithmetic and checks shared by the node kinds' shape rules. */
import type { InferCtx, Problem, Signal, ValueRange } from './types';
import { problem } from './types';

/** TF 'same' padding (WORKLOADS.md §0): out = ceil(n/s), the extra pixel bottom/right. */
export function samePadding(n: number, k: number, s: number): { out: number; before: number; after: number } {
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/** Output size of a 'valid' convolution. */
export function validOut(n: number, k: number, s: number): number {
  return Math.floor((n - k) / s) + 1;
}

/** "2×64×64×3" */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'a single number' : shape.join('×');
}

export function describeSignal(s: Signal): string {
  switch (s.type) {
    case 'scalar':
      return 'a single number';
    case 'features':
      return `${s.layers?.length ?? 0} feature maps`;
    default:
      return `${s.type} ${formatShape(s.shape)}`;
  }
}

export function image(shape: number[], range: ValueRange): Signal {
  return { type: 'image', shape, range };
}
export function tensor(shape: number[]): Signal {
  return { type: 'tensor', shape };
}
export function vector(shape: number[]): Signal {
  return { type: 'vector', shape };
}
export const scalar: Signal = { type: 'scalar', shape: [] };

/** The input on `port` as a 4-D map [B,H,W,C], or a problem naming what it got. */
export function map4(ctx: InferCtx<unknown>, port: string): Signal | Problem {
  const s = ctx.inputs[port];
  if (!s) return problem('missingInput', { node: ctx.name, port }, port);
  if (s.shape.length !== 4 || s.type === 'features')
    return problem('rankMismatch', { node: ctx.name, port, expected: 'an image or feature map (batch×height×width×channels)', got: describeSignal(s) }, port);
  return s;
}

/** The input on `port` as a [B,N] vector, or a problem. */
export function vec2(ctx: InferCtx<unknown>, port: string): Signal | Problem {
  const s = ctx.inputs[port];
  if (!s) return problem('missingInput', { node: ctx.name, port }, port);
  if (s.shape.length !== 2 || s.type === 'features')
    return problem('rankMismatch', { node: ctx.name, port, expected: 'a vector (batch×values)', got: describeSignal(s) }, port);
  return s;
}

/** Batch sizes broadcast when equal or when one of them is 1 (a style target against a batch). */
export function broadcastBatch(a: number, b: number): number | undefined {
  if (a === b) return a;
  if (a === 1) return b;
  if (b === 1) return a;
  return undefined;
}

export function isProblemValue(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && (v as Problem).problem === true;
}
