import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../tests/png-reader';
import { emptyDoc, type GraphDoc } from '../../graph/schema';
import { encodePng } from '../../runtime/png';
import { memoryKv, type Kv } from '../persist/kv';
import { fitWithin } from './formats';
import { createPictureStore, pictureIdsOf, type Decode } from './picture-store';

/** A w×h PNG whose pixel (x, y) is (x·10, y·10, x+y, 255). */
function png(w: number, h: number): { file: Uint8Array; pixels: Uint8Array } {
  const pixels = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pixels.set([x * 10, y * 10, x + y, 255], (y * w + x) * 4);
  return { file: encodePng({ width: w, height: h, pixels }, (d) => deflateSync(d)), pixels };
}

/** Node's stand-in for the page's decoder: the tests' own PNG reader, nearest-neighbour fitting. */
const nodeDecode: Decode = async (bytes, mime, maxSide) => {
  if (mime !== 'image/png') throw new Error('only PNG in Node');
  const p = decodePng(bytes);
  const fit = fitWithin(p.width, p.height, maxSide);
  const data = new Uint8ClampedArray(fit.width * fit.height * 4);
  for (let y = 0; y < fit.height; y++)
    for (let x = 0; x < fit.width; x++) {
      const sx = Math.floor((x * p.width) / fit.width);
      const sy = Math.floor((y * p.height) / fit.height);
      data.set(p.pixels.subarray((sy * p.width + sx) * 4, (sy * p.width + sx) * 4 + 4), (y * fit.width + x) * 4);
    }
  return { width: p.width, height: p.height, image: { width: fit.width, height: fit.height, data } };
};

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 32);
const fileOf = (bytes: Uint8Array, name: string) => new File([bytes as Uint8Array<ArrayBuffer>], name);
const text = (s: string) => new TextEncoder().encode(s);

function setup(limits = {}) {
  const kv = memoryKv();
  return { kv, store: createPictureStore(kv, nodeDecode, limits) };
}

function docWith(sets: string[][], inNetwork: string[] = []): GraphDoc {
  const doc = emptyDoc('Pictures');
  doc.nodes = sets.map((images, i) => ({ id: `s${i}`, type: 'image-set', position: { x: 0, y: 0 }, params: { images } }));
  doc.nodes.push({ id: 'n', type: 'noise', position: { x: 0, y: 0 }, params: { images: ['not-a-set'] } });
  doc.networks = [{ id: 'net', label: '', seed: 1, frozen: false, nodes: [{ id: 'x', type: 'image-set', position: { x: 0, y: 0 }, params: { images: inNetwork } }], edges: [] }];
  return doc;
}

