/**
 * "My graphs" in the built editor: the dialog lists the stored graphs newest first with the
 * open one marked, renames inline (the open graph's title too, and autosave keeps it),
 * duplicates, deletes after an inline confirmation, and opens a graph onto the canvas;
 * deleting the open graph opens the next one, or a new empty graph when none is left.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { node, openPreset, ready, shot, storage, type Editor } from './editor-page';
import { editorSuite } from './suite';

const suite = editorSuite();
let editor: Editor | undefined;

const DEFAULT = 'Colourise: grey → colour (pix2pix)';
const DCGAN = 'dcgan-28 (reference workload C)';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'My graphs' });
const titles = (page: Page) => dialog(page).getByRole('listitem').locator('.title').allInnerTexts();
const row = (page: Page, title: string) => dialog(page).getByRole('listitem', { name: title, exact: true });
const topTitle = (page: Page, title: string) => page.getByRole('button', { name: `Training graph: ${title}`, exact: true });

async function openMyGraphs(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'My graphs', exact: true }).click();
  await dialog(page).getByRole('list', { name: 'Graphs' }).waitFor();
}

async function rename(page: Page, from: string, to: string, key: 'Enter' | 'Escape' = 'Enter'): Promise<void> {
  await dialog(page).getByRole('button', { name: `Rename “${from}”`, exact: true }).click();
  const field = dialog(page).getByRole('textbox', { name: `New title for “${from}”`, exact: true });
  await expect(field.inputValue()).resolves.toBe(from);
  await field.fill(to);
  await field.press(key);
  await field.waitFor({ state: 'detached' });
}

async function confirmDelete(page: Page, title: string): Promise<void> {
  await dialog(page).getByRole('button', { name: `Delete “${title}”`, exact: true }).click();
  const confirm = dialog(page).getByRole('group', { name: `Confirm deleting “${title}”` });
  await confirm.getByText(`Delete “${title}”? This cannot be undone.`).waitFor();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await row(page, title).waitFor({ state: 'detached' });
}

describe('My graphs', () => {
  // The list is read back from IndexedDB after each action, so assertions on it poll.
  it('lists, renames, duplicates, deletes and opens graphs', async () => {
    editor = await suite.open();
    const { page } = editor;
    await node(page, 'Colour target y').waitFor();
    await openPreset(page, DCGAN);
    await topTitle(page, DCGAN).waitFor();
    await expect(node(page, 'Colour target y').count()).resolves.toBe(0);

    await openMyGraphs(page);
    await expect.poll(() => titles(page)).toEqual([DCGAN, DEFAULT]);
    await expect(row(page, DCGAN).getAttribute('aria-current')).resolves.toBe('true');
    await expect(row(page, DEFAULT).getAttribute('aria-current')).resolves.toBeNull();
    await row(page, DEFAULT).getByText('just now').waitFor();

    // Escape cancels the renaming without closing the dialog.
    await rename(page, DEFAULT, 'Thrown away', 'Escape');
    await expect(dialog(page).isVisible()).resolves.toBe(true);
    await expect.poll(() => titles(page)).toEqual([DCGAN, DEFAULT]);
    await rename(page, DEFAULT, 'Grey to colour');
    await expect.poll(() => titles(page)).toContain('Grey to colour');
    // Renaming focuses back on the row's Rename button.
    await expect(dialog(page).getByRole('button', { name: 'Rename “Grey to colour”' }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);

    // The open graph: the top bar follows, and autosave does not write the old title back.
    await rename(page, DCGAN, 'My DCGAN');
    await topTitle(page, 'My DCGAN').waitFor({ state: 'attached' });
    await page.waitForTimeout(800);
    await expect.poll(async () => (await storage(page)).titles.sort()).toEqual(['Grey to colour', 'My DCGAN']);

    await dialog(page).getByRole('button', { name: 'Duplicate “Grey to colour”', exact: true }).click();
    await row(page, 'Grey to colour (copy)').waitFor();
    await expect.poll(() => titles(page)).toHaveLength(3);
    await expect.poll(async () => (await titles(page))[0]).toBe('Grey to colour (copy)');
    await shot(page, '9-my-graphs');

    // Cancel keeps the graph; confirming deletes it.
    await dialog(page).getByRole('button', { name: 'Delete “Grey to colour (copy)”', exact: true }).click();
    await shot(page, '9-my-graphs-confirm');
    await dialog(page).getByRole('group', { name: 'Confirm deleting “Grey to colour (copy)”' }).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => titles(page)).toHaveLength(3);
    await confirmDelete(page, 'Grey to colour (copy)');
    await expect.poll(async () => (await titles(page)).sort()).toEqual(['Grey to colour', 'My DCGAN']);
    await expect.poll(async () => (await storage(page)).docs).toHaveLength(2);

    await dialog(page).getByRole('button', { name: 'Open “Grey to colour”', exact: true }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await topTitle(page, 'Grey to colour').waitFor();
    await node(page, 'Colour target y').waitFor();
    await page.reload();
    await ready(page);
    await topTitle(page, 'Grey to colour').waitFor();
    await node(page, 'Colour target y').waitFor();

    // Escape closes the dialog.
    await openMyGraphs(page);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });

    // Deleting the open graph opens the newest remaining one, then a new empty graph.
    await openMyGraphs(page);
    await expect(row(page, 'Grey to colour').getAttribute('aria-current')).resolves.toBe('true');
    await confirmDelete(page, 'Grey to colour');
    await topTitle(page, 'My DCGAN').waitFor();
    await expect(row(page, 'My DCGAN').getAttribute('aria-current')).resolves.toBe('true');
    await confirmDelete(page, 'My DCGAN');
    await topTitle(page, 'Untitled graph').waitFor();
    await expect.poll(() => titles(page)).toEqual(['Untitled graph']);
    await expect(row(page, 'Untitled graph').getAttribute('aria-current')).resolves.toBe('true');
    await expect.poll(async () => (await storage(page)).docs).toHaveLength(1);
    await dialog(page).getByRole('button', { name: 'Close My graphs' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    expect(editor.log.errors).toEqual([]);
  });
});
