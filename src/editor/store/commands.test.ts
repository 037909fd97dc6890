/** The canvas commands through the headless test editor: auto-layout, make network, quick add. */
import { describe, expect, it } from 'vitest';
import { compile } from '../../graph/compile';
import { tinyPipeline, tinyPix2pix } from '../../graph/fixtures';
import { partOf } from '../../graph/edit';
import { emptyDoc } from '../../graph/schema';
import { placeTemplate, retemplateNetwork } from '../../graph/templates';
import { runAutoLayout } from '../actions/layout';
import { runMakeNetwork } from '../actions/make-network';
import { runQuickAdd } from '../actions/quick-add';
import { addableItems, compatibleItems } from '../panels/node-search';
import { createEditorStore } from './store';

const sizeOf = () => ({ width: 180, height: 100 });

describe('canvas commands', () => {
  it('lays out the whole graph as one undoable edit, wires pointing right', () => {
    const store = createEditorStore(tinyPix2pix());
    const s = () => store.getState();
    const start = s().doc;
    expect(runAutoLayout(store, sizeOf)).toBeGreaterThan(0);
    expect(s().past.map((p) => p.label)).toEqual(['Auto-layout']);
    const at = new Map(s().doc.nodes.map((n) => [n.id, n.position]));
    for (const e of s().doc.edges) expect(at.get(e.source)!.x + 180, `${e.source} → ${e.target}`).toBeLessThan(at.get(e.target)!.x);
    s().undo();
    expect(s().doc).toBe(start);
  });

  it('lays out only the selection, inside an open network too', () => {
    const store = createEditorStore(tinyPix2pix());
    const s = () => store.getState();
    s().setScope('gen');
    s().select(['c1', 'a1', 'c2']);
    runAutoLayout(store, sizeOf);
    expect(s().past.map((p) => p.label)).toEqual(['Auto-layout selection']);
    const before = partOf(tinyPix2pix(), 'gen').nodes;
    const after = partOf(s().doc, 'gen').nodes;
    for (const id of ['in', 't', 'out']) expect(after.find((n) => n.id === id)!.position).toEqual(before.find((n) => n.id === id)!.position);
    const x = (id: string) => after.find((n) => n.id === id)!.position.x;
    expect(x('c1')).toBeLessThan(x('a1'));
    expect(x('a1')).toBeLessThan(x('c2'));
    expect(s().doc.nodes).toBe(store.getState().past[0]!.doc.nodes);
  });

  it('makes a network from the selection in one undoable edit and selects its call site', () => {
    const store = createEditorStore(tinyPipeline());
    const s = () => store.getState();
    const start = s().doc;
    s().select(['gray', 'blur', 'mix']);
    const id = runMakeNetwork(store)!;
    expect(s().selectedNodes).toEqual([id]);
    expect(s().past.map((p) => p.label)).toEqual(['Make network from selection']);
    expect(s().notice?.severity).toBe('info');
    s().recompile();
    expect(s().compiled.diagnostics).toEqual(compile(start).diagnostics);
    s().undo();
    expect(s().doc).toBe(start);
  });

  it('refuses a selection that cannot be a network, changing nothing and saying why', () => {
    const store = createEditorStore(tinyPipeline());
    const s = () => store.getState();
    const start = s().doc;
    s().select(['gray', 'L1']);
    expect(runMakeNetwork(store)).toBeUndefined();
    expect(s().doc).toBe(start);
    expect(s().past).toEqual([]);
    expect(s().notice).toMatchObject({ severity: 'warning', text: expect.stringMatching(/L1.*cannot go inside a network/) });
  });

  it('quick add places a node connected to the dropped wire, in one undoable edit', () => {
    const store = createEditorStore(tinyPix2pix());
    const s = () => store.getState();
    const start = s().doc;
    const end = { node: 'G', handle: 'out', side: 'source' } as const;
    const blur = compatibleItems(start, undefined, addableItems(undefined), end, s().compiled.analysis).find((i) => i.key === 'blur')!;
    const id = runQuickAdd(store, blur, { x: 300, y: 40 }, end);
    expect(s().doc.nodes.find((n) => n.id === id)).toMatchObject({ type: 'blur', position: { x: 300, y: 40 } });
    expect(s().doc.edges).toContainEqual({ source: 'G', sourceHandle: 'out', target: id, targetHandle: 'in' });
    expect(s().selectedNodes).toEqual([id]);
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(s().doc).toBe(start);
    // Into an input: the new node feeds it, and the wire it had is replaced.
    const into = { node: 'preview', handle: 'in', side: 'target' } as const;
    const sinus = compatibleItems(start, undefined, addableItems(undefined), into).find((i) => i.key === 'sinus')!;
    const src = runQuickAdd(store, sinus, { x: 0, y: 0 }, into);
    expect(s().doc.edges.filter((e) => e.target === 'preview')).toEqual([{ source: src, sourceHandle: 'out', target: 'preview', targetHandle: 'in' }]);
  });
});

describe('template settings after placement', () => {
  it('rebuild the network in one undoable edit', () => {
    const placed = placeTemplate(emptyDoc(), 'resnet-generator', {}, { x: 0, y: 0 });
    const store = createEditorStore(placed.doc);
    const s = () => store.getState();
    const blocks = (n: number) => s().doc.networks[0]!.nodes.filter((x) => x.type === 'residual').length === n;
    const count = s().doc.networks[0]!.nodes.filter((x) => x.type === 'residual').length;
    s().edit('Change ResNet generator settings', (d) => retemplateNetwork(d, placed.networkId, { ...d.networks[0]!.template!.params, blocks: count + 2 }));
    expect(blocks(count + 2)).toBe(true);
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(s().doc).toBe(placed.doc);
  });
});
