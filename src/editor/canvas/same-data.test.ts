import { describe, expect, it } from 'vitest';
import type { GraphNodeData } from './node-data';
import { sameNodeData } from './same-data';

function data(): GraphNodeData {
  return {
    kind: 'conv2d',
    title: 'Conv2D',
    category: 'block',
    summary: '64 · 4×4 /2',
    inputs: [{ name: 'in', label: 'in', types: ['tensor'], shape: '2×28×28×1' }],
    outputs: [{ name: 'out', label: 'out', types: ['tensor'], shape: '2×14×14×64' }],
    diagnostics: [{ severity: 'warning', message: 'Unused output.', port: 'out' }],
    unknown: false,
    network: { id: 'g', label: 'Generator', sharedBy: 2 },
    showShapes: true,
  };
}

describe('sameNodeData', () => {
  it('treats data rebuilt with equal content as the same (the mapping rebuilds arrays every time)', () => {
    const a = data();
    const b = data();
    expect(a.inputs).not.toBe(b.inputs);
    expect(sameNodeData(a, b)).toBe(true);
  });

  it.each<[string, (d: GraphNodeData) => void]>([
    ['a title', (d) => (d.title = 'Conv')],
    ['a shape deep in a port', (d) => (d.inputs[0]!.shape = '2×32×32×1')],
    ['the types a port accepts', (d) => d.inputs[0]!.types.push('vector')],
    ['a port added', (d) => d.outputs.push({ name: 'x', label: 'x', types: ['tensor'] })],
    ['a diagnostic message', (d) => (d.diagnostics[0]!.message = 'Other.')],
    ['a diagnostic removed', (d) => d.diagnostics.pop()],
    ['how many call sites share weights', (d) => (d.network!.sharedBy = 3)],
    ['the network marker removed', (d) => delete d.network],
    ['showShapes', (d) => (d.showShapes = false)],
    ['an optional flag added', (d) => (d.inputs[0]!.optional = true)],
  ])('sees a change of %s', (_what, change) => {
    const b = data();
    change(b);
    expect(sameNodeData(data(), b)).toBe(false);
  });

  it('does not confuse a missing key with one set to undefined', () => {
    const a: Record<string, unknown> = { x: 1 };
    const b: Record<string, unknown> = { y: undefined };
    expect(sameNodeData(a, b)).toBe(false);
  });

  it('compares class instances by identity, not by content', () => {
    const a = { when: new Date(0) };
    expect(sameNodeData(a, { when: new Date(0) })).toBe(false);
    expect(sameNodeData(a, { when: a.when })).toBe(true);
  });
});
