/**
 * Copy, paste and duplicate in the built editor through the real system clipboard, and the
 * keyboard shortcuts overlay ("?" or the top bar's button; Escape closes it).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { say } from '../../src/nodes/messages';
import { parseGraphDoc } from '../../src/graph/parse';
import { fitView, graph, importFile, node, notice, shot, wire, wireOf, type Editor } from './editor-page';
import { editorSuite } from './suite';

const suite = editorSuite();
let editor: Editor | undefined;

const small = graph(
  'Clipboard',
  [
    { id: 'waves', type: 'sinus', label: 'Waves', position: { x: 0, y: 0 }, params: {} },
    { id: 'show', type: 'preview', label: 'Show', position: { x: 360, y: 0 }, params: {} },
  ],
  [wireOf('waves', 'out', 'show', 'in')],
);

/** The editor with the small graph open and the clipboard allowed. */
async function openSmall(): Promise<Page> {
  editor = await suite.open();
  await editor.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page } = editor;
  await importFile(page, 'clipboard.ganvas.json', small);
  await page.getByRole('button', { name: 'Training graph: Clipboard' }).waitFor();
  await fitView(page);
  return page;
}

const card = (page: Page, id: string) => page.getByTestId(`rf__node-${id}`);
const isSelected = async (page: Page, id: string) => ((await card(page, id).getAttribute('class')) ?? '').split(/\s+/).includes('selected');

describe('copy and paste in the editor', () => {
  it('copies a node to the clipboard as a graph, pastes a selected copy with a fresh id, and undo removes it', async () => {
    const page = await openSmall();
    await node(page, 'Waves').click({ position: { x: 8, y: 6 } });
    await expect.poll(() => isSelected(page, 'waves')).toBe(true);
    await page.keyboard.press('Control+c');
    // What another tab would receive: a graph document holding just that node.
    const readClipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await expect.poll(readClipboard).toContain('ganvas-graph');
    const text = await readClipboard();
    const copied = parseGraphDoc(text).doc!;
    expect(copied.nodes.map((n) => n.id)).toEqual(['waves']);
    expect(copied.edges).toEqual([]);

    await page.keyboard.press('Control+v');
    await card(page, 'waves-2').waitFor();
    await expect(node(page, 'Waves').count()).resolves.toBe(2);
    await expect.poll(() => isSelected(page, 'waves-2')).toBe(true);
    expect(await isSelected(page, 'waves')).toBe(false);
    // The copy lands beside its original, not on top of it.
    const a = (await card(page, 'waves').boundingBox())!;
    const b = (await card(page, 'waves-2').boundingBox())!;
    expect(b.x).toBeGreaterThan(a.x);
    expect(b.y).toBeGreaterThan(a.y);
    await shot(page, '20-pasted');

    await page.keyboard.press('Control+z');
    await expect.poll(() => card(page, 'waves-2').count()).toBe(0);
    await expect(node(page, 'Waves').count()).resolves.toBe(1);
    expect(editor!.log.errors).toEqual([]);
  }, 90_000);

  it('duplicates two connected nodes with the wire between them', async () => {
    const page = await openSmall();
    await node(page, 'Waves').click({ position: { x: 8, y: 6 } });
    await node(page, 'Show').click({ position: { x: 8, y: 6 }, modifiers: ['Control'] });
    await expect.poll(async () => [await isSelected(page, 'waves'), await isSelected(page, 'show')]).toEqual([true, true]);
    await page.keyboard.press('Control+d');
    await card(page, 'waves-2').waitFor();
    await card(page, 'show-2').waitFor();
    await wire(page, 'waves-2', 'show-2').waitFor({ state: 'attached' });
    await expect(wire(page, 'waves', 'show').count()).resolves.toBe(1);
    await expect(wire(page, 'waves', 'show-2').count()).resolves.toBe(0);
    await expect.poll(async () => [await isSelected(page, 'waves-2'), await isSelected(page, 'show-2'), await isSelected(page, 'waves')]).toEqual([true, true, false]);
    await fitView(page);
    await shot(page, '21-duplicated');
    expect(editor!.log.errors).toEqual([]);
  }, 90_000);

  it('pastes nothing from text that is not a graph, and says so', async () => {
    const page = await openSmall();
    await page.evaluate(() => navigator.clipboard.writeText('just some words'));
    await page.getByRole('button', { name: 'Fit View' }).focus();
    await page.keyboard.press('Control+v');
    await notice(page).getByText(say('pasteNothing', {})).waitFor();
    await expect(page.locator('.react-flow__node').count()).resolves.toBe(2);
    await expect(page.getByRole('button', { name: 'Undo' }).isDisabled()).resolves.toBe(true);
  }, 90_000);
});

describe('the keyboard shortcuts overlay', () => {
  it('opens with "?" and from the top bar, lists every shortcut and closes with Escape', async () => {
    const page = await openSmall();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await page.keyboard.press('?');
    await dialog.waitFor();
    const rows = await dialog.getByRole('row').allInnerTexts();
    for (const want of [/Ctrl\+Z\s+Undo/, /Ctrl\+Shift\+Z or Ctrl\+Y\s+Redo/, /Delete or Backspace/, /Ctrl\+C\s+Copy/, /Ctrl\+V\s+Paste/, /Ctrl\+D\s+Duplicate/, /Search nodes/, /\?\s+Show or hide/])
      expect(rows.some((r) => want.test(r)), String(want)).toBe(true);
    await shot(page, '22-shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await dialog.waitFor();
    await page.getByRole('button', { name: 'Close keyboard shortcuts' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Typing "?" into a field types it, and opens nothing.
    await page.getByLabel('Search nodes').fill('');
    await page.getByLabel('Search nodes').press('?');
    await expect(page.getByLabel('Search nodes').inputValue()).resolves.toBe('?');
    await expect(dialog.count()).resolves.toBe(0);
    expect(editor!.log.errors).toEqual([]);
  }, 90_000);
});
