/**
 * src/graph and src/nodes run without React, zustand or a DOM (the CLI and the worker use
 * them): with those modules made to explode on import, the graph layer still loads and compiles.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('react', () => {
  throw new Error('src/graph imported React');
});
vi.mock('zustand', () => {
  throw new Error('src/graph imported zustand');
});
vi.mock('@xyflow/react', () => {
  throw new Error('src/graph imported React Flow');
});

describe('the graph layer without React or a DOM', () => {
  it('loads and compiles', async () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const graph = await import('../src/graph');
    const { tinyPix2pix } = await import('../src/graph/fixtures');
    const { plan, diagnostics } = graph.compile(tinyPix2pix());
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan?.optimizers).toHaveLength(2);
  });
});
