import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { addNode, connect, freshId, insertRescale, moveNodes, removeElements, setLabel, setParams } from './edit';
import { tinyPix2pix } from './fixtures';
import type { GraphDoc } from './schema';

/** Freezes a document deeply, so an edit that mutates its input throws. */
function frozen(d: GraphDoc): GraphDoc {
  const f = (o: unknown) => {
    if (o && typeof o === 'object') {
      Object.freeze(o);
      Object.values(o).forEach(f);
    }
  };
  f(d);
  return d;
}

describe('pure graph edits', () => {
  it('adds a node with every default written out and a fresh id', () => {
    const d = frozen(tinyPix2pix());
    const a = addNode(d, { kind: 'sinus', position: { x: 5, y: 6 } });
    expect(a.id).toBe('sinus');
    const b = addNode(a.doc, { kind: 'sinus', position: { x: 0, y: 0 } });
    expect(b.id).toBe('sinus-2');
    expect(b.doc.nodes.at(-1)).toMatchObject({ id: 'sinus-2', type: 'sinus', params: { waves: 4, fmax: 3, fixed: false } });
    expect(d.nodes).toHaveLength(tinyPix2pix().nodes.length);
  });

  it('makes ids unique across networks too', () => {
    const d = tinyPix2pix();
    expect(freshId(d, 'c1')).toBe('c1-2');
    expect(freshId(d, 'network.input')).toBe('network-input');
  });

  it('replaces the wire already in an input', () => {
    const d = frozen(tinyPix2pix());
    const n = connect(d, { source: 'x', sourceHandle: 'out', target: 'L1', targetHandle: 'b' });
    expect(n.edges.filter((e) => e.target === 'L1' && e.targetHandle === 'b').map((e) => e.source)).toEqual(['x']);
    expect(n.edges).toHaveLength(d.edges.length);
  });

  it('removes nodes with the wires touching them, and wires by id', () => {
    const d = frozen(tinyPix2pix());
    const n = removeElements(d, { nodes: ['L1'] });
    expect(n.nodes.some((x) => x.id === 'L1')).toBe(false);
    expect(n.edges.some((e) => e.source === 'L1' || e.target === 'L1')).toBe(false);
    const m = removeElements(d, { edges: ['G.out->preview.in'] });
    expect(m.edges).toHaveLength(d.edges.length - 1);
    expect(removeElements(d, {})).toBe(d);
  });

  it('edits inside a network without touching the training graph', () => {
    const d = frozen(tinyPix2pix());
    const n = setParams(d, 'c1', { filters: 8, kernel: 3 }, 'gen');
    expect(n.nodes).toBe(d.nodes);
    expect(n.networks[0]!.nodes.find((x) => x.id === 'c1')!.params).toEqual({ filters: 8, kernel: 3 });
    expect(n.networks[1]).toBe(d.networks[1]);
  });

  it('moves nodes and sets or clears labels', () => {
    const d = frozen(tinyPix2pix());
    const n = setLabel(moveNodes(d, [{ id: 'x', position: { x: 1, y: 2 } }]), 'x', 'Grey input');
    expect(n.nodes.find((x) => x.id === 'x')).toMatchObject({ position: { x: 1, y: 2 }, label: 'Grey input' });
    expect(setLabel(n, 'x', ' ').nodes.find((x) => x.id === 'x')!.label).toBeUndefined();
  });

  it('repairs a range mismatch with a Rescale node', () => {
    const d = tinyPix2pix();
    d.nodes.find((n) => n.id === 'x')!.params.range = '[0,1]';
    const fix = compile(d).diagnostics.find((x) => x.code === 'rangeMismatch' && x.nodeId === 'G')!.fix!;
    const r = insertRescale(frozen(d), fix);
    const after = compile(r.doc).diagnostics.filter((x) => x.code === 'rangeMismatch');
    expect(after.map((x) => x.nodeId)).not.toContain('G');
    expect(r.doc.edges).toContainEqual({ source: 'x', sourceHandle: 'out', target: r.id, targetHandle: 'in' });
  });
});
