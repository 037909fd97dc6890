/**
 * Training state in the browser: a checkpoint saved on pause survives a reload and training goes
 * on from it; the fault hook's NaN pauses naming the loss and keeps the checkpoint; exhausted
 * memory stops with a way to go on with the next backend; a really destroyed WebGPU device
 * (Chromium's software adapter) is noticed and offers WebGL.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync, zlibSync } from 'fflate';
import { encodePng } from '../../src/runtime/png';
import { decodePng } from '../png-reader';
import { canonical, exportFile, importFile, inspector, node, ready, shot } from './editor-page';
import { editorSuite } from './suite';
import { panel, status, stepOf, train, waitForStep } from './training-page';

const suite = editorSuite();

const alert = (page: Page) => panel(page).getByRole('alert');
const inject = (page: Page, fault: string) => page.evaluate((f) => (window as unknown as { ganvasTest: { injectFault(f: string): void } }).ganvasTest.injectFault(f), fault);
const checkpointStep = async (page: Page) => Number(/step (\d+)/.exec(await panel(page).getByLabel('Checkpoint', { exact: true }).innerText())?.[1] ?? -1);

/**
 * Unzips an exported network under test-results (where @tensorflow/tfjs resolves) and runs it in
 * a fresh Node process on a uniform grey picture of 8-bit value `grey`, mapped as Apply maps it;
 * returns the output as RGBA pixels, mapped from [-1,1] or [0,1] as previews are.
 */
function runExported(files: Record<string, Uint8Array>, grey: number): { width: number; height: number; pixels: number[] } {
  const dir = join('test-results', 'browser-export');
  rmSync(dir, { recursive: true, force: true });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const folder = join(dir, Object.keys(files)[0]!.split('/')[0]!);
  writeFileSync(
    join(folder, 'check.mjs'),
    `import * as tf from '@tensorflow/tfjs';
import { readFile, writeFile } from 'node:fs/promises';
import { load } from './ganvas-model.mjs';
await tf.setBackend('cpu');
const at = (f) => new URL(f, import.meta.url);
const model = await load((f) => readFile(at(f)));
const def = model.definition;
const [, h, w, c] = def.inputs[0].shape;
const range = (p) => p.range === '[0,1]' ? [1, 0] : [2, -1];
const [s, t] = range(def.inputs[0]);
const y = model.run(tf.fill([1, h, w, c], (${grey} / 255) * s + t));
const [os, ot] = range(def.outputs[0]);
const px = await tf.tidy(() => tf.round(tf.mul(tf.clipByValue(tf.div(tf.sub(y, ot), os), 0, 1), 255))).data();
const oc = y.shape[3];
const rgba = [];
for (let i = 0; i < h * w; i++) { for (let k = 0; k < 3; k++) rgba.push(px[i * oc + (oc === 3 ? k : 0)]); rgba.push(255); }
await writeFile(at('output.json'), JSON.stringify({ width: w, height: h, pixels: rgba }));
`,
  );
  execFileSync(process.execPath, [join(folder, 'check.mjs')], { stdio: 'pipe', timeout: 60_000 });
  return JSON.parse(readFileSync(join(folder, 'output.json'), 'utf8')) as { width: number; height: number; pixels: number[] };
}

