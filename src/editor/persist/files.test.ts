import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zlibSync } from 'fflate';
import { encodePng } from '../../runtime/png';
import { resultPng } from '../../runtime/export/result-png';
import { describe, expect, it } from 'vitest';
import { MAX_GRAPH_BYTES, parseGraphDoc } from '../../graph/parse';
import { emptyDoc, type GraphDoc } from '../../graph/schema';
import { exportFileName, MAX_FILE_BYTES, readGraphFile, serializeDoc } from './files';

const presetsDir = fileURLToPath(new URL('../../../presets', import.meta.url));
function presetFiles(dir = presetsDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? presetFiles(join(dir, e.name)) : e.name.endsWith('.ganvas.json') ? [join(dir, e.name)] : [],
  );
}
const presets = presetFiles().map((path) => ({ name: relative(presetsDir, path), text: readFileSync(path, 'utf8') }));

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);
const titled = (title: string): GraphDoc => emptyDoc(title);

describe('export then import', () => {
  it('finds the presets', () => {
    expect(presets.length).toBeGreaterThanOrEqual(4);
  });

  it.each(presets)('gives back the same document: $name', async ({ text }) => {
    const original = parseGraphDoc(text);
    expect(original.diagnostics).toEqual([]);
    const doc = original.doc!;
    const file = new File([serializeDoc(doc)], exportFileName(doc), { type: 'application/json' });
    const back = await readGraphFile(file);
    expect(back.diagnostics).toEqual([]);
    expect(back.doc).toEqual(doc);
    // The presets are written in the schema's key order, so export reproduces them to the byte.
    expect(serializeDoc(doc)).toBe(text);
  });
});

describe('graph files with pictures', () => {
  const assets = { '0123456789abcdef0123456789abcdef': { mime: 'image/png', name: 'a.png', data: 'iVBORw0KGgo=' } };

  it('hands the pictures over as they are, beside the document, which never holds them', async () => {
    const doc = titled('With pictures');
    const text = serializeDoc({ ...doc, assets } as GraphDoc);
    expect(Object.keys(JSON.parse(text)).at(-1)).toBe('assets');
    const r = await readGraphFile(new File([text], 'p.ganvas.json'));
    expect(r.diagnostics).toEqual([]);
    expect(r.doc).toEqual(doc);
    expect(r.assets).toEqual(assets);
    // Damaged pictures are for the picture store to report; the graph still opens.
    const odd = await readGraphFile(new File([JSON.stringify({ ...doc, assets: 'nonsense' })], 'odd.ganvas.json'));
    expect([odd.doc, odd.assets]).toEqual([doc, 'nonsense']);
  });

  it('reads a file over the graph limit when its pictures make it so', async () => {
    const big = { ...assets, '0123456789abcdef0123456789abcdee': { mime: 'image/png', data: 'A'.repeat(MAX_GRAPH_BYTES) } };
    const r = await readGraphFile(new File([serializeDoc({ ...titled('Big pictures'), assets: big } as GraphDoc)], 'big.ganvas.json'));
    expect(r.diagnostics).toEqual([]);
    expect(r.doc?.meta.title).toBe('Big pictures');
    expect(Object.keys(r.assets as object)).toHaveLength(2);
  });

  it('still refuses a graph over its own limit beside pictures, and gives no pictures without a graph', async () => {
    const huge = { ...titled('Huge'), meta: { ...titled('Huge').meta, description: 'x'.repeat(MAX_GRAPH_BYTES) }, assets };
    expect(codes(await readGraphFile(new File([JSON.stringify(huge)], 'huge.ganvas.json')))).toEqual(['tooLarge']);
    const notGraph = await readGraphFile(new File([JSON.stringify({ format: 'other', assets })], 'x.json'));
    expect(codes(notGraph)).toEqual(['notAGraph']);
    expect(notGraph.assets).toBeUndefined();
  });
});

