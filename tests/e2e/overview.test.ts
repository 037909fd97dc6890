/**
 * The app page in a real Chromium: it opens the built-in default graph offline and shows
 * the compiler's verdict; a file that is not a graph gets a clear message and the page
 * stays usable. Screenshots go to test-results/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startApp } from './browser';

let server: ViteDevServer;
let url: string;
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  ({ server, url } = await startApp());
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  mkdirSync('test-results', { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the app page', () => {
  it('opens the default graph with no problems, using nothing but the local server', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: /Colourise/ }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: 'test-results/overview-default.png', fullPage: true });
    await expect(page.getByText('Compiler: no problems.').count()).resolves.toBe(1);
    const nodes = page.getByRole('table', { name: 'Nodes' });
    await expect(nodes.getByRole('row').count()).resolves.toBeGreaterThan(8);
    await expect(page.getByText(/U-Net\): 1,021,539 trainable parameters/).count()).resolves.toBe(1);
    await page.screenshot({ path: 'test-results/overview-default.png', fullPage: true });
    expect(requests.filter((r) => !r.startsWith(url) && !r.startsWith('data:'))).toEqual([]);
  }, 120_000);

  it('says clearly when a file is not a graph, and the page keeps working', async () => {
    await page.getByLabel('Open a graph file').setInputFiles({ name: 'holiday.json', mimeType: 'application/json', buffer: Buffer.from('{"photos": [1, 2]}') });
    await page.getByText('This file could not be opened').waitFor();
    await expect(page.getByText(/not a Ganvas graph/).count()).resolves.toBe(1);
    await page.screenshot({ path: 'test-results/overview-bad-file.png', fullPage: true });
    const broken = JSON.stringify({ format: 'ganvas-graph', version: 1, nodes: [{ id: 'a', type: 'l1', params: {} }] });
    await page.getByLabel('Open a graph file').setInputFiles({ name: 'broken.ganvas.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await page.getByText(/needs something wired into "a"/).waitFor();
    await page.screenshot({ path: 'test-results/overview-diagnostics.png', fullPage: true });
  }, 60_000);
});