describe('the picture store', () => {
  it('stores a PNG by the SHA-256 of its bytes, with its type and decoded size, and gives it back', async () => {
    const { kv, store } = setup();
    const { file, pixels } = png(5, 3);
    const r = await store.add(fileOf(file, 'tiny.png'));
    expect(r).toEqual({ ok: true, id: sha(file), meta: { name: 'tiny.png', mime: 'image/png', width: 5, height: 3, size: file.length } });
    expect([...kv.map.keys()].sort()).toEqual([`data:${sha(file)}`, `meta:${sha(file)}`]);
    const back = await store.file(sha(file));
    expect(back?.bytes).toEqual(file);
    const image = await store.decode(sha(file));
    expect(image).toEqual({ width: 5, height: 3, data: new Uint8ClampedArray(pixels) });
  });

  it('keeps one copy of the same bytes added twice, under any name', async () => {
    const { kv, store } = setup();
    const { file } = png(2, 2);
    const a = await store.add(fileOf(file, 'a.png'));
    const b = await store.add(fileOf(file, 'b.png'));
    expect(a.ok && b.ok && a.id === b.id).toBe(true);
    expect(kv.map.size).toBe(2);
    expect((await store.meta(sha(file)))?.name).toBe('a.png');
  });

  it('downscales a picture over the long-side limit and says so', async () => {
    const { store } = setup({ maxSide: 8 });
    const { file } = png(20, 10);
    const r = await store.add(fileOf(file, 'wide.png'));
    expect(r.ok && r.note).toBe('“wide.png” is 20×10 pixels; it is used at 8×4.');
    expect(r.ok && r.meta).toMatchObject({ width: 20, height: 10 });
    const image = await store.decode(sha(file));
    expect([image?.width, image?.height]).toEqual([8, 4]);
    // Thumbnails ask for a smaller side of their own.
    expect((await store.decode(sha(file), 2))?.width).toBe(2);
  });

  const { file: good } = png(4, 4);
  const brokenIdat = (() => {
    const b = good.slice();
    b[45]! ^= 0xff; // inside IDAT: the CRC no longer matches, the decoder refuses it
    return b;
  })();
  const hugeHeader = (() => {
    const b = good.slice();
    new DataView(b.buffer).setUint32(16, 20_000);
    new DataView(b.buffer).setUint32(20, 20_000);
    return b;
  })();

  it.each([
    ['a text file', text('hello'), 'notes.txt', '“notes.txt” is not a picture: Ganvas takes PNG, JPEG and WebP files. It was not added.'],
    ['a graph file', text('{"format":"ganvas-graph"}'), 'g.ganvas.json', '“g.ganvas.json” is not a picture: Ganvas takes PNG, JPEG and WebP files. It was not added.'],
    ['a GIF', text('GIF89a\u0001\u0000'), 'cat.gif', '“cat.gif” is a GIF file: Ganvas takes PNG, JPEG and WebP pictures. Save it in one of those and add it again.'],
    ['a truncated PNG', good.subarray(0, 20), 'cut.png', '“cut.png” looks like a PNG but could not be read: the file seems damaged. It was not added.'],
    ['a PNG whose data is damaged', brokenIdat, 'bad.png', '“bad.png” looks like a PNG but could not be read: the file seems damaged. It was not added.'],
    ['a JPEG that does not decode', Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 4, 0, 4, 1, 1, 0x11, 0]), 'x.jpg', '“x.jpg” looks like a JPEG but could not be read: the file seems damaged. It was not added.'],
    ['a picture of 400 megapixels', hugeHeader, 'big.png', '“big.png” is 20000×20000 pixels, more than the 100 megapixels Ganvas decodes. Make it smaller and add it again.'],
  ])('refuses %s with a sentence and stores nothing', async (_what, bytes, name, message) => {
    const { kv, store } = setup();
    await expect(store.add(fileOf(bytes, name))).resolves.toEqual({ ok: false, message });
    expect(kv.map.size).toBe(0);
  });

  it('refuses a file over the byte limit before reading it, with its size', async () => {
    const { kv, store } = setup();
    const file = fileOf(good, 'scan.png');
    Object.defineProperty(file, 'size', { value: 63.2 * 1024 * 1024 });
    Object.defineProperty(file, 'arrayBuffer', {
      value: () => {
        throw new Error('read');
      },
    });
    await expect(store.add(file)).resolves.toEqual({ ok: false, message: '“scan.png” is 63.2 MB; a picture may be at most 50.0 MB. It was not added.' });
    expect(kv.map.size).toBe(0);
    // The limit holds for bytes from elsewhere (a graph file's pictures) too.
    const small = setup({ maxBytes: 10 });
    await expect(small.store.addBytes('p.png', good)).resolves.toMatchObject({ ok: false, message: expect.stringContaining('at most 0.0 MB') });
  });

  it('says so when storage fails, and when a file cannot be read', async () => {
    const failing: Kv = { ...memoryKv(), set: () => Promise.reject(new Error('QuotaExceededError')) };
    const store = createPictureStore(failing, nodeDecode);
    const r = await store.add(fileOf(good, 'p.png'));
    expect(r).toEqual({ ok: false, message: 'Pictures cannot be stored in this browser (Error: QuotaExceededError); nothing was added.' });
    const gone = fileOf(good, 'gone.png');
    Object.defineProperty(gone, 'arrayBuffer', { value: () => Promise.reject(new DOMException('gone', 'NotFoundError')) });
    await expect(setup().store.add(gone)).resolves.toEqual({ ok: false, message: '“gone.png” could not be read; it was not added.' });
  });

  it('treats a damaged stored record as absent', async () => {
    const kv = memoryKv({ 'meta:aa': { name: 1 }, 'meta:bb': { name: 'b', mime: 'image/png', width: 1, height: 1, size: 1 }, 'data:bb': 'not bytes' });
    const store = createPictureStore(kv, nodeDecode);
    expect(await store.meta('aa')).toBeUndefined();
    expect(await store.file('bb')).toBeUndefined();
    await expect(store.loadImagesFor(docWith([['aa', 'bb']]))).resolves.toEqual({ images: {}, missing: ['aa', 'bb'] });
  });
});

describe('loadImagesFor', () => {
  it('decodes every picture the image-set nodes name, networks included, each once; lists the missing', async () => {
    const { store } = setup();
    const a = png(3, 3);
    const b = png(2, 4);
    const ida = (await store.addBytes('a.png', a.file)).ok ? sha(a.file) : '';
    const idb = (await store.addBytes('b.png', b.file)).ok ? sha(b.file) : '';
    const doc = docWith([[ida, 'gone'], [ida]], [idb]);
    expect(pictureIdsOf(doc)).toEqual([ida, 'gone', idb]);
    const r = await store.loadImagesFor(doc);
    expect(r.missing).toEqual(['gone']);
    expect(Object.keys(r.images).sort()).toEqual([ida, idb].sort());
    expect(r.images[ida]).toEqual({ width: 3, height: 3, data: new Uint8ClampedArray(a.pixels) });
    expect(r.images[idb]).toEqual({ width: 2, height: 4, data: new Uint8ClampedArray(b.pixels) });
  });

  it('gives nothing for a document without pictures, and ignores ids that are not strings', async () => {
    const { store } = setup();
    const doc = docWith([]);
    doc.nodes.push({ id: 'odd', type: 'image-set', position: { x: 0, y: 0 }, params: { images: [3, null, ''] } });
    await expect(store.loadImagesFor(doc)).resolves.toEqual({ images: {}, missing: [] });
  });
});
