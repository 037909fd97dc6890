/** The params weighted blocks share (filters, bias, initialiser) and the weight specs they produce. */
import { z } from 'zod';
import type { WeightSpec } from '../types';

export const zInit = {
  init: z
    .enum(['normal', 'kaiming-uniform'])
    .default('normal')
    .describe('How the kernel starts: N(0, std²), or Kaiming-uniform ±sqrt(6/fan-in)'),
  std: z.number().gt(0).max(10).default(0.02).describe('Standard deviation of the normal initialiser'),
};

/** Output channels of the convolutions (conv2d and its transpose). */
export const zFilters = {
  filters: z.int().min(1).max(4096).default(64).describe('Output channels'),
};

/** The optional bias of conv2d, conv2d-transpose and dense. */
export const zBias = {
  bias: z.boolean().default(true).describe('Add a learned bias (off when a norm layer follows)'),
};

export function kernelInit(
  name: string,
  shape: number[],
  p: { init: 'normal' | 'kaiming-uniform'; std: number },
  fanIn: number,
): WeightSpec {
  return p.init === 'normal'
    ? { name, shape, init: 'normal', std: p.std, trainable: true }
    : { name, shape, init: 'kaiming-uniform', fanIn, trainable: true };
}

/**
 * The kernel, then (when the block has one) its zero-initialised bias of `units` values:
 * the fill order conv2d, conv2d-transpose and dense declare.
 */
export function kernelAndBias(
  shape: number[],
  p: { init: 'normal' | 'kaiming-uniform'; std: number; bias: boolean },
  fanIn: number,
  units: number,
): WeightSpec[] {
  const specs = [kernelInit('kernel', shape, p, fanIn)];
  if (p.bias) specs.push({ name: 'bias', shape: [units], init: 'zeros', trainable: true });
  return specs;
}
