/**
 * The editor as a person sees it, for the end-to-end tests: open it in a fresh browser
 * context, find panels, nodes and handles by their accessible names, drag wires, import
 * and export files, and take screenshots for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { parseGraphDoc } from '../../src/graph/parse';
import { serializeDoc } from '../../src/editor/persist/files';
import { newContext, type PageLog } from './browser';

export interface Editor {
  context: BrowserContext;
  page: Page;
  log: PageLog;
}

/** The editor at `url + path` in a context of its own, so its IndexedDB starts empty. */
export async function openEditor(browser: Browser, url: string, path = ''): Promise<Editor> {
  const { context, log } = await newContext(browser, url);
  const page = await context.newPage();
  await page.goto(url + path);
  await ready(page);
  return { context, page, log };
}

/** Waits until the editor has rendered its panels. */
export async function ready(page: Page): Promise<void> {
  await problems(page).getByRole('heading', { name: /^Problems/ }).waitFor({ timeout: 30_000 });
}

export const problems = (page: Page) => page.getByRole('region', { name: 'Problems' });
export const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
export const canvas = (page: Page) => page.getByLabel('Graph canvas', { exact: true });
/** A graph node's card, by the title it shows (inside React Flow's wrapper, which may carry a name too). */
export const node = (page: Page, title: string) => page.locator('.react-flow__node').getByRole('group', { name: title, exact: true });
/** A port's handle: "<node title> input|output <port label>". */
export const handle = (page: Page, title: string, side: 'input' | 'output', port: string) => page.getByLabel(`${title} ${side} ${port}`, { exact: true });
/** A wire, by React Flow's accessible name (node ids, not titles). */
export const wire = (page: Page, from: string, to: string) => page.getByRole('group', { name: `Edge from ${from} to ${to}`, exact: true });
/** The message line under the top bar (file, link and storage messages). */
export const notice = (page: Page) => page.getByRole('banner').locator('[role=status], [role=alert]').filter({ has: page.getByRole('button', { name: 'Dismiss message' }) });

/** The error and warning counts the Problems heading shows. */
export async function counts(page: Page): Promise<{ errors: number; warnings: number }> {
  const text = await problems(page).getByRole('heading').innerText();
  const m = /(\d+) errors?, (\d+) warnings?/.exec(text);
  if (!m) throw new Error(`no counts in "${text}"`);
  return { errors: Number(m[1]), warnings: Number(m[2]) };
}

/** The sentences the Problems list shows (empty when it says there are none). */
export async function problemSentences(page: Page): Promise<string[]> {
  return problems(page).getByRole('listitem').allInnerTexts();
}

/** Clicks the canvas where it is empty (no node, wire or control under the pointer), which clears the selection. */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return undefined;
    const r = pane.getBoundingClientRect();
    for (let y = r.top + 10; y < r.bottom - 10; y += 16)
      for (let x = r.left + 10; x < r.right - 10; x += 16) if (document.elementFromPoint(x, y) === pane) return { x, y };
    return undefined;
  });
  if (!point) throw new Error('the canvas has no empty spot on screen');
  await page.mouse.click(point.x, point.y);
}

export async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit View' }).click();
  // fitView animates nothing by default, but React Flow applies it on the next frame.
  await page.waitForTimeout(100);
}

/** Presses the mouse on one handle and releases it on another, in small steps as a hand would. */
export async function dragWire(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('a handle is not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

export async function importFile(page: Page, name: string, content: string | object): Promise<void> {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  await page.getByLabel('Import a graph file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Clicks Export and returns the file the browser downloaded. */
export async function exportFile(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** A graph file's text as the app's serializer writes the document it parses to. */
export function canonical(text: string | object): string {
  const r = parseGraphDoc(typeof text === 'string' ? text : JSON.stringify(text));
  if (!r.doc) throw new Error(`not a graph: ${r.diagnostics.map((d) => d.message).join(' ')}`);
  return serializeDoc(r.doc);
}

/** What the editor keeps in IndexedDB: stored documents' ids, their titles, and the last opened id. */
export async function storage(page: Page): Promise<{ docs: string[]; titles: string[]; lastOpened: unknown }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ganvas');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const out = { docs: [] as string[], titles: [] as string[], lastOpened: undefined as unknown };
          const tx = db.transaction('graphs');
          const cursor = tx.objectStore('graphs').openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            const key = String(c.key);
            if (key.startsWith('doc:')) out.docs.push(key.slice(4));
            if (key.startsWith('info:')) out.titles.push(String((c.value as { title?: unknown }).title));
            if (key === 'lastOpened') out.lastOpened = c.value;
            c.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/editor-${name}.png` });
}

/** A minimal graph document; `nodes` as in the file format. */
export function graph(title: string, nodes: object[], edges: object[] = []) {
  return { format: 'ganvas-graph', version: 1, meta: { title }, nodes, edges };
}

export const wireOf = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({ source, sourceHandle, target, targetHandle });

/** The presets gallery's dialog. */
export const gallery = (page: Page) => page.getByRole('dialog', { name: 'Presets' });

/** The titles of every preset the gallery offers, in its order. */
export async function presetTitles(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Presets…' }).click();
  const names = await gallery(page).getByRole('button', { name: /^Open the preset / }).evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')!.replace(/^Open the preset /, '')));
  await gallery(page).getByRole('button', { name: 'Close presets' }).click();
  return names;
}

/** Opens a preset from the gallery by its title. */
export async function openPreset(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Presets…' }).click();
  await gallery(page).getByRole('button', { name: `Open the preset ${title}`, exact: true }).click();
}
