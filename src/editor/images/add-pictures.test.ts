import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../tests/png-reader';
import { emptyDoc } from '../../graph/schema';
import { encodePng } from '../../runtime/png';
import { memoryKv } from '../persist/kv';
import { createEditorStore } from '../store/store';
import { addPictures, removePicture } from './add-pictures';
import { createPictureIndex } from './picture-index';
import { createPictureStore, type Decode } from './picture-store';

const decode: Decode = async (bytes) => {
  const p = decodePng(bytes);
  return { width: p.width, height: p.height, image: { width: p.width, height: p.height, data: new Uint8ClampedArray(p.pixels) } };
};
const png = (v: number) => new File([encodePng({ width: 2, height: 2, pixels: new Uint8Array(16).fill(v) }, (d) => deflateSync(d)) as Uint8Array<ArrayBuffer>], `p${v}.png`);
const text = new File(['hello'], 'notes.txt');

function setup(images: string[] = []) {
  const doc = emptyDoc('Set');
  doc.nodes = [
    { id: 'set', type: 'image-set', position: { x: 0, y: 0 }, params: { images, paired: 'left' } },
    { id: 'other', type: 'image-set', position: { x: 0, y: 0 }, params: {} },
  ];
  const editor = createEditorStore(doc);
  const pictures = createPictureStore(memoryKv(), decode);
  return { editor, pictures, index: createPictureIndex(pictures) };
}
const imagesOf = (s: ReturnType<typeof setup>, id = 'set') => s.editor.getState().doc.nodes.find((n) => n.id === id)!.params.images;

describe('adding pictures to an image-set node', () => {
  it('appends the files it takes in one undoable edit, keeps other params, and says what it refused', async () => {
    const s = setup(['kept']);
    const r = await addPictures(s.editor, 'set', [png(1), text, png(2)], s.pictures, s.index);
    expect(r.added).toHaveLength(2);
    expect(r.errors).toEqual(['“notes.txt” is not a picture: Ganvas takes PNG, JPEG and WebP files. It was not added.']);
    expect(imagesOf(s)).toEqual(['kept', ...r.added]);
    expect(s.editor.getState().doc.nodes[0]!.params.paired).toBe('left');
    expect(imagesOf(s, 'other')).toBeUndefined();
    expect(s.editor.getState().past.map((p) => p.label)).toEqual(['Add 2 images']);
    expect(s.index.entries.getState()[r.added[0]!]).toMatchObject({ state: 'present', meta: { name: 'p1.png' } });
    s.editor.getState().undo();
    expect(imagesOf(s)).toEqual(['kept']);
  });

  it('changes nothing when every file is refused', async () => {
    const s = setup();
    const before = s.editor.getState().doc;
    const r = await addPictures(s.editor, 'set', [text], s.pictures, s.index);
    expect(r.added).toEqual([]);
    expect(s.editor.getState().doc).toBe(before);
    expect(s.editor.getState().past).toEqual([]);
  });

  it('adds a picture once; the same bytes again are noted, and a missing one found again says so', async () => {
    const s = setup();
    const first = await addPictures(s.editor, 'set', [png(3), png(3)], s.pictures, s.index);
    expect(first.added).toHaveLength(1);
    expect(first.notes).toEqual(['“p3.png” is already in this set.']);
    // A graph naming a picture this browser lacks: the index marks it missing; the same file dropped finds it.
    const id = first.added[0]!;
    const other = setup([id]);
    other.index.request([id]);
    await expect.poll(() => other.index.entries.getState()[id]?.state).toBe('missing');
    const again = await addPictures(other.editor, 'set', [png(3)], other.pictures, other.index);
    expect(again).toEqual({ added: [], errors: [], notes: ['“p3.png” is the picture this set was missing; it is back.'] });
    expect(other.index.entries.getState()[id]?.state).toBe('present');
    expect(other.editor.getState().past).toEqual([]);
  });

  it('removes the picture at a position, undoably', () => {
    const s = setup(['a', 'b', 'c']);
    removePicture(s.editor, 'set', 1);
    expect(imagesOf(s)).toEqual(['a', 'c']);
    removePicture(s.editor, 'set', 7);
    expect(s.editor.getState().past.map((p) => p.label)).toEqual(['Remove image']);
    s.editor.getState().undo();
    expect(imagesOf(s)).toEqual(['a', 'b', 'c']);
  });
});
