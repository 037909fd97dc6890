import { describe, expect, it } from 'vitest';
import { addNode, connect, moveNodes, setParams } from '../../graph/edit';
import { tinyPix2pix } from '../../graph/fixtures';
import { createEditorStore } from './store';

/** The headless test editor: store actions with no rendering. */
describe('editor store', () => {
  it('records every edit for undo and redo', () => {
    const store = createEditorStore(tinyPix2pix());
    const s = () => store.getState();
    const start = s().doc;
    s().edit('add', (d) => addNode(d, { kind: 'l2', position: { x: 0, y: 0 } }).doc);
    s().edit('connect', (d) => connect(d, { source: 'G', sourceHandle: 'out', target: 'l2', targetHandle: 'a' }));
    s().edit('param', (d) => setParams(d, 'c1', { filters: 6, kernel: 3 }, 'gen'));
    expect(s().past.map((p) => p.label)).toEqual(['add', 'connect', 'param']);
    s().undo();
    s().undo();
    expect(s().doc.nodes.some((n) => n.id === 'l2')).toBe(true);
    expect(s().doc.edges.some((e) => e.target === 'l2')).toBe(false);
    s().redo();
    expect(s().doc.edges.some((e) => e.target === 'l2')).toBe(true);
    s().undo();
    s().undo();
    expect(s().doc).toBe(start);
    expect(s().future).toHaveLength(3);
    s().edit('other', (d) => moveNodes(d, [{ id: 'x', position: { x: 9, y: 9 } }]));
    expect(s().future).toHaveLength(0);
  });

  it('ignores edits that change nothing', () => {
    const store = createEditorStore(tinyPix2pix());
    store.getState().edit('nothing', (d) => d);
    expect(store.getState().past).toHaveLength(0);
  });

  it('turns a whole drag into one undo step', () => {
    const store = createEditorStore(tinyPix2pix());
    const s = () => store.getState();
    const start = s().doc;
    for (let i = 1; i <= 5; i++) s().preview((d) => moveNodes(d, [{ id: 'x', position: { x: i * 10, y: 0 } }]));
    s().commitPreview('move');
    expect(s().past).toHaveLength(1);
    expect(s().doc.nodes.find((n) => n.id === 'x')!.position).toEqual({ x: 50, y: 0 });
    s().undo();
    expect(s().doc).toBe(start);
  });

  it('recompiles to show a diagnostic and its repair', () => {
    const store = createEditorStore(tinyPix2pix());
    const s = () => store.getState();
    expect(s().compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    s().edit('cut', (d) => ({ ...d, edges: d.edges.filter((e) => e.target !== 'L1' || e.targetHandle !== 'b') }));
    s().recompile();
    expect(s().compiled.diagnostics).toContainEqual(expect.objectContaining({ code: 'missingInput', nodeId: 'L1', port: 'b' }));
    s().undo();
    s().recompile();
    expect(s().compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('leaves a network scope that undo removed', () => {
    const store = createEditorStore(tinyPix2pix());
    const s = () => store.getState();
    s().edit('net', (d) => ({ ...d, networks: [...d.networks, { ...d.networks[0]!, id: 'gen-2' }] }));
    s().setScope('gen-2');
    s().undo();
    expect(s().scope).toBeUndefined();
  });
});
