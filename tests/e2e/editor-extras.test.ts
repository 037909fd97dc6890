/**
 * The built editor: the presets gallery (every preset with a title, description and
 * thumbnail, each opening as a new graph), notes rendered as safe Markdown, graph files
 * dropped on the canvas, and a template network's settings edited after placement.
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickEmptyCanvas, counts, gallery, graph, inspector, node, notice, shot, storage, type Editor } from './editor-page';
import { editorSuite } from './suite';

const suite = editorSuite();
let editor: Editor | undefined;

const presetFiles = (readdirSync('presets', { recursive: true }) as string[]).filter((f) => f.endsWith('.ganvas.json'));

/** Drops a file on the canvas's empty pane, as a drag from the desktop would. */
async function dropOnCanvas(page: Page, name: string, type: string, text: string): Promise<void> {
  const dt = await page.evaluateHandle(([n, t, body]) => {
    const d = new DataTransfer();
    d.items.add(new File([body!], n!, { type: t! }));
    return d;
  }, [name, type, text]);
  const pane = page.locator('.react-flow__pane');
  await pane.dispatchEvent('dragover', { dataTransfer: dt });
  await pane.dispatchEvent('drop', { dataTransfer: dt });
}

describe('editor extras', () => {
  it('the gallery shows every preset with a title, description and thumbnail; one opens as a new graph', async () => {
    editor = await suite.open();
    const { page } = editor;
    await page.getByRole('button', { name: 'Presets…' }).click();
    await gallery(page).waitFor();
    const cards = gallery(page).getByRole('button', { name: /^Open the preset / });
    await expect(cards.count()).resolves.toBe(presetFiles.length);
    for (const card of await cards.all()) {
      await expect(card.locator('strong').innerText()).resolves.not.toBe('');
      await expect(card.locator('.preset-desc').innerText()).resolves.not.toBe('');
      await expect(card.locator('svg.preset-thumb rect, img.preset-thumb').count()).resolves.toBeGreaterThan(0);
    }
    await shot(page, '30-gallery');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.getByRole('button', { name: 'Presets…' }).click();
    await shot(page, '30-gallery-light');
    await page.keyboard.press('Escape');
    // Focus went back to the Presets… button, where Space presses the button: the canvas first.
    await clickEmptyCanvas(page);
    await page.keyboard.press('Space');
    await page.getByRole('dialog', { name: 'Add a node' }).waitFor();
    await shot(page, '30-quick-add-light');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(gallery(page).count()).resolves.toBe(0);

    const before = await storage(page);
    await page.getByRole('button', { name: 'Presets…' }).click();
    const title = await cards.nth(1).locator('strong').innerText();
    await cards.nth(1).click();
    await notice(page).getByText(`Opened the preset “${title}” as a new graph.`).waitFor();
    await page.getByRole('button', { name: `Training graph: ${title}` }).waitFor();
    expect(await counts(page)).toEqual({ errors: 0, warnings: 0 });
    // A new graph beside the one that was open, which is still there.
    await expect.poll(async () => (await storage(page)).docs.length).toBe(before.docs.length + 1);
    expect((await storage(page)).docs).toEqual(expect.arrayContaining(before.docs));
    expect(editor.log.errors).toEqual([]);
    expect(editor.log.outside).toEqual([]);
  });

  it('notes show Markdown as formatting and markup or script as text', async () => {
    const text = '# Read me\nSome **bold** and *soft* words, `code`, a [paper](https://arxiv.org/abs/1611.07004) and [bad](javascript:alert(1)).\n\n- one\n- two\n\n<script>window.pwned = 1</script><img src=x onerror="window.pwned=2">';
    const doc = graph('Notes', [{ id: 'n', type: 'note', position: { x: 0, y: 0 }, params: { text, width: 360, height: 240 } }]);
    editor = await suite.open();
    const { page } = editor;
    await dropOnCanvas(page, 'notes.ganvas.json', 'application/json', JSON.stringify(doc));
    await page.getByRole('button', { name: 'Training graph: Notes' }).waitFor();
    const note = page.getByRole('note', { name: 'Note: Read me' });
    await note.waitFor();
    await expect(note.getByRole('heading', { name: 'Read me' }).count()).resolves.toBe(1);
    await expect(note.locator('strong').innerText()).resolves.toBe('bold');
    await expect(note.locator('em').innerText()).resolves.toBe('soft');
    await expect(note.getByRole('listitem').allInnerTexts()).resolves.toEqual(['one', 'two']);
    const link = note.getByRole('link', { name: 'paper' });
    await expect(link.getAttribute('href')).resolves.toBe('https://arxiv.org/abs/1611.07004');
    await expect(link.getAttribute('rel')).resolves.toContain('noopener');
    await expect(note.getByRole('link').count()).resolves.toBe(1);
    await expect(note.innerText()).resolves.toContain('<script>window.pwned = 1</script><img src=x onerror="window.pwned=2">');
    await expect(note.locator('script, img').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).resolves.toBeUndefined();
    await shot(page, '31-note-markdown');
    expect(editor.log.errors).toEqual([]);
  });

  it('a graph file dropped on the canvas opens as a new graph; a broken one says why and changes nothing', async () => {
    editor = await suite.open();
    const { page } = editor;
    const title = await page.getByRole('button', { name: /^Training graph:/ }).innerText();
    const before = await storage(page);
    await dropOnCanvas(page, 'broken.ganvas.json', 'application/json', '{"format": "ganvas-graph", "version": 1, "nodes": [');
    await notice(page).getByText('broken.ganvas.json could not be opened; nothing was changed.').waitFor();
    await expect(notice(page).getByRole('listitem').first().innerText()).resolves.toMatch(/not valid JSON/);
    await shot(page, '32-drop-broken');
    await expect(page.getByRole('button', { name: /^Training graph:/ }).innerText()).resolves.toBe(title);
    expect((await storage(page)).docs).toEqual(before.docs);
    const doc = graph('Dropped', [{ id: 'w', type: 'sinus', label: 'Waves', position: { x: 0, y: 0 }, params: {} }]);
    await dropOnCanvas(page, 'dropped.ganvas.json', 'application/json', JSON.stringify(doc));
    await page.getByRole('button', { name: 'Training graph: Dropped' }).waitFor();
    await node(page, 'Waves').waitFor();
    await expect.poll(async () => (await storage(page)).docs.length).toBe(before.docs.length + 1);
    expect(editor.log.errors).toEqual([]);
  });

  it('edits a template network’s settings from its call site, rebuilding its blocks in one undo step', async () => {
    editor = await suite.open();
    const { page } = editor;
    await node(page, 'G(x)').click();
    const settings = inspector(page).getByRole('region', { name: 'U-Net settings' });
    await settings.waitFor();
    const depth = settings.getByLabel('Depth', { exact: true });
    await expect(depth.inputValue()).resolves.not.toBe('');
    const was = Number(await depth.inputValue());
    await depth.fill(String(was - 1));
    await depth.press('Enter');
    await expect.poll(() => depth.inputValue()).toBe(String(was - 1));
    await shot(page, '33-template-settings');
    await inspector(page).getByRole('button', { name: 'Open network' }).click();
    await node(page, `Down ${was - 1}`).waitFor();
    await expect(node(page, `Down ${was}`).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await node(page, `Down ${was}`).waitFor();
    expect(editor.log.errors).toEqual([]);
  });
});
