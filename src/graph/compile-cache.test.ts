import { describe, expect, it } from 'vitest';
import { createRegistry, nodeDefs, registry } from '../nodes/registry';
import { compile } from './compile';
import { CompileCache } from './compile-cache';
import { connect, removeElements, setParams, setSettings } from './edit';
import { tinyPipeline } from './fixtures';
import type { GraphDoc } from './schema';

/** A sequence of editor edits, each a new document sharing what it did not change. */
const edits: [string, (d: GraphDoc) => GraphDoc][] = [
  ['a loss weight', (d) => setParams(d, 'lossG', { count: 2, weights: [1, 50] })],
  ['a layer inside the generator', (d) => setParams(d, 'c1', { filters: 6, kernel: 3 }, 'gen')],
  ['the image size', (d) => setSettings(d, { imageSize: 16 })],
  ['a wire removed (a diagnostic appears)', (d) => removeElements(d, { edges: [d.edges.find((e) => e.target === 'G')!.id ?? ''] })],
  ['the wire back', (d) => connect(d, { source: 'blur', sourceHandle: 'out', target: 'G', targetHandle: 'in' })],
  ['a bad param', (d) => setParams(d, 'c2', { filters: -1, kernel: 3 }, 'gen')],
  ['the param repaired', (d) => setParams(d, 'c2', { filters: 3, kernel: 3 }, 'gen')],
  ['the discriminator’s stride', (d) => setParams(d, 'c1', { filters: 1, kernel: 3, stride: 1 }, 'disc')],
  ['the first weight back', (d) => setParams(d, 'lossG', { count: 2, weights: [1, 100] })],
];

describe('compiling with a CompileCache', () => {
  it('gives what a fresh compile gives, after every edit of a sequence', () => {
    const cache = new CompileCache();
    let doc = tinyPipeline();
    // Edges need ids for removal; the reader gives them.
    doc = { ...doc, edges: doc.edges.map((e, i) => ({ ...e, id: e.id ?? `e${i}` })) };
    expect(compile(doc, registry, cache)).toEqual(compile(doc));
    const seen = new Set<string>();
    for (const [what, edit] of edits) {
      doc = edit(doc);
      const cached = compile(doc, registry, cache);
      const fresh = compile(doc);
      expect(cached, what).toEqual(fresh);
      seen.add(fresh.plan ? 'plan' : 'diagnostics');
    }
    expect(seen).toEqual(new Set(['plan', 'diagnostics']));
  });

  it('reuses a network’s work while it is unchanged, and redoes it once it is edited', () => {
    const cache = new CompileCache();
    const doc = tinyPipeline();
    const a = compile(doc, registry, cache).plan!;
    const b = compile(setParams(doc, 'lossG', { count: 2, weights: [1, 50] }), registry, cache).plan!;
    const net = (p: typeof a, id: string) => p.networks.find((n) => n.id === id)!;
    expect(net(b, 'gen')).toBe(net(a, 'gen'));
    expect(net(b, 'disc')).toBe(net(a, 'disc'));
    const c = compile(setParams(doc, 'c1', { filters: 6, kernel: 3 }, 'gen'), registry, cache).plan!;
    expect(net(c, 'gen')).not.toBe(net(a, 'gen'));
    expect(net(c, 'gen').weights[0]!.shape).toEqual([3, 3, 3, 6]);
    expect(net(c, 'disc')).toBe(net(a, 'disc'));
  });

  it('starts afresh for another registry', () => {
    const cache = new CompileCache();
    const doc = tinyPipeline();
    const a = compile(doc, registry, cache).plan!;
    const other = createRegistry(nodeDefs);
    expect(compile(doc, other, cache).plan!.networks[0]).not.toBe(a.networks[0]);
  });
});
