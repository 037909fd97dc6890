/** The initialiser params of weighted blocks and the weight specs they produce. */
import { z } from 'zod';
import type { WeightSpec } from '../types';

export const zInit = {
  init: z
    .enum(['normal', 'kaiming-uniform'])
    .default('normal')
    .describe('How the kernel starts: N(0, std²), or Kaiming-uniform ±sqrt(6/fan-in)'),
  std: z.number().gt(0).max(10).default(0.02).describe('Standard deviation of the normal initialiser'),
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
