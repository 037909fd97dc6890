import { describe, expect, it } from 'vitest';
import { emptyDoc, type GraphDoc } from '../../graph/schema';
import { say } from '../../nodes/messages';
import { memoryKv } from './kv';
import { createLibrary, GraphTooLargeError, normalizeTitle, randomId } from './library';

/** A library whose clock advances by one second per reading, so that saves are ordered. */
function setup(initial: Record<string, unknown> = {}) {
  const kv = memoryKv(initial);
  let t = 1_000_000;
  const lib = createLibrary(kv, { now: () => (t += 1000) });
  return { kv, lib };
}

function doc(title: string): GraphDoc {
  const d = emptyDoc(title);
  return { ...d, nodes: [{ id: 'n1', type: 'note', position: { x: 1, y: 2 }, params: { text: `about ${title}` } }] };
}

describe('createLibrary', () => {
  it('creates, lists newest first, loads what was saved and saves over it', async () => {
    const { lib } = setup();
    const a = await lib.create(doc('Alpha'));
    const b = await lib.create(doc('Beta'));
    expect(a).not.toBe(b);
    expect((await lib.list()).map((e) => e.title)).toEqual(['Beta', 'Alpha']);

    const loaded = await lib.load(a);
    expect(loaded).toEqual({ id: a, doc: doc('Alpha'), diagnostics: [] });

    await lib.save(a, { ...doc('Alpha'), nodes: [] });
    const list = await lib.list();
    expect(list.map((e) => [e.id, e.title])).toEqual([
      [a, 'Alpha'],
      [b, 'Beta'],
    ]);
    expect(list[0]!.updated).toBeGreaterThan(list[1]!.updated);
    expect((await lib.load(a)).doc?.nodes).toEqual([]);
  });

  it('stores documents as JSON text, read back through parseGraphDoc', async () => {
    const { kv, lib } = setup();
    const id = await lib.create(doc('Text'));
    const stored = kv.map.get(`doc:${id}`);
    expect(typeof stored).toBe('string');
    expect(JSON.parse(stored as string).meta.title).toBe('Text');
    // A stored document from an older save is repaired on reading, like any outside file.
    const d = JSON.parse(stored as string);
    d.nodes.push({ ...d.nodes[0] });
    kv.map.set(`doc:${id}`, JSON.stringify(d));
    const loaded = await lib.load(id);
    expect(loaded.doc?.nodes.map((n) => n.id)).toEqual(['n1', 'n1-2']);
    expect(loaded.diagnostics.map((x) => x.code)).toEqual(['duplicateNodeId']);
  });

  it('renames, keeping the document and moving it to the top', async () => {
    const { lib } = setup();
    const a = await lib.create(doc('Alpha'));
    await lib.create(doc('Beta'));
    await lib.rename(a, '  Gamma   ray ');
    expect((await lib.list()).map((e) => e.title)).toEqual(['Gamma ray', 'Beta']);
    const loaded = await lib.load(a);
    expect(loaded.doc?.meta.title).toBe('Gamma ray');
    expect(loaded.doc?.nodes).toEqual(doc('Alpha').nodes);
    await lib.rename(a, 'x'.repeat(500));
    expect((await lib.load(a)).doc?.meta.title).toBe('x'.repeat(200));
    await expect(lib.rename('nope', 'A')).rejects.toThrow(say('graphNotFound', {}));
  });

  it('duplicates under a new id and title, leaving the original alone', async () => {
    const { lib } = setup();
    const a = await lib.create(doc('Alpha'));
    const c = await lib.duplicate(a);
    expect(c).not.toBe(a);
    expect((await lib.load(c)).doc).toEqual({ ...doc('Alpha'), meta: { ...doc('Alpha').meta, title: 'Alpha (copy)' } });
    expect((await lib.load(a)).doc).toEqual(doc('Alpha'));
    expect((await lib.list()).map((e) => e.title)).toEqual(['Alpha (copy)', 'Alpha']);
  });

  it('removes a graph and forgets it as the last opened one', async () => {
    const { kv, lib } = setup();
    const a = await lib.create(doc('Alpha'));
    const b = await lib.create(doc('Beta'));
    expect(await lib.lastOpened()).toBeUndefined();
    await lib.setLastOpened(a);
    expect(await lib.lastOpened()).toBe(a);
    await lib.remove(b);
    expect(await lib.lastOpened()).toBe(a);
    await lib.remove(a);
    expect(await lib.lastOpened()).toBeUndefined();
    expect(await lib.list()).toEqual([]);
    expect([...kv.map.keys()]).toEqual([]);
    expect((await lib.load(a)).diagnostics.map((d) => d.code)).toEqual(['graphNotFound']);
  });

  it('forgets a last-opened id whose graph is gone', async () => {
    const { lib } = setup({ lastOpened: 'ghost' });
    expect(await lib.lastOpened()).toBeUndefined();
  });

  it('refuses to save a document too large to be read back', async () => {
    const { kv, lib } = setup();
    const big = { ...doc('Big'), nodes: [{ id: 'n', type: 'note', position: { x: 0, y: 0 }, params: { text: 'x'.repeat(21 * 1024 * 1024) } }] };
    await expect(lib.save('big', big)).rejects.toBeInstanceOf(GraphTooLargeError);
    expect(kv.map.size).toBe(0);
  });
});

