/**
 * Networks in the built editor: placing a built-in architecture makes a network of ordinary
 * blocks with a call site; opening the call site edits the blocks inside, with a way back;
 * a call site that shares weights can be given weights of its own.
 */
import { describe, expect, it } from 'vitest';
import { counts, inspector, node, shot, type Editor } from './editor-page';
import { editorSuite } from './suite';

const suite = editorSuite();
let editor: Editor | undefined;

describe('networks in the editor', () => {
  it('places an architecture, opens it, shows its blocks and goes back', async () => {
    editor = await suite.open();
    const { page } = editor;
    await page.getByLabel('Search nodes').fill('patch');
    await page.getByRole('button', { name: 'Add PatchGAN' }).click();
    await expect(node(page, 'PatchGAN').count()).resolves.toBe(1);
    await inspector(page).getByRole('button', { name: 'Open network' }).click();
    // Inside: the template's Input nodes and convolutions, and the breadcrumb shows where we are.
    await node(page, 'Down 1').waitFor();
    await expect(page.getByRole('navigation', { name: 'Where you are' }).getByText(/PatchGAN/).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Add Conv2D', exact: true }).count()).resolves.toBe(1);
    await shot(page, '11-inside-network');
    await page.getByRole('button', { name: /^Training graph:/ }).click();
    await node(page, 'PatchGAN').waitFor();
    await expect(node(page, 'Down 1').count()).resolves.toBe(0);
    expect(editor.log.errors).toEqual([]);
  }, 90_000);

  it('gives a call site that shares weights a network of its own', async () => {
    editor = await suite.open();
    const { page } = editor;
    await node(page, 'D(x, y)').click();
    await expect(inspector(page).getByText(/sharing its weights with 1 other call site/).count()).resolves.toBe(1);
    await inspector(page).getByRole('button', { name: 'Make weights unique' }).click();
    await expect(inspector(page).getByText(/sharing its weights/).count()).resolves.toBe(0);
    // The copy is a second network; the discriminator's optimizer still names the first one,
    // so the graph warns nothing and errs nothing new: the copy simply is not trained yet.
    const c = await counts(page);
    expect(c.errors).toBe(0);
    await shot(page, '12-unique-weights');
  }, 90_000);
});
