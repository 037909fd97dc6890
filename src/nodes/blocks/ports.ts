/** Port and shape helpers shared by several blocks. */
import { describeSignal } from '../shape';
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