describe('a stored entry that no longer parses', () => {
  const broken = '{"format":"ganvas-graph","version":1,"meta":{"title":"Half';

  it('is listed with the title of its card, and loading it gives diagnostics', async () => {
    const { lib } = setup({ 'doc:bad': broken, 'info:bad': { title: 'Half saved', updated: 5 } });
    await lib.create(doc('Fine'));
    expect((await lib.list()).map((e) => [e.id, e.title])).toEqual([
      [expect.any(String), 'Fine'],
      ['bad', 'Half saved'],
    ]);
    const loaded = await lib.load('bad');
    expect(loaded.id).toBe('bad');
    expect(loaded.doc).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'notJson']]);
  });

  it('without a readable card, takes its title from the text if it can', async () => {
    const { lib } = setup({
      'doc:nograph': JSON.stringify({ format: 'something-else', meta: { title: 'Foreign' } }),
      'doc:number': 42,
      'doc:garbled': broken,
      'info:garbled': { title: 7 },
    });
    const list = await lib.list();
    expect(list.map((e) => [e.id, e.title, e.updated])).toEqual([
      ['nograph', 'Foreign', 0],
      ['garbled', 'Untitled graph', 0],
      ['number', 'Untitled graph', 0],
    ]);
    expect((await lib.load('nograph')).diagnostics.map((d) => d.code)).toEqual(['notAGraph']);
    expect((await lib.load('number')).diagnostics.map((d) => d.code)).toEqual(['notAnObject']);
  });

  it('renames by its card only and duplicates byte for byte', async () => {
    const { kv, lib } = setup({ 'doc:bad': broken, 'info:bad': { title: 'Half saved', updated: 5 } });
    await lib.rename('bad', 'Renamed');
    expect(kv.map.get('doc:bad')).toBe(broken);
    const copy = await lib.duplicate('bad');
    expect(kv.map.get(`doc:${copy}`)).toBe(broken);
    expect((await lib.list()).map((e) => e.title)).toEqual(['Renamed (copy)', 'Renamed']);
  });
});

describe('renaming and duplicating change nothing but the title', () => {
  it("keep a node entry that parseGraphDoc leaves out, so that it is not lost unasked", async () => {
    const stored = {
      format: 'ganvas-graph',
      version: 1,
      meta: { title: 'Old', description: 'kept' },
      nodes: [{ id: 'ok', type: 'note' }, { id: 'broken' }],
      edges: [],
    };
    const { kv, lib } = setup({ 'doc:g': JSON.stringify(stored) });
    expect((await lib.load('g')).diagnostics.map((d) => d.code)).toEqual(['badField']);
    await lib.rename('g', 'New');
    const copy = await lib.duplicate('g');
    for (const id of ['g', copy]) {
      const back = JSON.parse(kv.map.get(`doc:${id}`) as string);
      expect(back.nodes).toEqual(stored.nodes);
      expect(back.meta.description).toBe('kept');
      expect((await lib.load(id)).diagnostics.map((d) => d.code)).toEqual(['badField']);
    }
    expect((await lib.load('g')).doc?.meta.title).toBe('New');
    expect((await lib.load(copy)).doc?.meta.title).toBe('New (copy)');
    expect((await lib.list()).map((e) => e.title)).toEqual(['New (copy)', 'New']);
  });
});

describe('ids and titles', () => {
  it('makes url-safe random ids', () => {
    const ids = Array.from({ length: 500 }, randomId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(encodeURIComponent(ids.join(''))).toBe(ids.join(''));
  });

  it('never reuses a taken id', async () => {
    const kv = memoryKv({ 'doc:same': '{}' });
    const ids = ['same', 'same', 'other'];
    const lib = createLibrary(kv, { newId: () => ids.shift()! });
    expect(await lib.create(doc('A'))).toBe('other');
  });

  it('normalises titles to what the schema keeps', () => {
    expect(normalizeTitle('   ')).toBe('Untitled graph');
    expect(normalizeTitle('a\n\tb')).toBe('a b');
    expect(normalizeTitle('y'.repeat(300))).toHaveLength(200);
  });
});
