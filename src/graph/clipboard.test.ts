import { describe, expect, it } from 'vitest';
import { copySelection, duplicateSelection, pasteFragment } from './clipboard';
import { compile } from './compile';
import { graph, node, wire } from './build';
import { tinyDiscriminator, tinyGenerator, tinyPix2pix } from './fixtures';
import { parseGraphDoc } from './parse';
import type { GraphDoc } from './schema';

/** Freezes a document deeply, so a function that mutates its input throws. */
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

const asText = (d: GraphDoc) => JSON.stringify(d);
const off = { x: 40, y: 30 };

describe('copySelection', () => {
  it('takes the chosen nodes, only the wires between them, and the networks their call sites run', () => {
    const d = frozen(tinyPix2pix());
    const f = copySelection(d, undefined, ['x', 'G', 'L1']);
    expect(f.nodes.map((n) => n.id)).toEqual(['x', 'G', 'L1']);
    expect(f.edges.map((e) => `${e.source}->${e.target}.${e.targetHandle}`).sort()).toEqual(['G->L1.a', 'x->G.in']);
    expect(f.networks.map((n) => n.id)).toEqual(['gen']);
    // It is a document in its own right: it survives the clipboard's text and the file reader.
    const back = parseGraphDoc(asText(f));
    expect(back.diagnostics).toEqual([]);
    expect(back.doc).toEqual(f);
  });

  it('copies inside a network without bringing networks along', () => {
    const d = tinyPix2pix();
    const f = copySelection(d, 'gen', ['c1', 'a1', 't']);
    expect(f.nodes.map((n) => n.id)).toEqual(['c1', 'a1', 't']);
    expect(f.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['c1->a1']);
    expect(f.networks).toEqual([]);
  });
});

