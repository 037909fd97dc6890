/**
 * The agreed block kinds, in palette order, with described params and the right placement.
 * Building each example is checked by tests/registry-contract.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { blocks } from './index';
import { weightsFor } from '../testing';

const agreed = [
  'conv2d', 'conv2d-transpose', 'dense', 'reshape', 'flatten', 'instance-norm', 'batch-norm', 'activation',
  'upsample', 'avg-pool', 'concat', 'add', 'residual', 'stop-gradient', 'feature-list',
];

describe('blocks', () => {
  it('are the agreed kinds, in order', () => {
    expect(blocks.map((b) => b.kind)).toEqual(agreed);
  });

  it.each(blocks.map((b) => [b.kind, b] as const))('%s: defaults, descriptions and placement', (_k, def) => {
    expect(() => def.params.parse({})).not.toThrow();
    const shape = (def.params as z.ZodObject).shape as Record<string, z.ZodType>;
    for (const [name, field] of Object.entries(shape)) expect(field.description, name).toBeTruthy();
    expect(def.category).toBe('block');
    const weighted = weightsFor(def, def.example?.params, def.example?.inputs ?? {}).length > 0;
    if (weighted) expect(def.where).toBe('network');
    if (!def.weights) expect(def.where).toBe('both');
  });
});
