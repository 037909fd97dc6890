import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { tinyPix2pix } from './fixtures';
import { sameCompileInput } from './same-compile-input';

describe('sameCompileInput', () => {
  const a = tinyPix2pix();

  it('holds for a document whose nodes only moved (in the graph or in a network)', () => {
    const moved = { ...a, nodes: a.nodes.map((n, i) => (i === 2 ? { ...n, position: { x: 5, y: 9 } } : n)) };
    expect(sameCompileInput(a, moved)).toBe(true);
    const net = a.networks[0]!;
    const inner = { ...a, networks: [{ ...net, nodes: net.nodes.map((n) => ({ ...n, position: { x: 1, y: 1 } })) }, ...a.networks.slice(1)] };
    expect(sameCompileInput(a, inner)).toBe(true);
    // And such documents do compile alike.
    expect(JSON.stringify(compile(moved))).toBe(JSON.stringify(compile(a)));
  });

  it('fails for any edit that can change the verdict', () => {
    const n = a.nodes[2]!;
    for (const b of [
      { ...a, nodes: a.nodes.map((m) => (m === n ? { ...m, params: { ...m.params } } : m)) },
      { ...a, nodes: a.nodes.map((m) => (m === n ? { ...m, label: 'renamed' } : m)) },
      { ...a, nodes: a.nodes.slice(1) },
      { ...a, edges: [...a.edges] },
      { ...a, settings: { ...a.settings } },
      { ...a, meta: { ...a.meta } },
      { ...a, networks: [{ ...a.networks[0]!, seed: 99 }, ...a.networks.slice(1)] },
    ])
      expect(sameCompileInput(a, b)).toBe(false);
  });
});
