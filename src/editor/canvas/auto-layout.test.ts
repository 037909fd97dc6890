import { describe, expect, it } from 'vitest';
import { graph, node, wire } from '../../graph/build';
import { moveNodes } from '../../graph/edit';
import type { GraphNode } from '../../graph/schema';
import { autoLayout, DEFAULT_SIZE, type Size } from './auto-layout';

const sizes: Record<string, Size> = { a: { width: 300, height: 200 }, b: { width: 160, height: 60 }, c: { width: 220, height: 90 }, d: { width: 180, height: 140 } };
const sizeOf = (id: string) => sizes[id];
/** a → b → d and a → c → d, all piled on one spot, plus a note. */
function diamond() {
  return graph({
    nodes: [
      node('a', 'sinus', {}, { x: 100, y: 50 }),
      node('b', 'blur', {}, { x: 100, y: 50 }),
      node('c', 'grayscale', {}, { x: 100, y: 50 }),
      node('d', 'preview', {}, { x: 100, y: 50 }),
      node('n', 'note', { text: 'hi', width: 200, height: 100 }, { x: 120, y: 60 }),
    ],
    edges: [wire('a.out', 'b.in'), wire('a.out', 'c.in'), wire('b.out', 'd.in'), wire('c.out', 'd.in')],
  });
}

interface Box { x: number; y: number; width: number; height: number }
function boxes(nodes: readonly GraphNode[]): Map<string, Box> {
  return new Map(nodes.map((n) => [n.id, { ...n.position, ...(n.type === 'note' ? { width: Number(n.params.width), height: Number(n.params.height) } : sizeOf(n.id) ?? DEFAULT_SIZE) }]));
}
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('auto-layout', () => {
  it('draws the data flow left to right at the nodes’ sizes, with no card over another', () => {
    const doc = diamond();
    const next = moveNodes(doc, autoLayout(doc, { sizeOf }));
    const b = boxes(next.nodes);
    for (const e of doc.edges) expect(b.get(e.source)!.x + b.get(e.source)!.width).toBeLessThan(b.get(e.target)!.x);
    const ids = [...b.keys()];
    for (const i of ids) for (const j of ids) if (i < j) expect(overlap(b.get(i)!, b.get(j)!), `${i} over ${j}`).toBe(false);
    // b and c share a rank: one column, one above the other.
    expect(Math.abs(b.get('b')!.x + b.get('b')!.width / 2 - (b.get('c')!.x + b.get('c')!.width / 2))).toBeLessThan(1 + 8);
    // The drawing keeps its top-left corner, on the 8-pixel grid.
    expect(Math.min(...['a', 'b', 'c', 'd'].map((id) => b.get(id)!.x))).toBe(104);
    expect(Math.min(...['a', 'b', 'c', 'd'].map((id) => b.get(id)!.y))).toBe(48);
    for (const box of b.values()) expect([Math.abs(box.x % 8), Math.abs(box.y % 8)]).toEqual([0, 0]);
  });

  it('moves only the selection, which keeps its corner, and leaves notes alone', () => {
    const doc = diamond();
    const start = moveNodes(doc, [{ id: 'b', position: { x: 800, y: 400 } }, { id: 'd', position: { x: 800, y: 400 } }]);
    const moves = autoLayout(start, { sizeOf, only: new Set(['b', 'd', 'n']) });
    expect(moves.map((m) => m.id).sort()).toEqual(['b', 'd']);
    const next = moveNodes(start, moves);
    const b = boxes(next.nodes);
    expect(Math.min(b.get('b')!.x, b.get('d')!.x)).toBe(800);
    expect(Math.min(b.get('b')!.y, b.get('d')!.y)).toBe(400);
    expect(b.get('d')!.x).toBe(800 + 160 + 80);
    expect(overlap(b.get('b')!, b.get('d')!)).toBe(false);
    const untouched = (d: typeof start) => d.nodes.filter((n) => n.id !== 'b' && n.id !== 'd');
    expect(untouched(next)).toEqual(untouched(start));
  });

  it('gives nothing to do for a laid-out graph, an empty one, or notes alone', () => {
    const doc = diamond();
    const once = moveNodes(doc, autoLayout(doc, { sizeOf }));
    expect(autoLayout(once, { sizeOf })).toEqual([]);
    expect(autoLayout(graph({ nodes: [] }), { sizeOf })).toEqual([]);
    expect(autoLayout(doc, { sizeOf, only: new Set(['n']) })).toEqual([]);
  });

  it('lays out a graph with a cycle without failing', () => {
    const doc = graph({ nodes: [node('b', 'blur'), node('c', 'grayscale')], edges: [wire('b.out', 'c.in'), wire('c.out', 'b.in')] });
    const next = moveNodes(doc, autoLayout(doc, { sizeOf }));
    const b = boxes(next.nodes);
    expect(overlap(b.get('b')!, b.get('c')!)).toBe(false);
  });
});

describe('auto-layout of unconnected parts', () => {
  it('lays each part out on its own, stacked with no card over another', () => {
    const doc = graph({
      nodes: [node('a', 'sinus'), node('b', 'blur'), node('c', 'sinus'), node('d', 'grayscale'), node('e', 'preview')],
      edges: [wire('a.out', 'b.in'), wire('c.out', 'd.in'), wire('d.out', 'e.in')],
    });
    const next = moveNodes(doc, autoLayout(doc, { sizeOf }));
    const b = boxes(next.nodes);
    const ids = [...b.keys()];
    for (const i of ids) for (const j of ids) if (i < j) expect(overlap(b.get(i)!, b.get(j)!), `${i} over ${j}`).toBe(false);
    for (const e of doc.edges) expect(b.get(e.source)!.x + b.get(e.source)!.width).toBeLessThan(b.get(e.target)!.x);
    // The first part (a → b) on top, the second under it, both starting at the left edge.
    const bottom = (id: string) => b.get(id)!.y + b.get(id)!.height;
    expect(Math.max(bottom('a'), bottom('b'))).toBeLessThan(Math.min(b.get('c')!.y, b.get('d')!.y, b.get('e')!.y));
    expect(b.get('a')!.x).toBe(b.get('c')!.x);
  });
});