describe('serializeDoc', () => {
  it("puts keys in the schema's order whatever order edits left them in", () => {
    const doc = titled('Order');
    const shuffled = {
      settings: { ...doc.settings },
      nodes: [{ params: { b: 1, a: 2 }, position: { y: 2, x: 1 }, type: 'note', id: 'n' }],
      meta: { tags: [], title: 'Order', author: '', description: '' },
      networks: [],
      version: doc.version,
      edges: [{ targetHandle: 'in', target: 'n', sourceHandle: 'out', source: 'n' }],
      format: doc.format,
    } as unknown as GraphDoc;
    const text = serializeDoc(shuffled);
    const keys = (o: object) => Object.keys(o);
    const back = JSON.parse(text);
    expect(keys(back)).toEqual(['format', 'version', 'meta', 'nodes', 'edges', 'networks', 'settings']);
    expect(keys(back.meta)).toEqual(['title', 'description', 'author', 'tags']);
    expect(keys(back.nodes[0])).toEqual(['id', 'type', 'position', 'params']);
    expect(keys(back.nodes[0].position)).toEqual(['x', 'y']);
    expect(keys(back.nodes[0].params)).toEqual(['b', 'a']);
    expect(keys(back.edges[0])).toEqual(['source', 'sourceHandle', 'target', 'targetHandle']);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "meta": {\n    "title": "Order"');
  });

  it('keeps keys the schema does not know', () => {
    const doc = { ...titled('Extra'), extra: { kept: true } } as GraphDoc;
    expect(JSON.parse(serializeDoc(doc)).extra).toEqual({ kept: true });
  });
});

describe('exportFileName', () => {
  it.each([
    ['Colourise: grey → colour (pix2pix)', 'colourise-grey-colour-pix2pix.ganvas.json'],
    ['  Été à Montréal!! ', 'ete-a-montreal.ganvas.json'],
    ['スタイル変換', 'スタイル変換.ganvas.json'],
    ['ガンバス グラフ', 'ガンバス-グラフ.ganvas.json'],
    ['हिंदी चित्र', 'हिंदी-चित्र.ganvas.json'],
    ['../../etc/passwd', 'etc-passwd.ganvas.json'],
    ['***', 'graph.ganvas.json'],
    ['CON', 'con-graph.ganvas.json'],
    ['a'.repeat(100), `${'a'.repeat(60)}.ganvas.json`],
  ])('%s → %s', (title, name) => {
    expect(exportFileName(titled(title))).toBe(name);
  });
});

describe('readGraphFile refuses what is not a graph', () => {
  it('refuses a file over the limit before reading it', async () => {
    const file = new File(['{}'], 'huge.ganvas.json', { type: 'application/json' });
    let read = false;
    Object.defineProperty(file, 'size', { value: MAX_FILE_BYTES + 1 });
    for (const m of ['text', 'arrayBuffer', 'stream'] as const)
      Object.defineProperty(file, m, {
        value: () => {
          read = true;
          throw new Error('read whole');
        },
      });
    const r = await readGraphFile(file);
    expect(codes(r)).toEqual(['tooLarge']);
    expect(r.diagnostics[0]!.message).toMatch(/200\.0 MB/);
    expect(read).toBe(false);
  });

  it('refuses a real file just over the graph limit that carries no pictures', async () => {
    const r = await readGraphFile(new Blob([new Uint8Array(MAX_GRAPH_BYTES + 1).fill(32)]));
    expect(codes(r)).toEqual(['tooLarge']);
    expect(r.diagnostics[0]!.message).toMatch(/20\.0 MB/);
    const padded = `${serializeDoc(titled('Padded'))}${' '.repeat(MAX_GRAPH_BYTES)}`;
    expect(codes(await readGraphFile(new File([padded], 'padded.ganvas.json')))).toEqual(['tooLarge']);
  });

  it.each([
    ['not JSON', 'hello, world', 'notJson'],
    ['a JSON array', '[1, 2]', 'notAnObject'],
    ['some other JSON', '{"name":"package","version":"1.0.0"}', 'notAGraph'],
    ['a graph from a newer Ganvas', '{"format":"ganvas-graph","version":99,"nodes":[]}', 'newerVersion'],
    ['an empty file', '', 'notJson'],
  ])('%s', async (_what, text, code) => {
    const r = await readGraphFile(new File([text], 'thing.json'));
    expect(r.doc).toBeUndefined();
    expect(codes(r)).toEqual([code]);
  });

  it('says an image is an image, by type, name or content', async () => {
    for (const file of [
      new File(['x'], 'photo.JPG'),
      new File(['GIF89a'], 'anim.gif', { type: 'image/gif' }),
      new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'download.json'),
    ]) {
      const r = await readGraphFile(file);
      expect(codes(r), file.name).toEqual(['imageNotGraph']);
      expect(r.diagnostics[0]!.message).toContain(`“${file.name}” is an image`);
    }
  });

  it('opens the graph a result PNG carries, whatever the file is called', async () => {
    const doc = titled('From a PNG');
    const image = { width: 2, height: 1, pixels: new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]) };
    const png = resultPng([image], doc) as Uint8Array<ArrayBuffer>;
    for (const file of [new File([png], 'result.png', { type: 'image/png' }), new File([png], 'download')]) {
      const r = await readGraphFile(file);
      expect(r.diagnostics, file.name).toEqual([]);
      expect(serializeDoc(r.doc!)).toBe(serializeDoc(doc));
    }
  });

  it('says a PNG carries no graph, or that its graph is damaged', async () => {
    const plain = encodePng({ width: 1, height: 1, pixels: new Uint8ClampedArray([1, 2, 3, 255]) }, zlibSync) as Uint8Array<ArrayBuffer>;
    const none = await readGraphFile(new File([plain], 'photo.png', { type: 'image/png' }));
    expect(codes(none)).toEqual(['pngNoGraph']);
    expect(none.diagnostics[0]!.message).toMatch(/^“photo\.png” is a PNG that carries no graph\./);
    const cut = await readGraphFile(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], 'cut.png'));
    expect(codes(cut)).toEqual(['pngGraphUnreadable']);
    expect(cut.doc).toBeUndefined();
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const text = `\uFEFF${serializeDoc(titled('BOM'))}`;
    const r = await readGraphFile(new File([text], 'bom.ganvas.json'));
    expect(r.doc?.meta.title).toBe('BOM');
  });

  it('gives a sentence, not an exception, when the file cannot be read', async () => {
    const file = new File(['{}'], 'vanished.ganvas.json');
    Object.defineProperty(file, 'slice', {
      value: () => {
        throw new DOMException('gone', 'NotFoundError');
      },
    });
    const r = await readGraphFile(file);
    expect(codes(r)).toEqual(['fileUnreadable']);
    expect(r.diagnostics[0]!.message).toContain('“vanished.ganvas.json”');
  });
});
