/**
 * The built editor in a real Chromium, on the canvas: it opens the default preset cleanly,
 * adds nodes from the palette, draws (and refuses) wires, shows and clears diagnostics with
 * undo and redo, and edits params from the inspector. Each test has a context of its own.
 */
import { describe, expect, it } from 'vitest';
import defaultPreset from '../../presets/default.ganvas.json';
import { canConnect } from '../../src/graph/connect';
import { compile } from '../../src/graph/compile';
import { removeElements } from '../../src/graph/edit';
import { parseGraphDoc } from '../../src/graph/parse';
import { libraryPresets } from '../../scripts/presets/library';
import {
  canvas, counts, dragWire, fitView, graph, handle, importFile, inspector, node, notice, openPreset, presetTitles, problems, problemSentences, shot, wire, wireOf, type Editor,
} from './editor-page';
import { editorSuite } from './suite';

const suite = editorSuite();
let editor: Editor | undefined;

const preset = parseGraphDoc(defaultPreset).doc!;

describe('the editor canvas', () => {
  it('opens the default preset with no problems, every node shown, offline and without console errors', async () => {
    editor = await suite.open();
    const { page, log } = editor;
    await expect(problems(page).getByText(/No problems/).count()).resolves.toBe(1);
    expect(await counts(page)).toEqual({ errors: 0, warnings: 0 });
    for (const n of preset.nodes) {
      const card = page.getByTestId(`rf__node-${n.id}`);
      expect(await card.isVisible(), `node ${n.id}`).toBe(true);
      if (n.type !== 'note') expect(await node(page, n.label ?? n.id).isVisible(), `node ${n.label}`).toBe(true);
    }
    await expect(page.getByRole('button', { name: `Training graph: ${preset.meta.title}` }).count()).resolves.toBe(1);
    await shot(page, '1-default-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.getByRole('button', { name: 'Switch to dark theme' }).waitFor();
    await shot(page, '1-default-light');
    expect(log.errors).toEqual([]);
    expect(log.outside).toEqual([]);
  });

  it('adds a node found by search, selects it and shows its settings', async () => {
    editor = await suite.open();
    const { page } = editor;
    const before = await node(page, 'Wave patterns').count();
    const search = page.getByLabel('Search nodes');
    await search.fill('wave pat');
    await expect(page.getByRole('button', { name: 'Add Wave patterns' }).isVisible()).resolves.toBe(true);
    await search.press('Enter');
    await expect.poll(() => node(page, 'Wave patterns').count()).toBe(before + 1);
    await expect(node(page, 'Wave patterns').isVisible()).resolves.toBe(true);
    await inspector(page).getByRole('heading', { name: 'Wave patterns', exact: true }).waitFor();
    await expect(inspector(page).getByLabel('Waves', { exact: true }).inputValue()).resolves.toBe('4');
    await expect(inspector(page).getByLabel('Name').getAttribute('placeholder')).resolves.toBe('sinus');
    // The new node is the one selected: React Flow marks its wrapper.
    await expect(page.locator('.react-flow__node.selected').getByRole('group', { name: 'Wave patterns' }).count()).resolves.toBe(1);
    await shot(page, '2-added-node');
    expect(editor.log.errors).toEqual([]);
  });

  it('draws a wire between compatible ports, refuses incompatible ones and mends a range mismatch', async () => {
    const doc = graph('Wiring', [
      { id: 'waves', type: 'sinus', label: 'Waves', position: { x: 0, y: 0 }, params: {} },
      { id: 'show', type: 'preview', label: 'Show', position: { x: 360, y: 0 }, params: {} },
      { id: 'paint', type: 'trainable-image', label: 'Paint', position: { x: 360, y: 200 }, params: { range: '[0,1]', init: 'input' } },
      { id: 'diff', type: 'l1', label: 'Diff', position: { x: 0, y: 200 }, params: {} },
    ]);
    editor = await suite.open();
    const { page } = editor;
    await importFile(page, 'wiring.ganvas.json', doc);
    await page.getByRole('button', { name: 'Training graph: Wiring' }).waitFor();
    await fitView(page);
    const parsed = parseGraphDoc(doc).doc!;
    const canvasMessage = canvas(page).getByRole('status');

    await expect(problems(page).getByText(/“Show” needs something wired into/).count()).resolves.toBe(1);
    await dragWire(page, handle(page, 'Waves', 'output', 'images'), handle(page, 'Show', 'input', 'in'));
    await wire(page, 'waves', 'show').waitFor({ state: 'attached' });
    await expect.poll(() => problems(page).getByText(/“Show” needs something wired into/).count()).toBe(0);

    const wrongType = canConnect(parsed, wireOf('diff', 'loss', 'show', 'in'));
    expect(wrongType.ok).toBe(false);
    await dragWire(page, handle(page, 'Diff', 'output', 'loss'), handle(page, 'Show', 'input', 'in'));
    await expect(canvasMessage.innerText()).resolves.toContain(!wrongType.ok ? wrongType.reason : '');
    await expect(wire(page, 'diff', 'show').count()).resolves.toBe(0);
    await expect(wire(page, 'waves', 'show').count()).resolves.toBe(1);
    await shot(page, '3-refused-type');

    const mismatch = canConnect(parsed, wireOf('waves', 'out', 'paint', 'init'));
    expect(mismatch.ok === false && mismatch.fix?.kind).toBe('insert-rescale');
    await dragWire(page, handle(page, 'Waves', 'output', 'images'), handle(page, 'Paint', 'input', 'init'));
    await expect(canvasMessage.getByText(!mismatch.ok ? mismatch.reason : '', { exact: true }).count()).resolves.toBe(1);
    await expect(wire(page, 'waves', 'paint').count()).resolves.toBe(0);
    await shot(page, '3-range-mismatch');
    await canvasMessage.getByRole('button', { name: 'Insert Rescale' }).click();
    await node(page, 'Rescale').waitFor();
    await expect(canvasMessage.count()).resolves.toBe(0);
    await wire(page, 'waves', 'rescale').waitFor({ state: 'attached' });
    await wire(page, 'rescale', 'paint').waitFor({ state: 'attached' });
    await expect.poll(() => problems(page).getByText(/“Paint”/).count()).toBe(0);
    await fitView(page);
    await shot(page, '3-rescale-inserted');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await shot(page, '3-rescale-inserted-light');
    expect(editor.log.errors).toEqual([]);
  });

  it('shows a problem when a wire goes, and undo and redo take it away and bring it back', async () => {
    editor = await suite.open();
    const { page } = editor;
    const expected = compile(removeElements(preset, { edges: ['G.out->L1.a'] })).diagnostics.map((d) => d.message);
    expect(expected).toHaveLength(1);
    expect(expected[0]).toMatch(/needs something wired into/);

    const edge = wire(page, 'G', 'L1');
    await edge.focus();
    await edge.press('Enter');
    await edge.press('Delete');
    await expect.poll(() => problemSentences(page)).toEqual([`error ${expected[0]}`]);
    expect(await counts(page)).toEqual({ errors: 1, warnings: 0 });
    await expect(wire(page, 'G', 'L1').count()).resolves.toBe(0);
    await shot(page, '4-wire-deleted');

    await page.keyboard.press('Control+z');
    await problems(page).getByText(/No problems/).waitFor();
    await expect(wire(page, 'G', 'L1').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => problemSentences(page)).toEqual([`error ${expected[0]}`]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await problems(page).getByText(/No problems/).waitFor();

    // Deleting a node takes its wires with it, and names what is now missing.
    await node(page, 'L1 |G(x) − y|').click({ position: { x: 8, y: 6 } });
    await inspector(page).getByRole('heading', { name: 'L1 loss', exact: true }).waitFor();
    await page.keyboard.press('Delete');
    await expect.poll(() => node(page, 'L1 |G(x) − y|').count()).toBe(0);
    await expect.poll(() => problemSentences(page)).toContainEqual(expect.stringMatching(/“G loss” needs something wired into/));
    await shot(page, '4-node-deleted');
    await page.keyboard.press('Control+z');
    await problems(page).getByText(/No problems/).waitFor();
    expect(editor.log.errors).toEqual([]);
  });

  it('opens every preset with no errors', async () => {
    editor = await suite.open();
    const { page } = editor;
    const presets = (await presetTitles(page)).map((title) => ({ title, value: title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase() }));
    // The library presets are all offered, beside the default and the bench workloads.
    expect(presets.map((p) => p.title)).toEqual(expect.arrayContaining(Object.values(libraryPresets()).map((d) => d.meta.title)));
    for (const p of presets) {
      await openPreset(page, p.title);
      await notice(page).getByText(`Opened the preset “${p.title}” as a new graph.`).waitFor();
      await page.getByRole('button', { name: `Training graph: ${p.title}` }).waitFor();
      expect(await counts(page), p.value).toEqual({ errors: 0, warnings: 0 });
      expect(await page.getByTestId(/^rf__node-/).count(), p.value).toBeGreaterThan(0);
      await shot(page, `9-preset-${p.value.replace(/\//g, '-')}`);
    }
    expect(editor.log.errors).toEqual([]);
    expect(editor.log.outside).toEqual([]);
  });

  it('edits a param in the inspector, and refuses an invalid value with a message beside it', async () => {
    editor = await suite.open();
    const { page } = editor;
    const y = node(page, 'Colour target y');
    await expect(y.getByText('4 waves ≤ 3').count()).resolves.toBe(1);
    await y.click({ position: { x: 8, y: 6 } });
    await inspector(page).getByRole('heading', { name: 'Wave patterns', exact: true }).waitFor();
    const waves = inspector(page).getByLabel('Waves', { exact: true });
    await waves.fill('7');
    await y.getByText('7 waves ≤ 3').waitFor();
    await inspector(page).getByLabel('Size', { exact: true }).fill('32');
    await expect.poll(() => handle(page, 'Colour target y', 'output', 'images').locator('..').innerText()).toContain('32×32');
    await shot(page, '10-param-edited');

    await waves.fill('0');
    const message = inspector(page).getByRole('alert');
    await message.waitFor();
    await expect(message.innerText()).resolves.not.toBe('');
    await expect(waves.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForTimeout(300);
    await expect(y.getByText('7 waves ≤ 3').count()).resolves.toBe(1);
    expect(await counts(page)).toEqual({ errors: 0, warnings: 0 });
    await shot(page, '10-invalid-value');
    await expect(notice(page).count()).resolves.toBe(0);
    expect(editor.log.errors).toEqual([]);
  });
});
