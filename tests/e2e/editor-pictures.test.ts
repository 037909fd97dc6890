/**
 * The user's own pictures in the built editor, in a real Chromium: a PNG added through the
 * inspector's picker shows as a thumbnail holding exactly its pixels and is still there after a
 * reload; files dropped on an image-set node are added (JPEG and WebP made by the browser, a
 * huge PNG downscaled) or refused with a message on the node; a graph naming a picture this
 * browser lacks says "image missing" and finds it when it is dropped; export with pictures
 * carries them into another browser.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/runtime/png';
import { train, waitForStep } from './training-page';
import { counts, exportFile, graph, importFile, wireOf, inspector, node, notice, ready, shot } from './editor-page';
import { editorSuite } from './suite';

const suite = editorSuite();

/** A w×h PNG with a different colour at every pixel: (x·40, y·60, 90 + x + y). */
function picture(w: number, h: number) {
  const pixels = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pixels.set([(x * 40) & 255, (y * 60) & 255, (90 + x + y) & 255, 255], (y * w + x) * 4);
  return { pixels, file: Buffer.from(encodePng({ width: w, height: h, pixels }, (d) => deflateSync(d))) };
}
const idOf = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 32);

const setGraph = (title: string, images: string[] = []) =>
  graph(
    title,
    [
      // Photos in the middle, clear of the canvas's toolbars.
      { id: 'z', type: 'noise', position: { x: 0, y: 0 }, params: {} },
      { id: 'photos', type: 'image-set', label: 'Photos', position: { x: 360, y: 160 }, params: { images, size: 16 } },
      { id: 'look', type: 'preview', position: { x: 760, y: 160 }, params: {} },
    ],
    [wireOf('photos', 'out', 'look', 'in')],
  );

async function open(path = ''): Promise<Page> {
  return (await suite.open(path)).page;
}

/** Drops files on a locator as a drag from the desktop would: dragover, then drop, carrying Files. */
async function dropFiles(page: Page, target: Locator, files: { name: string; type: string; data: Buffer | string }[]): Promise<void> {
  const dt = await page.evaluateHandle(
    async (fs) => {
      const dt = new DataTransfer();
      for (const f of fs) {
        // A string names a format for the page to encode itself (JPEG, WebP from a canvas).
        const blob = f.data.startsWith('encode:')
          ? await (() => {
              const c = new OffscreenCanvas(40, 30);
              const g = c.getContext('2d')!;
              g.fillStyle = '#c33';
              g.fillRect(0, 0, 40, 30);
              g.fillStyle = '#36c';
              g.fillRect(20, 0, 20, 30);
              return c.convertToBlob({ type: f.type, quality: 0.9 });
            })()
          : new Blob([Uint8Array.from(atob(f.data), (ch) => ch.charCodeAt(0))]);
        dt.items.add(new File([blob], f.name, { type: f.type }));
      }
      return dt;
    },
    files.map((f) => ({ ...f, data: typeof f.data === 'string' ? f.data : f.data.toString('base64') })),
  );
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
}

/** The RGBA pixels a thumbnail canvas holds. */
const canvasPixels = (l: Locator) =>
  l.evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height, data: Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data) }));

