import { describe, expect, it } from 'vitest';
import { compile } from '../../graph/compile';
import { moveNodes, setParams } from '../../graph/edit';
import { tinyPix2pix } from '../../graph/fixtures';
import type { GraphDoc } from '../../graph/schema';
import { createFlowMapper, toFlow } from './flow-mapping';

const context = (doc: GraphDoc, showShapes = true) => {
  const c = compile(doc);
  return { doc, scope: undefined, diagnostics: c.diagnostics, analysis: c.analysis, showShapes };
};

describe('the cached flow mapping', () => {
  const doc = tinyPix2pix();
  const ctx = context(doc);

  it('gives the same nodes and edges as a fresh mapping', () => {
    const map = createFlowMapper();
    map(ctx, new Set());
    const moved = { ...ctx, doc: moveNodes(doc, [{ id: 'G', position: { x: 5, y: 7 } }]) };
    expect(map(moved, new Set(['Dreal']))).toEqual(toFlow(moved.doc, undefined, ctx.diagnostics, ctx.analysis, true, new Set(['Dreal'])));
  });

  it('returns the very same objects for what a move did not change, and a new one for the moved node', () => {
    const map = createFlowMapper();
    const a = map(ctx, new Set());
    const b = map({ ...ctx, doc: moveNodes(doc, [{ id: 'G', position: { x: 5, y: 7 } }]) }, new Set());
    for (const [i, n] of b.nodes.entries()) {
      if (n.id === 'G') {
        expect(n).not.toBe(a.nodes[i]);
        expect(n.position).toEqual({ x: 5, y: 7 });
        expect(n.data).toBe(a.nodes[i]!.data); // same params and analysis: same data
      } else expect(n).toBe(a.nodes[i]);
    }
    b.edges.forEach((e, i) => expect(e).toBe(a.edges[i]));
  });

  it('rebuilds a node whose selection or size changed, and everything after a recompile or a toggle', () => {
    const map = createFlowMapper();
    const a = map(ctx, new Set());
    const b = map(ctx, new Set(['G']), new Map([['L1', { width: 10, height: 20 }]]));
    expect(b.nodes.find((n) => n.id === 'G')).not.toBe(a.nodes.find((n) => n.id === 'G'));
    expect(b.nodes.find((n) => n.id === 'G')!.selected).toBe(true);
    expect(b.nodes.find((n) => n.id === 'L1')!.measured).toEqual({ width: 10, height: 20 });
    const c = map(context(doc, false), new Set());
    c.nodes.forEach((n, i) => expect(n).not.toBe(a.nodes[i]));
    expect(c.edges.every((e) => e.label === undefined)).toBe(true);
  });

  it('rebuilds the data of a node whose params changed, with its new summary', () => {
    const map = createFlowMapper();
    const a = map(ctx, new Set());
    const edited = setParams(doc, 'L1', {});
    const b = map(context(edited), new Set());
    expect(b.nodes.find((n) => n.id === 'L1')!.data).not.toBe(a.nodes.find((n) => n.id === 'L1')!.data);
  });
});