describe('pasteFragment', () => {
  it('gives every node a fresh id, moves it by the offset and rewires between the copies', () => {
    const d = frozen(tinyPix2pix());
    const f = copySelection(d, undefined, ['x', 'G', 'L1']);
    const r = pasteFragment(d, undefined, asText(f), off);
    expect(r.diagnostics).toEqual([]);
    expect(r.ids).toEqual(['x-2', 'G-2', 'L1-2']);
    expect(r.doc.nodes).toHaveLength(d.nodes.length + 3);
    const byId = new Map(r.doc.nodes.map((n) => [n.id, n]));
    const x = d.nodes.find((n) => n.id === 'x')!;
    expect(byId.get('x-2')!.position).toEqual({ x: x.position.x + 40, y: x.position.y + 30 });
    const added = r.doc.edges.slice(d.edges.length).map((e) => `${e.source}->${e.target}.${e.targetHandle}`).sort();
    expect(added).toEqual(['G-2->L1-2.a', 'x-2->G-2.in']);
    // The original is untouched and the same network is reused: the copy shares its weights.
    expect(r.doc.edges.slice(0, d.edges.length)).toEqual(d.edges);
    expect(r.doc.networks.map((n) => n.id)).toEqual(['gen', 'disc']);
    expect(byId.get('G-2')!.params.network).toBe('gen');
  });

  it('pastes twice without two nodes sharing an id', () => {
    const d = tinyPix2pix();
    const f = copySelection(d, undefined, ['x']);
    const a = pasteFragment(d, undefined, f, off);
    const b = pasteFragment(a.doc, undefined, f, off);
    expect(b.ids).toEqual(['x-3']);
    const ids = b.doc.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('pastes inside the network in scope', () => {
    const d = frozen(tinyPix2pix());
    const r = pasteFragment(d, 'gen', copySelection(d, 'gen', ['c1', 'a1']), off);
    const gen = r.doc.networks.find((n) => n.id === 'gen')!;
    expect(r.ids).toEqual(['c1-2', 'a1-2']);
    expect(gen.nodes.map((n) => n.id).slice(-2)).toEqual(['c1-2', 'a1-2']);
    expect(gen.edges.at(-1)).toEqual({ source: 'c1-2', sourceHandle: 'out', target: 'a1-2', targetHandle: 'in' });
    expect(r.doc.nodes).toEqual(d.nodes);
  });

  it('brings a network into a graph that lacks it, so the pasted call site compiles', () => {
    const src = tinyPix2pix();
    const f = copySelection(src, undefined, ['x', 'G', 'preview']);
    const empty = graph({ settings: { imageSize: 16, batchSize: 2, streams: { data: 7 } }, networks: [], nodes: [], edges: [] });
    const r = pasteFragment(frozen(empty), undefined, asText(f), off);
    expect(r.doc.networks.map((n) => n.id)).toEqual(['gen']);
    expect(r.doc.networks[0]).toEqual(src.networks[0]);
    const res = compile(r.doc);
    expect(res.diagnostics.filter((x) => x.severity === 'error' && x.nodeId?.startsWith('G'))).toEqual([]);
    expect(res.diagnostics.filter((x) => x.code === 'unknownNetwork' || x.code === 'noNetwork')).toEqual([]);
  });

  it('adds a different network of a taken id under a fresh id and points the call site at it', () => {
    const src = tinyPix2pix();
    const f = copySelection(src, undefined, ['G']);
    // Another graph whose "gen" is a different network.
    const other = graph({ networks: [tinyGenerator('gen', 99)], nodes: [node('G', 'network', { network: 'gen' })], edges: [] });
    const r = pasteFragment(frozen(other), undefined, f, off);
    expect(r.doc.networks.map((n) => n.id)).toEqual(['gen', 'gen-2']);
    expect(r.doc.networks[0]!.seed).toBe(99);
    expect(r.doc.networks[1]).toEqual({ ...src.networks[0]!, id: 'gen-2' });
    expect(r.doc.nodes.find((n) => n.id === r.ids[0])!.params.network).toBe('gen-2');
    expect(r.doc.nodes.find((n) => n.id === 'G')!.params.network).toBe('gen');
  });

  it('reuses a network of the same id and content even when its keys come back in another order', () => {
    const d = tinyPix2pix();
    const f = copySelection(d, undefined, ['Dreal']);
    const shuffled = JSON.stringify({ ...f, networks: f.networks.map((n) => Object.fromEntries(Object.entries(n).reverse())) });
    const r = pasteFragment(d, undefined, shuffled, off);
    expect(r.doc.networks).toEqual(d.networks);
    expect(r.doc.nodes.find((n) => n.id === r.ids[0])!.params.network).toBe('disc');
  });

  it.each([
    ['plain text', 'hello world'],
    ['JSON that is not a graph', '{"a": 1}'],
    ['another format', JSON.stringify({ format: 'comfy-workflow', version: 1, nodes: [{ id: 'a' }] })],
    ['a graph with no nodes', JSON.stringify(graph({ nodes: [], edges: [] }))],
  ])('pastes nothing from %s and says so', (_name, text) => {
    const d = frozen(tinyPix2pix());
    const r = pasteFragment(d, undefined, text, off);
    expect(r.doc).toBe(d);
    expect(r.ids).toEqual([]);
    expect(r.diagnostics.map((x) => x.code)).toEqual(['pasteNothing']);
    expect(r.diagnostics[0]!.message).toMatch(/nothing was pasted/);
  });

  it('passes on what the reader repaired, such as a wire to a node that was not copied', () => {
    const d = tinyPix2pix();
    const f = copySelection(d, undefined, ['x']);
    const text = JSON.stringify({ ...f, edges: [wire('x.out', 'gone.in')] });
    const r = pasteFragment(d, undefined, text, off);
    expect(r.ids).toEqual(['x-2']);
    expect(r.doc.edges).toEqual(d.edges);
    expect(r.diagnostics.map((x) => x.code)).toEqual(['danglingEdge']);
  });
});

describe('duplicateSelection', () => {
  it('is copy and paste in one step, keeping the wires between the duplicates', () => {
    const d = frozen(tinyPix2pix());
    const r = duplicateSelection(d, undefined, ['lossReal', 'lossFake', 'lossD'], off);
    expect(r.ids).toEqual(['lossReal-2', 'lossFake-2', 'lossD-2']);
    expect(r.doc.edges.slice(d.edges.length).map((e) => `${e.source}->${e.target}.${e.targetHandle}`)).toEqual([
      'lossReal-2->lossD-2.t1',
      'lossFake-2->lossD-2.t2',
    ]);
    expect(r.doc.networks).toBe(d.networks);
  });

  it('does nothing with nothing selected', () => {
    const d = tinyPix2pix();
    expect(duplicateSelection(d, undefined, [], off)).toEqual({ doc: d, ids: [], diagnostics: [] });
  });

  it('duplicates a discriminator network definition unchanged', () => {
    const d = graph({ networks: [tinyDiscriminator()], nodes: [node('D', 'network', { network: 'disc' })], edges: [] });
    const r = duplicateSelection(d, undefined, ['D'], off);
    expect(r.doc.networks).toEqual(d.networks);
    expect(r.doc.nodes.map((n) => n.params.network)).toEqual(['disc', 'disc']);
  });
});