describe('pictures in the editor', () => {
  it('adds a PNG through the picker: thumbnail with its exact pixels, one undoable edit, still there after a reload', async () => {
    const page = await open();
    await importFile(page, 'photos.ganvas.json', setGraph('My photos'));
    const card = node(page, 'Photos');
    await card.getByText('no images yet — drop some here').waitFor();
    await card.click({ position: { x: 40, y: 10 } });
    await inspector(page).getByRole('button', { name: 'Add images…' }).waitFor();
    await inspector(page).getByText('Set “Paired” below to use the left or the right half of each.', { exact: false }).waitFor();

    const { pixels, file } = picture(6, 4);
    await inspector(page).getByLabel('Choose image files to add').setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: file });
    const thumb = inspector(page).getByRole('img', { name: 'tiny.png, PNG 6×4' });
    await thumb.waitFor();
    await card.getByRole('img', { name: 'tiny.png' }).waitFor();
    await card.getByText('1 image').waitFor();
    await expect.poll(() => canvasPixels(thumb).then((p) => p.w)).toBe(6);
    expect(await canvasPixels(thumb)).toEqual({ w: 6, h: 4, data: Array.from(pixels) });
    await shot(page, 'pictures-1-added');

    // Stored by content hash, the original bytes kept.
    const stored = await page.evaluate(
      () =>
        new Promise<{ keys: string[]; bytes: number[] }>((resolve, reject) => {
          const req = indexedDB.open('ganvas-pictures');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction('pictures');
            const all = tx.objectStore('pictures').getAllKeys();
            tx.oncomplete = async () => {
              const keys = (all.result as string[]).sort();
              const data = req.result.transaction('pictures').objectStore('pictures').get(keys[0]!);
              data.onsuccess = () => resolve({ keys, bytes: Array.from(data.result as Uint8Array) });
            };
          };
        }),
    );
    expect(stored.keys).toEqual([`data:${idOf(file)}`, `meta:${idOf(file)}`]);
    expect(stored.bytes).toEqual(Array.from(file));

    // One edit: undo takes the picture out of the set, redo puts it back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await card.getByText('no images yet — drop some here').waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await card.getByRole('img', { name: 'tiny.png' }).waitFor();

    await page.waitForTimeout(800); // autosave
    await page.reload();
    await ready(page);
    await card.getByRole('img', { name: 'tiny.png' }).waitFor();
    await card.click({ position: { x: 40, y: 10 } });
    await thumb.waitFor();
    await expect.poll(() => canvasPixels(thumb).then((p) => p.data.length)).toBe(6 * 4 * 4);
    expect((await canvasPixels(thumb)).data).toEqual(Array.from(pixels));

    await inspector(page).getByRole('button', { name: 'Remove tiny.png' }).click();
    await card.getByText('no images yet — drop some here').waitFor();
    // A picture twice as wide as tall suggests an A|B pair: the inspector points to "Paired".
    await inspector(page).getByLabel('Choose image files to add').setInputFiles({ name: 'pair.png', mimeType: 'image/png', buffer: picture(12, 6).file });
    const hint = inspector(page).getByText('These pictures are twice as wide as they are tall');
    await hint.waitFor();
    await shot(page, 'pictures-1-pair-hint');
    await inspector(page).getByLabel('Paired', { exact: true }).selectOption('left');
    await expect.poll(() => hint.count()).toBe(0);
    await expect(counts(page).then((c) => c.errors)).resolves.toBe(0);
  });

  it('takes dropped JPEG, WebP and huge PNG files on the node; refuses a non-image and a damaged PNG there, changing nothing', async () => {
    const page = await open();
    await importFile(page, 'photos.ganvas.json', setGraph('Drops'));
    const card = node(page, 'Photos');
    await card.getByText('no images yet — drop some here').waitFor();

    await dropFiles(page, card, [{ name: 'notes.txt', type: 'text/plain', data: Buffer.from('hello, world') }]);
    const alert = card.getByRole('alert');
    await alert.getByText('“notes.txt” is not a picture: Ganvas takes PNG, JPEG and WebP files. It was not added.').waitFor();
    await card.getByText('no images yet — drop some here').waitFor();
    await expect(page.getByRole('button', { name: 'Undo' }).isDisabled()).resolves.toBe(true);
    await shot(page, 'pictures-2-not-an-image');
    // Beside the node, a drop is not the browser's to open: it says where pictures go.
    await dropFiles(page, page.locator('.react-flow__pane'), [{ name: 'lost.png', type: 'image/png', data: picture(2, 2).file }]);
    await notice(page).getByText('To add pictures, drop them on an Image set node').waitFor();
    await card.getByText('no images yet — drop some here').waitFor();

    const damaged = Buffer.from(picture(8, 8).file);
    damaged.fill(0x55, 40, damaged.length - 12); // the header survives, the pixel data does not
    await dropFiles(page, card, [{ name: 'broken.png', type: 'image/png', data: damaged }]);
    await alert.getByText('“broken.png” looks like a PNG but could not be read: the file seems damaged. It was not added.').waitFor();
    await card.getByRole('button', { name: 'Dismiss picture messages' }).click();
    await expect(alert.count()).resolves.toBe(0);

    await dropFiles(page, card, [
      { name: 'made.jpg', type: 'image/jpeg', data: 'encode:' },
      { name: 'made.webp', type: 'image/webp', data: 'encode:' },
      { name: 'wide.png', type: 'image/png', data: picture(3000, 100).file },
    ]);
    await card.getByText('“wide.png” is 3000×100 pixels; it is used at 2048×68.').waitFor();
    await card.getByText('3 images').waitFor();
    await card.getByRole('img', { name: 'made.jpg' }).waitFor();
    await card.getByRole('img', { name: 'made.webp' }).waitFor();
    await card.click({ position: { x: 40, y: 10 } });
    await inspector(page).getByRole('img', { name: 'made.jpg, JPEG 40×30' }).waitFor();
    await inspector(page).getByRole('img', { name: 'made.webp, WebP 40×30' }).waitFor();
    const wide = await canvasPixels(inspector(page).getByRole('img', { name: 'wide.png, PNG 3000×100' }));
    expect([wide.w, wide.h]).toEqual([96, 3]);
    // The browser's JPEG keeps the two halves' colours, near enough.
    const jpeg = await canvasPixels(inspector(page).getByRole('img', { name: 'made.jpg, JPEG 40×30' }));
    const at = (x: number, y: number) => jpeg.data.slice((y * jpeg.w + x) * 4, (y * jpeg.w + x) * 4 + 3);
    at(5, 15).forEach((v, c) => expect(Math.abs(v - [0xcc, 0x33, 0x33][c]!)).toBeLessThan(12));
    at(35, 15).forEach((v, c) => expect(Math.abs(v - [0x33, 0x66, 0xcc][c]!)).toBeLessThan(12));
    await shot(page, 'pictures-3-dropped');
  });

  it('shows a picture this browser lacks as "image missing", still compiles, and finds it when it is dropped', async () => {
    const { file } = picture(5, 5);
    const page = await open();
    await importFile(page, 'shared.ganvas.json', setGraph('From a friend', [idOf(file)]));
    const card = node(page, 'Photos');
    await card.getByText('image missing — drop one here').waitFor();
    await expect(counts(page).then((c) => c.errors)).resolves.toBe(0);
    await card.click({ position: { x: 40, y: 10 } });
    await inspector(page).getByText('(1, 1 missing)').waitFor();
    await shot(page, 'pictures-4-missing');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await shot(page, 'pictures-4-missing-light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();

    await dropFiles(page, card, [{ name: 'found.png', type: 'image/png', data: file }]);
    await card.getByText('“found.png” is the picture this set was missing; it is back.').waitFor();
    await card.getByRole('img', { name: 'found.png' }).waitFor();
    await expect(card.getByText('image missing — drop one here').count()).resolves.toBe(0);
    await shot(page, 'pictures-5-found');
  });

  it('exports the graph with its pictures, and another browser imports them', async () => {
    const { pixels, file } = picture(4, 3);
    const page = await open();
    await importFile(page, 'photos.ganvas.json', setGraph('Travelling'));
    const card = node(page, 'Photos');
    await dropFiles(page, card, [{ name: 'mine.png', type: 'image/png', data: file }]);
    await card.getByRole('img', { name: 'mine.png' }).waitFor();
    await page.getByRole('checkbox', { name: 'with pictures' }).waitFor();
    const out = await exportFile(page);
    const parsed = JSON.parse(out.text);
    expect(parsed.nodes.find((n: { id: string }) => n.id === 'photos').params.images).toEqual([idOf(file)]);
    expect(parsed.assets).toEqual({ [idOf(file)]: { mime: 'image/png', name: 'mine.png', data: file.toString('base64') } });
    await page.getByRole('checkbox', { name: 'with pictures' }).uncheck();
    expect(JSON.parse((await exportFile(page)).text).assets).toBeUndefined();

    const other = await open();
    await importFile(other, out.name, out.text);
    await notice(other).getByText(`Opened ${out.name}, with remarks: Stored 1 picture from the file in this browser.`).waitFor();
    const there = node(other, 'Photos');
    await there.getByRole('img', { name: 'mine.png' }).waitFor();
    await there.click({ position: { x: 40, y: 10 } });
    const thumb = inspector(other).getByRole('img', { name: 'mine.png, PNG 4×3' });
    await thumb.waitFor();
    await expect.poll(() => canvasPixels(thumb).then((p) => p.data)).toEqual(Array.from(pixels));
    await shot(other, 'pictures-6-imported');
    for (const e of suite.editors) expect(e.log.errors).toEqual([]);
  });

  it('trains with the picture: the worker gets exactly its pixels; without it, mid-grey', async () => {
    const { pixels, file } = picture(8, 8);
    const trainGraph = (images: string[]) =>
      graph(
        'Trains on my picture',
        [
          { id: 'photos', type: 'image-set', label: 'Photos', position: { x: 0, y: 0 }, params: { images, size: 8, range: '[0,1]', order: 'sequential', batch: 1 } },
          { id: 'canvas', type: 'trainable-image', position: { x: 300, y: 200 }, params: { size: 8, channels: 3, range: '[0,1]', init: 'input' } },
          { id: 'tv', type: 'tv', position: { x: 600, y: 200 }, params: {} },
          { id: 'opt', type: 'adam', position: { x: 900, y: 200 }, params: { trains: { networks: [], images: ['canvas'] } } },
          { id: 'look', type: 'preview', position: { x: 300, y: 0 }, params: {} },
        ],
        [wireOf('photos', 'out', 'canvas', 'init'), wireOf('canvas', 'out', 'tv', 'in'), wireOf('tv', 'loss', 'opt', 'loss'), wireOf('photos', 'out', 'look', 'in')],
      );
    const firstPreview = (page: Page) => canvasPixels(page.locator('.gn-preview canvas').first());

    const page = await open();
    await importFile(page, 'mine.ganvas.json', trainGraph([]));
    await dropFiles(page, node(page, 'Photos'), [{ name: 'eight.png', type: 'image/png', data: file }]);
    await node(page, 'Photos').getByRole('img', { name: 'eight.png' }).waitFor();
    await train(page, 'wasm', 2, 1);
    await waitForStep(page, 2, 90_000);
    await page.locator('.gn-preview canvas').first().waitFor();
    const seen = await firstPreview(page);
    expect([seen.w, seen.h]).toEqual([8, 8]);
    // [0,1] values back to bytes: within one level of the file's own.
    seen.data.forEach((v, i) => expect(Math.abs(v - pixels[i]!), `byte ${i}`).toBeLessThanOrEqual(1));
    await shot(page, 'pictures-7-trained');

    const lacking = await open();
    await importFile(lacking, 'mine.ganvas.json', trainGraph([idOf(file)]));
    await node(lacking, 'Photos').getByText('image missing — drop one here').waitFor();
    await train(lacking, 'wasm', 2, 1);
    await waitForStep(lacking, 2, 90_000);
    await lacking.locator('.gn-preview canvas').first().waitFor();
    const grey = await firstPreview(lacking);
    grey.data.forEach((v, i) => expect(Math.abs(v - (i % 4 === 3 ? 255 : 127.5)), `byte ${i}`).toBeLessThanOrEqual(1));
  }, 240_000);
});
