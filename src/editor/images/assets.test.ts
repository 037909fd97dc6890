import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../tests/png-reader';
import { emptyDoc, zAssets, type GraphDoc } from '../../graph/schema';
import { encodePng } from '../../runtime/png';
import { memoryKv } from '../persist/kv';
import { assetsFor, fromBase64, storeAssets, toBase64 } from './assets';
import { createPictureStore, type Decode } from './picture-store';

const decode: Decode = async (bytes, mime) => {
  if (mime !== 'image/png') throw new Error('only PNG');
  const p = decodePng(bytes);
  return { width: p.width, height: p.height, image: { width: p.width, height: p.height, data: new Uint8ClampedArray(p.pixels) } };
};
const png = (w: number, v: number) => encodePng({ width: w, height: 2, pixels: new Uint8Array(w * 2 * 4).fill(v) }, (d) => deflateSync(d));

function docNaming(ids: string[]): GraphDoc {
  const doc = emptyDoc('With pictures');
  doc.nodes = [{ id: 'set', type: 'image-set', position: { x: 0, y: 0 }, params: { images: ids } }];
  return doc;
}

describe('base64', () => {
  it('agrees with Buffer for lengths around the chunk size', () => {
    for (const n of [0, 1, 2, 3, 29_999, 30_000, 30_001, 100_000]) {
      const b = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      const text = toBase64(b);
      expect(text).toBe(Buffer.from(b).toString('base64'));
      expect(fromBase64(text)).toEqual(b);
    }
  });

  it.each(['abc', 'ab$=', '====', 'YQ==YQ==', 'YQ=\n='])('refuses %j', (text) => {
    expect(fromBase64(text)).toBeUndefined();
  });
});

describe('pictures in graph files', () => {
  it('exports the pictures a graph names and imports them into another browser unchanged', async () => {
    const here = createPictureStore(memoryKv(), decode);
    const a = await here.addBytes('a.png', png(3, 10));
    const b = await here.addBytes('b.png', png(4, 200));
    if (!a.ok || !b.ok) throw new Error('not added');
    const { assets, missing } = await assetsFor(docNaming([a.id, 'elsewhere', b.id]), here);
    expect(missing).toBe(1);
    expect(assets).toEqual({
      [a.id]: { mime: 'image/png', name: 'a.png', data: Buffer.from(png(3, 10)).toString('base64') },
      [b.id]: { mime: 'image/png', name: 'b.png', data: Buffer.from(png(4, 200)).toString('base64') },
    });
    // What goes into the file passes the schema, through JSON.
    expect(zAssets.safeParse(JSON.parse(JSON.stringify(assets))).success).toBe(true);

    const kv = memoryKv();
    const there = createPictureStore(kv, decode);
    await expect(storeAssets(JSON.parse(JSON.stringify(assets)), there)).resolves.toEqual({ stored: [a.id, b.id], problems: [] });
    expect((await there.file(a.id))?.bytes).toEqual(png(3, 10));
    expect(await there.meta(b.id)).toEqual({ name: 'b.png', mime: 'image/png', width: 4, height: 2, size: png(4, 200).length });
  });

  it('leaves out, with a sentence each, pictures that are damaged, not pictures or not what their id says', async () => {
    const store = createPictureStore(memoryKv(), decode);
    const real = png(2, 5);
    const right = await createPictureStore(memoryKv(), decode).addBytes('r.png', real);
    if (!right.ok) throw new Error('not added');
    const raw = {
      [right.id]: { mime: 'image/png', name: 'fine.png', data: toBase64(real) },
      '0123456789abcdef0123456789abcdef': { mime: 'image/png', name: 'swapped.png', data: toBase64(png(2, 6)) },
      aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: { mime: 'image/png', name: 'garbled.png', data: 'not base64!' },
      bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: { mime: 'image/png', name: 'text.png', data: toBase64(new TextEncoder().encode('hello')) },
      cccccccccccccccccccccccccccccccc: { mime: 'image/gif', data: toBase64(real) },
      'NOT-AN-ID': { mime: 'image/png', name: 'odd-id.png', data: toBase64(real) },
    };
    const r = await storeAssets(raw, store);
    expect(r.stored).toEqual([right.id]);
    expect(r.problems).toEqual([
      'The picture “swapped.png” in the file does not match its id and was left out.',
      'The picture “garbled.png” in the file is damaged and was left out.',
      '“text.png” is not a picture: Ganvas takes PNG, JPEG and WebP files. It was not added.',
      'The picture “cccccccccccccccccccccccccccccccc” in the file is damaged and was left out.',
      'The picture “odd-id.png” in the file is damaged and was left out.',
    ]);
  });

  it('ignores an assets field that is not a map', async () => {
    const store = createPictureStore(memoryKv(), decode);
    for (const raw of [undefined, null, 3, 'x', [1, 2]]) await expect(storeAssets(raw, store)).resolves.toEqual({ stored: [], problems: [] });
  });
});
