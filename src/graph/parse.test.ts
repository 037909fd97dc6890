import { describe, expect, it } from 'vitest';
import { tinyPix2pix } from './fixtures';
import { MAX_GRAPH_BYTES, parseGraphDoc } from './parse';

const good = () => JSON.parse(JSON.stringify(tinyPix2pix())) as Record<string, unknown> & { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };

describe('parseGraphDoc', () => {
  it('reads a valid document unchanged, from an object or from JSON text', () => {
    const doc = good();
    expect(parseGraphDoc(doc)).toEqual({ doc, diagnostics: [] });
    expect(parseGraphDoc(JSON.stringify(doc))).toEqual({ doc, diagnostics: [] });
  });

  it.each<[string, unknown, string]>([
    ['text that is not JSON', '{"format": "ganvas-graph",', 'notJson'],
    ['JSON that is not an object', '[1,2,3]', 'notAnObject'],
    ['null', null, 'notAnObject'],
    ['a number', 42, 'notAnObject'],
    ['another format', { format: 'comfy-workflow', version: 1, nodes: [] }, 'notAGraph'],
    ['no format at all', { nodes: [] }, 'notAGraph'],
    ['a newer version', { format: 'ganvas-graph', version: 7, nodes: [] }, 'newerVersion'],
    ['a version that is not a number', { format: 'ganvas-graph', version: '1', nodes: [] }, 'badVersion'],
    ['a version with no migration', { format: 'ganvas-graph', version: 0, nodes: [] }, 'badVersion'],
    ['no node list', { format: 'ganvas-graph', version: 1, nodes: 'none' }, 'badField'],
    ['a file over the size limit', ' '.repeat(MAX_GRAPH_BYTES + 1), 'tooLarge'],
  ])('refuses %s with a sentence', (_name, input, code) => {
    const r = parseGraphDoc(input);
    expect(r.doc).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code });
    expect(r.diagnostics[0]!.message).toMatch(/^[A-Z].{15,}[.)]$/s);
  });

  it('says which version a newer file needs', () => {
    const r = parseGraphDoc({ format: 'ganvas-graph', version: 7, nodes: [] });
    expect(r.diagnostics[0]!.message).toContain('version 7');
  });

  it('migrates forward through each version in turn', () => {
    const seen: number[] = [];
    const r = parseGraphDoc(
      { format: 'ganvas-graph', version: 0, graph: { nodes: [{ id: 'n', kind: 'sinus' }] } },
      {
        migrations: {
          0: (raw) => {
            seen.push(0);
            const g = raw.graph as { nodes: { id: string; kind: string }[] };
            return { format: raw.format, nodes: g.nodes.map((n) => ({ id: n.id, type: n.kind })) };
          },
        },
      },
    );
    expect(seen).toEqual([0]);
    expect(r.doc!.nodes).toEqual([{ id: 'n', type: 'sinus', params: {}, position: { x: 0, y: 0 } }]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['migrated']);
  });

  it('keeps a node of an unknown kind, with its params and wires, and reports it', () => {
    const doc = good();
    doc.nodes.push({ id: 'future', type: 'diffusion-sampler', position: { x: 1, y: 2 }, params: { steps: 50, nested: { a: [1] } } });
    doc.edges.push({ source: 'future', sourceHandle: 'out', target: 'L1', targetHandle: 'b' });
    const r = parseGraphDoc(doc);
    expect(r.doc!.nodes.at(-1)).toEqual(doc.nodes.at(-1));
    expect(r.doc!.edges.at(-1)).toEqual(doc.edges.at(-1));
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: 'unknownKind', nodeId: 'future' }]);
  });

  it('renames a duplicate node id instead of losing the node', () => {
    const doc = good();
    doc.nodes.push({ ...doc.nodes[0]!, position: { x: 9, y: 9 } });
    const r = parseGraphDoc(doc);
    expect(r.doc!.nodes.map((n) => n.id)).toContain('y-2');
    expect(r.doc!.nodes).toHaveLength(doc.nodes.length);
    expect(r.diagnostics).toMatchObject([{ code: 'duplicateNodeId', nodeId: 'y-2' }]);
  });

  it('drops a wire to a missing node and says so', () => {
    const doc = good();
    doc.edges.push({ source: 'ghost', sourceHandle: 'out', target: 'L1', targetHandle: 'a' });
    const r = parseGraphDoc(doc);
    expect(r.doc!.edges).toHaveLength(doc.edges.length - 1);
    expect(r.diagnostics).toMatchObject([{ code: 'danglingEdge' }]);
    expect(r.diagnostics[0]!.message).toContain('ghost');
  });

  it('falls back to the default for one bad setting and keeps the others', () => {
    const doc = good();
    (doc.settings as Record<string, unknown>).batchSize = -4;
    const r = parseGraphDoc(doc);
    expect(r.doc!.settings.batchSize).toBe(1);
    expect(r.doc!.settings.imageSize).toBe(16);
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: 'badField', path: 'settings.batchSize' }]);
  });

  it('leaves out a malformed node entry and keeps the rest', () => {
    const doc = good();
    doc.nodes.splice(1, 0, { id: 7, type: 'sinus' } as unknown as Record<string, unknown>);
    const r = parseGraphDoc(doc);
    expect(r.doc!.nodes).toHaveLength(doc.nodes.length - 1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'badField', path: 'nodes.1.id' });
  });

  it('fills in defaults for optional parts', () => {
    const r = parseGraphDoc({ format: 'ganvas-graph', version: 1, nodes: [] });
    expect(r.diagnostics).toEqual([]);
    expect(r.doc!.settings.previewEvery).toBe(50);
    expect(r.doc!.meta.title).toBe('Untitled graph');
    expect(r.doc!.networks).toEqual([]);
  });

  it('does not evaluate anything in the document', () => {
    const doc = good() as Record<string, unknown>;
    let touched = false;
    Object.defineProperty(doc, 'toJSON', { get: () => ((touched = true), undefined), enumerable: false });
    const r = parseGraphDoc({ ...doc, meta: { title: '<img src=x onerror=alert(1)>', description: '${process.exit()}' } });
    expect(r.doc!.meta.title).toBe('<img src=x onerror=alert(1)>');
    expect(touched).toBe(false);
  });
});