describe('training state in the browser', () => {
  it('saves a checkpoint on pause, and after a reload goes on from it', async () => {
    const editor = await suite.open();
    const { page } = editor;
    await panel(page).getByLabel('Checkpoint every').fill('3');
    await train(page, 'wasm', 400, 2);
    await waitForStep(page, 4, 120_000);
    await expect.poll(() => checkpointStep(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await panel(page).getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => status(page).innerText(), { timeout: 30_000 }).toMatch(/^paused/);
    const paused = await stepOf(page);
    await expect.poll(() => checkpointStep(page), { timeout: 30_000 }).toBe(paused);

    await page.reload();
    await ready(page);
    const resume = panel(page).getByRole('button', { name: `Resume from step ${paused}` });
    await resume.waitFor({ timeout: 30_000 });
    await shot(page, 'training-resume-offered');
    await resume.click();
    await expect.poll(() => status(page).innerText(), { timeout: 60_000 }).toMatch(/^running/);
    await waitForStep(page, paused + 2, 120_000);
    // The count goes on from the checkpoint rather than from zero.
    expect(await stepOf(page)).toBeGreaterThan(paused);
    await expect.poll(() => page.locator('.gn-preview canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await panel(page).getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => status(page).innerText(), { timeout: 30_000 }).toMatch(/^stopped/);
    expect(editor.log.errors).toEqual([]);
  }, 300_000);

  it('exports a result PNG that opens as the same graph, and a trained network as a zip', async () => {
    const editor = await suite.open();
    const { page } = editor;
    const before = canonical((await exportFile(page)).text);
    await train(page, 'wasm', 3, 1);
    await expect.poll(() => status(page).innerText(), { timeout: 120_000 }).toMatch(/^done · step 3/);
    const exports = panel(page).getByRole('group', { name: 'Export results' });
    const [png] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Result PNG' }).click()]);
    expect(png.suggestedFilename()).toMatch(/-step-3\.png$/);
    const pngBytes = readFileSync(await png.path());
    const [zip] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Export network' }).click()]);
    const network = await exports.getByLabel('Network to export').inputValue();
    expect(zip.suggestedFilename()).toBe(`${network}-model.zip`);
    const unzipped = unzipSync(readFileSync(await zip.path()));
    const names = Object.keys(unzipped).sort();
    expect(names).toEqual(['README.md', 'ganvas-model.mjs', 'model.json', 'weights.bin'].map((f) => `${network}-model/${f}`));
    await shot(page, 'training-exports');

    // Apply: the network on a picture of one's own, saved as a PNG of the network's size.
    const picture = Buffer.from(encodePng({ width: 40, height: 30, pixels: new Uint8Array(40 * 30 * 4).fill(200) }, zlibSync));
    const [applied] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByLabel('Picture to apply the network to').setInputFiles({ name: 'mine.png', mimeType: 'image/png', buffer: picture }),
    ]);
    expect(applied.suggestedFilename()).toBe(`${network}-applied-step-3.png`);
    const result = decodePng(readFileSync(await applied.path()));
    expect(result.width).toBe(result.height);
    expect(result.width).toBeGreaterThan(1);
    // The exported network, run by plain tfjs in Node on the same input, gives Apply's pixels.
    const node = runExported(unzipped, 200);
    expect([node.width, node.height]).toEqual([result.width, result.height]);
    const diff = Math.max(...node.pixels.map((p, i) => Math.abs(p - result.pixels[i]!)));
    expect(diff).toBeLessThanOrEqual(1);
    await exports.getByLabel('Picture to apply the network to').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => panel(page).getByLabel('Training notice').innerText()).toMatch(/“notes\.txt” is not a picture/);

    // The PNG, imported, opens as a new graph equal to the one trained.
    await page.getByLabel('Import a graph file').setInputFiles({ name: png.suggestedFilename(), mimeType: 'image/png', buffer: pngBytes });
    await expect.poll(() => page.getByRole('banner').innerText(), { timeout: 30_000 }).toMatch(/Opened .*\.png as a new graph/);
    expect(canonical((await exportFile(page)).text)).toBe(before);
    expect(editor.log.errors).toEqual([]);
  }, 300_000);

  it('after an edit, offers to keep the weights of networks whose shapes did not change', async () => {
    const editor = await suite.open();
    const { page } = editor;
    await train(page, 'wasm', 3, 3);
    await expect.poll(() => status(page).innerText(), { timeout: 120_000 }).toMatch(/^done · step 3/);
    const y = node(page, 'Colour target y');
    await y.click({ position: { x: 8, y: 6 } });
    await inspector(page).getByLabel('Waves', { exact: true }).fill('7');
    await y.getByText('7 waves').waitFor();
    const note = panel(page).getByRole('note');
    await expect.poll(() => note.innerText(), { timeout: 10_000 }).toMatch(/^The graph changed since these weights were trained\./);
    expect(await panel(page).getByRole('button', { name: /^Resume from step/ }).count()).toBe(0);
    await shot(page, 'training-keep-weights-offered');
    await note.getByRole('button', { name: 'Keep weights of unchanged networks' }).click();
    await expect.poll(() => panel(page).getByLabel('Training notice').innerText(), { timeout: 60_000 }).toMatch(/^Kept the trained weights of “.+”\. Optimizer state starts afresh\.$/);
    await expect.poll(() => status(page).innerText(), { timeout: 120_000 }).toMatch(/^done · step 6 of 6/);

    // Folded, the panel keeps its controls and status and gives the canvas the room.
    const tall = (await panel(page).boundingBox())!.height;
    await panel(page).getByRole('button', { name: 'Fold the training panel' }).click();
    expect(await page.locator('.loss-chart').count()).toBe(0);
    expect((await panel(page).boundingBox())!.height).toBeLessThan(tall / 2);
    await shot(page, 'training-folded');
    await panel(page).getByRole('button', { name: 'Show the whole training panel' }).click();
    await page.locator('.loss-chart').waitFor();
  }, 300_000);

  it('Inspect nodes show their wire live: statistics, a histogram and the channels', async () => {
    const editor = await suite.open();
    const { page } = editor;
    const doc = JSON.parse(readFileSync('presets/default.ganvas.json', 'utf8')) as { nodes: object[]; edges: object[]; meta: { title: string } };
    doc.meta.title = 'Inspected';
    doc.nodes.push({ id: 'look', type: 'inspect', label: 'Look at G(x)', position: { x: 320, y: 420 }, params: { maxChannels: 8 } });
    doc.edges.push({ source: 'G', sourceHandle: 'out', target: 'look', targetHandle: 'in' });
    await importFile(page, 'inspected.ganvas.json', doc);
    const look = node(page, 'Look at G(x)');
    await look.waitFor();
    await train(page, 'wasm', 2, 1);
    await expect.poll(() => status(page).innerText(), { timeout: 120_000 }).toMatch(/^done · step 2/);
    const stats = look.getByLabel('Look at G(x) at step 2');
    await stats.waitFor({ timeout: 30_000 });
    expect(await stats.innerText()).toMatch(/shape\s+\d+×64×64×3[\s\S]*mean[\s\S]*std[\s\S]*min[\s\S]*max/);
    expect(await look.getByRole('img', { name: /^Look at G\(x\) histogram from -?[\d.e+-]+ to -?[\d.e+-]+$/ }).count()).toBe(1);
    expect(await look.getByRole('img', { name: /^Look at G\(x\) channel \d$/ }).count()).toBe(3);
    await look.scrollIntoViewIfNeeded();
    await shot(page, 'training-inspect');
  }, 300_000);

  it('a NaN pauses naming the loss and keeps the checkpoint; exhausted memory offers the next backend', async () => {
    const editor = await suite.open();
    const { page } = editor;
    await panel(page).getByLabel('Checkpoint every').fill('2');
    await train(page, 'wasm', 400, 5);
    await expect.poll(() => checkpointStep(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
    await inject(page, 'nan');
    await expect.poll(() => status(page).innerText(), { timeout: 60_000 }).toMatch(/^paused/);
    const kept = await checkpointStep(page);
    await expect.poll(() => alert(page).innerText()).toMatch(new RegExp(`became NaN at step \\d+.* The checkpoint of step ${kept} is kept\\.$`));
    await shot(page, 'training-fault-nan');

    await train(page, 'wasm', 400, 5);
    await expect.poll(() => status(page).innerText(), { timeout: 60_000 }).toMatch(/^running/);
    await waitForStep(page, 3, 120_000);
    await inject(page, 'oom');
    await expect.poll(() => status(page).innerText(), { timeout: 60_000 }).toMatch(/^failed/);
    expect(await alert(page).innerText()).toMatch(/ran out of memory on wasm.*Your graph is unchanged\. Training can go on from the checkpoint of step \d+ on cpu\.$/);
    const goOn = panel(page).getByRole('button', { name: 'Go on with cpu' });
    await shot(page, 'training-fault-oom');
    await goOn.click();
    await expect.poll(() => panel(page).getByLabel('Active backend').innerText(), { timeout: 60_000 }).toBe('on cpu');
    await expect.poll(() => status(page).innerText(), { timeout: 120_000 }).toMatch(/^running/);
    await panel(page).getByRole('button', { name: 'Stop' }).click();
    expect(editor.log.errors).toEqual([]);
  }, 300_000);

  it('notices a destroyed WebGPU device and offers WebGL', async () => {
    const editor = await suite.open();
    const { page } = editor;
    await train(page, 'webgpu', 200, 50);
    await expect.poll(() => panel(page).getByLabel('Active backend').innerText(), { timeout: 60_000 }).toBe('on webgpu');
    await waitForStep(page, 1, 240_000);
    await inject(page, 'device-lost');
    await expect.poll(() => status(page).innerText(), { timeout: 120_000 }).toMatch(/^failed/);
    expect(await alert(page).innerText()).toMatch(/The webgpu device was lost \(destroyed.*\).*on webgl\.$/);
    await expect.poll(() => panel(page).getByRole('button', { name: 'Go on with webgl' }).count()).toBe(1);
    // No screenshot: with SwiftShader, a destroyed device stalls Chromium's GPU process, and the page's capture with it.
  }, 300_000);
});
