/**
 * Canvas commands in the built editor: quick add (Space, double-click, a wire dropped on empty
 * canvas), auto-layout, and "Make network from selection", each undone in one step.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickEmptyCanvas, counts, fitView, graph, handle, importFile, node, notice, shot, wire, wireOf, type Editor } from './editor-page';
import { editorSuite } from './suite';

const suite = editorSuite();
let editor: Editor | undefined;

const popup = (page: Page) => page.getByRole('dialog', { name: /^Add a node/ });

/** A point of the canvas with nothing on it, in window coordinates. */
async function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!;
    const r = pane.getBoundingClientRect();
    for (let y = r.top + r.height * 0.55; y < r.bottom - 60; y += 16)
      for (let x = r.left + r.width * 0.3; x < r.right - 200; x += 16) if (document.elementFromPoint(x, y) === pane) return { x, y };
    return undefined;
  });
  if (!p) throw new Error('no empty spot');
  return p;
}

describe('canvas commands', () => {
  it('quick add: Space at the pointer, search, arrows and Enter place the node there; Escape closes', async () => {
    editor = await suite.open();
    const { page } = editor;
    const spot = await emptySpot(page);
    await page.mouse.move(spot.x, spot.y);
    await page.keyboard.press('Space');
    await popup(page).waitFor();
    const search = popup(page).getByRole('combobox', { name: 'Search nodes to add' });
    await expect(search.evaluate((e) => e === document.activeElement)).resolves.toBe(true);
    const box = (await popup(page).boundingBox())!;
    expect(Math.abs(box.x - spot.x)).toBeLessThan(2);
    await search.fill('blu');
    await expect(popup(page).getByRole('option').first().innerText()).resolves.toMatch(/^Blur/);
    await shot(page, '20-quick-add');
    await page.keyboard.press('Escape');
    await expect(popup(page).count()).resolves.toBe(0);
    await expect(node(page, 'Blur').count()).resolves.toBe(0);

    await page.keyboard.press('Space');
    await search.fill('wave');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(popup(page).getByRole('option', { selected: true }).innerText()).resolves.toMatch(/^Wave patterns/);
    await page.keyboard.press('Enter');
    await expect(popup(page).count()).resolves.toBe(0);
    await node(page, 'Wave patterns').waitFor();
    const card = (await node(page, 'Wave patterns').boundingBox())!;
    // Placed at the pointer (snapped to the 8-pixel grid, 20 units up).
    expect(Math.abs(card.x - spot.x)).toBeLessThan(16);
    expect(Math.abs(card.y - (spot.y - 20 * (card.height / card.height)))).toBeLessThan(40);
    await page.keyboard.press('Control+z');
    await expect.poll(() => node(page, 'Wave patterns').count()).toBe(0);
    expect(editor.log.errors).toEqual([]);
  });

  it('double-click on empty canvas opens quick add; a click elsewhere closes it', async () => {
    editor = await suite.open();
    const { page } = editor;
    const spot = await emptySpot(page);
    await page.mouse.dblclick(spot.x, spot.y);
    await popup(page).waitFor();
    await popup(page).getByRole('combobox').fill('noise');
    await popup(page).getByRole('option', { name: /^Noise/ }).click();
    await node(page, 'Noise').waitFor();
    await page.mouse.dblclick(spot.x + 300, spot.y);
    await popup(page).waitFor();
    await page.getByRole('region', { name: 'Inspector' }).click({ position: { x: 5, y: 5 } });
    await expect(popup(page).count()).resolves.toBe(0);
  });

  it('a wire dropped on empty canvas offers only nodes it can connect to, and the pick arrives connected', async () => {
    const doc = graph('Drop', [
      { id: 'waves', type: 'sinus', label: 'Waves', position: { x: 0, y: 0 }, params: {} },
      { id: 'diff', type: 'l1', label: 'Diff', position: { x: 0, y: 240 }, params: {} },
    ]);
    editor = await suite.open();
    const { page } = editor;
    await importFile(page, 'drop.ganvas.json', doc);
    await page.getByRole('button', { name: 'Training graph: Drop' }).waitFor();
    await fitView(page);
    const spot = await emptySpot(page);
    const from = (await handle(page, 'Diff', 'output', 'loss').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move((from.x + spot.x) / 2, (from.y + spot.y) / 2, { steps: 5 });
    await page.mouse.move(spot.x, spot.y, { steps: 5 });
    await page.mouse.up();

    await page.getByRole('dialog', { name: 'Add a node fed by “Diff”, output “loss”' }).waitFor();
    const offered = await popup(page).getByRole('option').allInnerTexts();
    const names = offered.map((t) => t.split('\n')[0]!.trim());
    expect(names).toEqual(expect.arrayContaining(['Adam', 'SGD', 'RMSProp', 'Weighted sum', 'Chart']));
    expect(names).not.toContain('Blur');
    expect(names).not.toContain('Preview');
    await shot(page, '21-wire-drop');
    await popup(page).getByRole('combobox').fill('adam');
    await page.keyboard.press('Enter');
    await node(page, 'Adam').waitFor();
    await wire(page, 'diff', 'adam').waitFor({ state: 'attached' });
    await shot(page, '21-wire-drop-connected');
    await page.keyboard.press('Control+z');
    await expect.poll(() => node(page, 'Adam').count()).toBe(0);
    await expect(wire(page, 'diff', 'adam').count()).resolves.toBe(0);
    expect(editor.log.errors).toEqual([]);
  });

  it('auto-layout lays the whole graph out left to right, in one undo step', async () => {
    const doc = graph(
      'Messy',
      [
        { id: 'waves', type: 'sinus', label: 'Waves', position: { x: 600, y: 300 }, params: {} },
        { id: 'gray', type: 'grayscale', label: 'Gray', position: { x: 0, y: 0 }, params: {} },
        { id: 'blur', type: 'blur', label: 'Soft', position: { x: 300, y: 500 }, params: {} },
        { id: 'show', type: 'preview', label: 'Show', position: { x: 20, y: 400 }, params: {} },
      ],
      [wireOf('waves', 'out', 'gray', 'in'), wireOf('gray', 'out', 'blur', 'in'), wireOf('blur', 'out', 'show', 'in')],
    );
    editor = await suite.open();
    const { page } = editor;
    await importFile(page, 'messy.ganvas.json', doc);
    await page.getByRole('button', { name: 'Training graph: Messy' }).waitFor();
    const xs = async () => Promise.all(['Waves', 'Gray', 'Soft', 'Show'].map(async (t) => (await node(page, t).boundingBox())!));
    await page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: 'Auto-layout' }).click();
    await fitView(page);
    const b = await xs();
    for (let i = 0; i + 1 < b.length; i++) {
      expect(b[i]!.x + b[i]!.width).toBeLessThan(b[i + 1]!.x);
      expect(Math.abs(b[i]!.y + b[i]!.height / 2 - (b[i + 1]!.y + b[i + 1]!.height / 2))).toBeLessThan(4);
    }
    await shot(page, '22-auto-layout');
    await page.getByRole('button', { name: 'Undo' }).click();
    await fitView(page);
    const back = await xs();
    expect(back[0]!.x).toBeGreaterThan(back[1]!.x);
    // The shortcut does it too, and lists itself in the help.
    await clickEmptyCanvas(page);
    await page.keyboard.press('l');
    await fitView(page);
    expect((await xs())[0]!.x).toBeLessThan((await xs())[1]!.x);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText(/Auto-layout/).count()).resolves.toBe(1);
    expect(editor.log.errors).toEqual([]);
  });

  it('makes a network from selected blocks, opens it, and refuses a selection with a loss', async () => {
    const doc = graph(
      'Pipeline',
      [
        { id: 'waves', type: 'sinus', label: 'Waves', position: { x: 0, y: 0 }, params: {} },
        { id: 'gray', type: 'grayscale', label: 'Gray', position: { x: 300, y: 0 }, params: {} },
        { id: 'blur', type: 'blur', label: 'Soft', position: { x: 600, y: 0 }, params: {} },
        { id: 'show', type: 'preview', label: 'Show', position: { x: 900, y: 0 }, params: {} },
        { id: 'diff', type: 'l1', label: 'Diff', position: { x: 900, y: 140 }, params: {} },
      ],
      [wireOf('waves', 'out', 'gray', 'in'), wireOf('gray', 'out', 'blur', 'in'), wireOf('blur', 'out', 'show', 'in'), wireOf('blur', 'out', 'diff', 'a'), wireOf('waves', 'out', 'diff', 'b')],
    );
    editor = await suite.open();
    const { page } = editor;
    await importFile(page, 'pipeline.ganvas.json', doc);
    await page.getByRole('button', { name: 'Training graph: Pipeline' }).waitFor();
    await fitView(page);
    const before = await counts(page);
    await node(page, 'Gray').click();
    await node(page, 'Diff').click({ position: { x: 8, y: 6 }, modifiers: ['Shift'] });
    await page.keyboard.press('Control+g');
    await expect(notice(page).innerText()).resolves.toMatch(/Diff.*cannot go inside a network/);
    await expect(node(page, 'Gray').count()).resolves.toBe(1);
    await shot(page, '23-make-network-refused');

    await clickEmptyCanvas(page);
    await node(page, 'Gray').click();
    await node(page, 'Soft').click({ modifiers: ['Shift'] });
    await page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: 'Make network' }).click();
    await node(page, 'Network 1').waitFor();
    await expect(node(page, 'Gray').count()).resolves.toBe(0);
    await wire(page, 'waves', 'network').waitFor({ state: 'attached' });
    await wire(page, 'network', 'show').waitFor({ state: 'attached' });
    await wire(page, 'network', 'diff').waitFor({ state: 'attached' });
    await expect.poll(() => counts(page)).toEqual(before);
    await fitView(page);
    await shot(page, '23-make-network');
    await node(page, 'Network 1').dblclick();
    await node(page, 'Gray').waitFor();
    await expect(node(page, 'Input').count()).resolves.toBe(1);
    await expect(node(page, 'Output').count()).resolves.toBe(1);
    await fitView(page);
    await shot(page, '23-make-network-inside');
    await page.getByRole('button', { name: /^Training graph:/ }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await node(page, 'Gray').waitFor();
    await expect(node(page, 'Network 1').count()).resolves.toBe(0);
    expect(editor.log.errors).toEqual([]);
  });
});
