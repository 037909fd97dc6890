import { describe, expect, it } from 'vitest';
import { compile, parseGraphDoc } from '../../src/graph';
import { graphFacts } from './compile-time';
import { bigGraph, NODES_PER_UNIT } from './graph-300';

describe('the editor bench graph', () => {
  const doc = bigGraph();

  it('has 300 nodes on the canvas, each unit with networks of its own', () => {
    expect(graphFacts(doc)).toMatchObject({ nodes: 300, edges: 20 * 20, networks: 40 });
    expect(NODES_PER_UNIT * 20).toBe(300);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(300);
  });

  it('reads back as it is and compiles without a problem, with 40 optimizers', () => {
    const parsed = parseGraphDoc(JSON.stringify(doc));
    expect(parsed.diagnostics).toEqual([]);
    const { plan, diagnostics } = compile(parsed.doc!);
    expect(diagnostics).toEqual([]);
    expect(plan?.optimizers).toHaveLength(40);
  });

  it('is the same document every time', () => {
    expect(JSON.stringify(bigGraph())).toBe(JSON.stringify(doc));
  });
});
