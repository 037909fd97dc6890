/** Port and shape helpers shared by several blocks. */
import { z } from 'zod';
import { broadcastBatch, describeSignal, isProblemValue, samePadding, validOut } from '../shape';
import { problem, type InferCtx, type PortSpec, type PortType, type Problem, type Signal } from '../types';

/** The input on `port` as a feature map [B,H,W,C] or a vector [B,N], or a problem. */
export function mapOrVector(ctx: InferCtx<unknown>, port: string): Signal | Problem {
  const s = ctx.inputs[port];
  if (!s) return problem('missingInput', { node: ctx.name, port }, port);
  if ((s.shape.length !== 2 && s.shape.length !== 4) || s.type === 'features')
    return problem('rankMismatch', { node: ctx.name, port, expected: 'a feature map or a vector', got: describeSignal(s) }, port);
  return s;
}

/** A map stays a tensor, a vector stays a vector (an image is no longer one after a block). */
export function sameKind(s: Signal, shape: number[] = s.shape): Signal {
  return { type: shape.length === 2 ? 'vector' : 'tensor', shape: [...shape] };
}

/** Ports named prefix1..prefixN, the dynamic inputs of concat, add and feature-list. */
export function numberedPorts(prefix: string, count: number, type: PortType | readonly PortType[]): PortSpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}${i + 1}`, label: `${prefix}${i + 1}`, type }));
}

export function portNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

/** The count of concat's and add's inputs. */
export const zInputCount = z.int().min(2).max(8).default(2).describe('Number of inputs');

/**
 * The signals on prefix1..prefixN, each read with `read`, and the batch they broadcast to.
 * Port by port, in order: `read`'s problem, then `match` against the first signal, then the
 * batch; so the first problem met names the first port that breaks a rule.
 */
export function numberedInputs(
  ctx: InferCtx<unknown>,
  prefix: string,
  count: number,
  read: (ctx: InferCtx<unknown>, port: string) => Signal | Problem,
  match: (first: Signal, x: Signal, port: string) => Problem | undefined = () => undefined,
): { signals: Signal[]; batch: number } | Problem {
  const signals: Signal[] = [];
  let batch = 0;
  for (const port of portNames(prefix, count)) {
    const x = read(ctx, port);
    if (isProblemValue(x)) return x;
    const b = x.shape[0]!;
    const first = signals[0];
    if (!first) batch = b;
    else {
      const bad = match(first, x, port);
      if (bad) return bad;
      const joint = broadcastBatch(batch, b);
      if (joint === undefined) return problem('batchMismatch', { node: ctx.name, a: batch, b }, port);
      batch = joint;
    }
    signals.push(x);
  }
  return { signals, batch };
}

/**
 * Height and width after a k×k window moved by s (a conv kernel, a pooling window), with
 * TF's 'same' or 'valid' rule; a problem on 'in' naming the window (`what`) when none fits.
 */
export function windowedSize(
  ctx: InferCtx<unknown>,
  [h, w]: [number, number],
  k: number,
  s: number,
  padding: 'same' | 'valid',
  what: 'kernel' | 'window',
): [number, number] | Problem {
  const ho = padding === 'same' ? samePadding(h, k, s).out : validOut(h, k, s);
  const wo = padding === 'same' ? samePadding(w, k, s).out : validOut(w, k, s);
  if (ho < 1 || wo < 1)
    return problem('tooSmall', { node: ctx.name, detail: `a ${h}×${w} input is smaller than its ${k}×${k} ${what}` }, 'in');
  return [ho, wo];
}
