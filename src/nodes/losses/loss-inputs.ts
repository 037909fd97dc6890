/** Shape rules the losses share: what their inputs must look like to be compared. */
import { z } from 'zod';
import { broadcastBatch, describeSignal, formatShape, isProblemValue, scalar } from '../shape';
import type { InferCtx, InferResult, PortSpec, Problem, Signal } from '../types';
import { problem } from '../types';

type Layer = { name: string; shape: number[] };

/** Same rank and same sizes after the batch axis; the batches are checked on their own. */
export function sameBeyondBatch(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => i === 0 || d === b[i]);
}

/**
 * Two shapes compared element by element: equal, except that a batch of 1 broadcasts over
 * the other side's batch. The problem names `port`, the second input.
 */
export function sameShapeUpToBatch(ctx: InferCtx<unknown>, a: number[], b: number[], port: string): Problem | undefined {
  if (!sameBeyondBatch(a, b))
    return problem('sizeMismatch', { node: ctx.name, what: 'shape', a: formatShape(a), b: formatShape(b) }, port);
  if (a.length > 0 && broadcastBatch(a[0]!, b[0]!) === undefined)
    return problem('batchMismatch', { node: ctx.name, a: a[0]!, b: b[0]! }, port);
  return undefined;
}

/** An image, map or vector input (not features, not a scalar), or a problem. */
export function arrayInput(ctx: InferCtx<unknown>, port: string): Signal | Problem {
  const s = ctx.inputs[port];
  if (!s) return problem('missingInput', { node: ctx.name, port }, port);
  if (s.type === 'features' || s.type === 'scalar' || s.shape.length < 2)
    return problem(
      'rankMismatch',
      { node: ctx.name, port, expected: 'an image, a feature map or a vector', got: describeSignal(s) },
      port,
    );
  return s;
}

/**
 * Two inputs a pixel loss compares: same shape up to batch broadcast, and when both are
 * images, the same value range (a difference across ranges measures nothing).
 */
export function checkPair(ctx: InferCtx<unknown>, pa: string, pb: string): Problem | undefined {
  const a = arrayInput(ctx, pa);
  if (isProblemValue(a)) return a;
  const b = arrayInput(ctx, pb);
  if (isProblemValue(b)) return b;
  if (a.type === 'image' && b.type === 'image' && a.range && b.range && a.range !== b.range)
    return problem('lossRangeMismatch', { node: ctx.name, a: a.range, b: b.range }, pb);
  return sameShapeUpToBatch(ctx, a.shape, b.shape, pb);
}

/** The two inputs every pixel-wise loss compares. */
export const pairPorts: PortSpec[] = [
  { name: 'a', label: 'a', type: ['image', 'tensor', 'vector'], doc: 'One side of the comparison, e.g. the generated image' },
  { name: 'b', label: 'b', type: ['image', 'tensor', 'vector'], doc: 'The other side, e.g. the target image' },
];

/**
 * Everything but the maths of a pixel-wise loss (L1, L2): no settings, `a` and `b` held to
 * `checkPair`, one scalar out. Spread into `defineNode` before the kind's own `build`.
 */
export const pairLoss = {
  params: z.object({}),
  where: 'graph' as const,
  inputs: pairPorts,
  outputs: [{ name: 'loss', label: 'loss', type: 'scalar' }] as PortSpec[],
  infer: (ctx: InferCtx<unknown>): InferResult => checkPair(ctx, 'a', 'b') ?? { loss: scalar },
};

/** The maps of a `features` input, or a problem. */
export function featureLayers(ctx: InferCtx<unknown>, port: string): Layer[] | Problem {
  const s = ctx.inputs[port];
  if (!s) return problem('missingInput', { node: ctx.name, port }, port);
  if (s.type !== 'features' || !s.layers)
    return problem(
      'rankMismatch',
      { node: ctx.name, port, expected: 'feature maps from a feature extractor', got: describeSignal(s) },
      port,
    );
  return s.layers;
}

/** Layer indices a loss uses: the chosen ones (0 is the first), or all of them when none are chosen. */
export function layerIndices(chosen: readonly number[], count: number): number[] {
  return chosen.length > 0 ? [...chosen] : Array.from({ length: count }, (_, i) => i);
}

/** The first chosen index `layers` does not have, as a problem on `port`. */
export function checkLayers(
  ctx: InferCtx<unknown>,
  indices: readonly number[],
  layers: readonly Layer[],
  port: string,
): Problem | undefined {
  if (indices.length === 0) return problem('layerOutOfRange', { node: ctx.name, layer: 0, count: 0 }, port);
  const bad = indices.find((i) => i >= layers.length);
  return bad === undefined ? undefined : problem('layerOutOfRange', { node: ctx.name, layer: bad, count: layers.length }, port);
}

/**
 * The two `features` inputs a feature loss compares and the layer indices it uses, after the
 * checks every feature loss makes before its own: both inputs are features, and both have
 * every chosen layer (all of the first input's when none are chosen).
 */
export function featurePair(
  ctx: InferCtx<unknown>,
  chosen: readonly number[],
  pa: string,
  pb: string,
): { a: Layer[]; b: Layer[]; idx: number[] } | Problem {
  const a = featureLayers(ctx, pa);
  if (isProblemValue(a)) return a;
  const b = featureLayers(ctx, pb);
  if (isProblemValue(b)) return b;
  const idx = layerIndices(chosen, a.length);
  return checkLayers(ctx, idx, a, pa) ?? checkLayers(ctx, idx, b, pb) ?? { a, b, idx };
}

/** Layers' shapes for a layerMismatch detail: "f2: 2×8×8×64 and 1×8×8×32". */
export function layerDetail(name: string, a: readonly number[], b: readonly number[]): string {
  return `${name}: ${formatShape(a)} and ${formatShape(b)}`;
}
