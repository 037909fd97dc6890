/**
 * Training in the browser: the built editor trains the default preset in its worker, on wasm and
 * on WebGPU (Chromium's software adapter here, chosen by name), with preview pixels that change
 * between previews and stay put while paused, a chart that gains points, and a flat tensor count.
 */
import { describe, expect, it } from 'vitest';
import { shot } from './editor-page';
import { editorSuite } from './suite';
import { chartPoints, panel, previewDigest, status, stepOf, train, waitForStep } from './training-page';

const suite = editorSuite();

describe('training in the browser', () => {
  it('trains on wasm: previews change, pause holds them, step advances by one, the chart grows, tensors stay flat', async () => {
    const editor = await suite.open();
    const { page } = editor;
    await train(page, 'wasm', 400, 2);
    await expect.poll(() => panel(page).getByLabel('Active backend').innerText(), { timeout: 60_000 }).toBe('on wasm');
    await waitForStep(page, 4, 120_000);
    const first = await previewDigest(page);
    expect(first).not.toBe('');
    await waitForStep(page, (await stepOf(page)) + 4, 120_000);
    await expect.poll(() => previewDigest(page), { timeout: 30_000 }).not.toBe(first);

    const tensorsAt = async () => Number((await panel(page).getByLabel('Worker tensors').innerText()).split(' ')[0]);
    const early = await tensorsAt();
    await waitForStep(page, (await stepOf(page)) + 10, 120_000);
    expect(await tensorsAt()).toBe(early);

    await panel(page).getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => status(page).innerText(), { timeout: 30_000 }).toMatch(/^paused/);
    const pausedStep = await stepOf(page);
    const held = await previewDigest(page);
    await page.waitForTimeout(1500);
    expect(await stepOf(page)).toBe(pausedStep);
    expect(await previewDigest(page)).toBe(held);

    const points = await chartPoints(page);
    expect(points).toBeGreaterThan(3);
    await panel(page).getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBe(pausedStep + 1);
    await expect.poll(() => chartPoints(page), { timeout: 10_000 }).toBeGreaterThan(points);
    await shot(page, 'training-wasm-paused');

    await page.getByRole('button', { name: /images at step \d+: show large/ }).first().click();
    const large = page.getByRole('dialog', { name: /at step/ });
    await expect.poll(() => large.getByRole('img').count()).toBeGreaterThan(0);
    await shot(page, 'training-preview-large');
    await page.keyboard.press('Escape');
    await expect.poll(() => large.count()).toBe(0);

    await panel(page).getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => status(page).innerText(), { timeout: 30_000 }).toMatch(/^stopped/);
    expect(editor.log.errors).toEqual([]);
    expect(editor.log.outside).toEqual([]);
  }, 300_000);

  it('trains on WebGPU when chosen by name, and the worker really runs webgpu', async () => {
    const editor = await suite.open();
    const { page } = editor;
    await train(page, 'webgpu', 3, 1);
    await expect.poll(() => panel(page).getByLabel('Active backend').innerText(), { timeout: 60_000 }).toBe('on webgpu');
    await expect.poll(() => status(page).innerText(), { timeout: 240_000 }).toMatch(/^done · step 3/);
    expect(await previewDigest(page)).not.toBe('');
    await shot(page, 'training-webgpu-done');
    expect(editor.log.errors).toEqual([]);
  }, 300_000);

  it('the automatic choice skips the software GPU adapters here and says why', async () => {
    const editor = await suite.open();
    const { page } = editor;
    await train(page, 'auto', 2, 1);
    await expect.poll(() => panel(page).getByLabel('Active backend').innerText(), { timeout: 60_000 }).toBe('on wasm');
    await panel(page).getByText('Why wasm?').click();
    const reasons = await panel(page).getByText(/^Not used:/).innerText();
    expect(reasons).toMatch(/webgpu: .*software/);
    expect(reasons).toMatch(/webgl: .*SwiftShader/);
    await expect.poll(() => status(page).innerText(), { timeout: 120_000 }).toMatch(/^done · step 2/);
    await shot(page, 'training-auto-done');
  }, 300_000);
});
