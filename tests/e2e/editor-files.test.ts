/**
 * The built editor in a real Chromium, with files and storage: edits survive a reload,
 * export and import give back the same document, share links open as new graphs, broken
 * files and links are refused with a message, and a node kind this version does not know
 * is kept with its params and wires. Each test has a context (and IndexedDB) of its own.
 */
import { describe, expect, it } from 'vitest';
import defaultPreset from '../../presets/default.ganvas.json';
import { exportFileName } from '../../src/editor/persist/files';
import { parseGraphDoc } from '../../src/graph/parse';
import {
  canonical, clickEmptyCanvas, exportFile, fitView, graph, handle, importFile, inspector, node, notice, ready, shot, storage, wire, wireOf, type Editor,
} from './editor-page';
import { editorSuite } from './suite';

const suite = editorSuite();
let editor: Editor | undefined;

const preset = parseGraphDoc(defaultPreset).doc!;

describe('the editor with files, links and storage', () => {
  it('finds the graph again, edits included, after a reload', async () => {
    editor = await suite.open();
    const { page } = editor;
    await node(page, 'Colour target y').click({ position: { x: 8, y: 6 } });
    await inspector(page).getByLabel('Waves', { exact: true }).fill('9');
    await node(page, 'Colour target y').getByText('9 waves ≤ 3').waitFor();
    // A click on the empty canvas clears the selection, and the inspector shows the graph.
    await clickEmptyCanvas(page);
    await inspector(page).getByRole('heading', { name: 'Graph', exact: true }).waitFor();
    await inspector(page).getByLabel('Title', { exact: true }).fill('My colouriser');
    await page.getByRole('button', { name: 'Training graph: My colouriser' }).waitFor();
    // The save that stores the new title stores the document with both edits.
    await expect.poll(async () => (await storage(page)).titles, { timeout: 5_000 }).toEqual(['My colouriser']);
    await page.reload();
    await ready(page);
    await expect(inspector(page).getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('My colouriser');
    await node(page, 'Colour target y').getByText('9 waves ≤ 3').waitFor();
    await expect(notice(page).count()).resolves.toBe(0);
    await expect.poll(async () => (await storage(page)).docs).toHaveLength(1);
    await shot(page, '5-after-reload');
    expect(editor.log.errors).toEqual([]);
  });

  it('exports the graph and imports it back unchanged; refuses a file that is not a graph', async () => {
    editor = await suite.open();
    const { page } = editor;
    const first = await exportFile(page);
    expect(first.name).toBe(exportFileName(preset));
    expect(first.text).toBe(canonical(defaultPreset));

    await importFile(page, first.name, first.text);
    await notice(page).getByText(`Opened ${first.name} as a new graph.`).waitFor();
    const again = await exportFile(page);
    expect(again.text).toBe(first.text);
    expect(canonical(again.text)).toBe(canonical(first.text));
    await shot(page, '6-imported');

    const nodesBefore = await page.getByTestId(/^rf__node-/).count();
    await importFile(page, 'holiday.json', { photos: [1, 2] });
    const alert = page.getByRole('alert').filter({ hasText: 'holiday.json could not be opened; nothing was changed.' });
    await alert.waitFor();
    await expect(alert.getByRole('listitem').count()).resolves.toBeGreaterThan(0);
    await shot(page, '6-not-a-graph');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await shot(page, '6-not-a-graph-light');
    await expect(page.getByTestId(/^rf__node-/).count()).resolves.toBe(nodesBefore);
    expect((await exportFile(page)).text).toBe(first.text);
    await expect.poll(async () => (await storage(page)).docs).toHaveLength(2);
    expect(editor.log.errors).toEqual([]);
  });

  it('opens a share link as a new graph, and a corrupt link opens the last graph with a message', async () => {
    editor = await suite.open();
    const { page, context } = editor;
    const original = await exportFile(page);
    await page.getByRole('button', { name: 'Share link' }).click();
    const field = page.getByRole('textbox', { name: /Share link/ });
    const link = await field.inputValue();
    expect(link.startsWith(`${suite.url}#g=`)).toBe(true);
    await shot(page, '7-share-link');
    const before = await storage(page);
    expect(before.docs).toHaveLength(1);

    const other = await context.newPage();
    await other.goto(link);
    await ready(other);
    await notice(other).getByText(/Opened the graph from the link as a new graph/).waitFor();
    expect(other.url()).toBe(suite.url);
    expect(canonical((await exportFile(other)).text)).toBe(canonical(original.text));
    const after = await storage(other);
    expect(after.docs).toHaveLength(2);
    expect(after.docs).toContain(before.docs[0]);
    expect(after.lastOpened).not.toBe(before.docs[0]);
    await shot(other, '7-opened-link');

    await other.reload();
    await ready(other);
    await expect(notice(other).count()).resolves.toBe(0);
    await expect.poll(async () => (await storage(other)).lastOpened).toBe(after.lastOpened);

    // A new page, as a clicked link gives: a hash change alone does not restart the editor.
    const corrupt = await context.newPage();
    await corrupt.goto(`${suite.url}#g=garbage`);
    await ready(corrupt);
    const alert = corrupt.getByRole('alert').filter({ hasText: 'The link could not be opened.' });
    await alert.waitFor();
    await shot(corrupt, '7-corrupt-link');
    expect(canonical((await exportFile(corrupt)).text)).toBe(canonical(original.text));
    await expect.poll(async () => (await storage(corrupt)).docs).toHaveLength(2);
    await expect.poll(async () => (await storage(corrupt)).lastOpened).toBe(after.lastOpened);
    expect(editor.log.errors).toEqual([]);
  });

  it('keeps a node of an unknown kind with its params and wires', async () => {
    const future = { id: 'fut', type: 'future-kind', position: { x: 320, y: 0 }, params: { strength: 0.25, mode: 'swirl', taps: [1, 2, 3], nested: { deep: true } } };
    const doc = graph('From the future', [
      { id: 'src', type: 'sinus', label: 'Source', position: { x: 0, y: 0 }, params: {} },
      future,
      { id: 'show', type: 'preview', label: 'Show', position: { x: 640, y: 0 }, params: {} },
    ], [wireOf('src', 'out', 'fut', 'x'), wireOf('fut', 'y', 'show', 'in')]);
    editor = await suite.open();
    const { page } = editor;
    await importFile(page, 'future.ganvas.json', doc);
    await page.getByRole('button', { name: 'Training graph: From the future' }).waitFor();
    await fitView(page);
    const card = node(page, 'Unknown: future-kind');
    await card.waitFor();
    await expect(handle(page, 'Unknown: future-kind', 'input', 'x').count()).resolves.toBe(1);
    await expect(handle(page, 'Unknown: future-kind', 'output', 'y').count()).resolves.toBe(1);
    await wire(page, 'src', 'fut').waitFor({ state: 'attached' });
    await wire(page, 'fut', 'show').waitFor({ state: 'attached' });
    await card.click({ position: { x: 8, y: 6 } });
    await inspector(page).getByRole('heading', { name: 'Unknown kind “future-kind”' }).waitFor();
    await shot(page, '8-unknown-kind');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await shot(page, '8-unknown-kind-light');

    const exported = JSON.parse((await exportFile(page)).text) as { nodes: typeof future[]; edges: object[] };
    expect(exported.nodes.find((n) => n.id === 'fut')).toEqual(future);
    expect(exported.edges).toEqual(expect.arrayContaining(doc.edges));
    expect(exported.edges).toHaveLength(2);
    expect(canonical(exported)).toBe(canonical(doc));
    expect(editor.log.errors).toEqual([]);
  });
});
