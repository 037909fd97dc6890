/**
 * The editor rows in Chromium, against the built app (`vite build` + `vite preview`, as the
 * end-to-end tests run it): the 300-node graph imported as a file, then a node dragged and the
 * canvas panned with the mouse for a few seconds each while the page records its frames
 * (requestAnimationFrame timestamps) and long tasks (PerformanceObserver 'longtask'); then the
 * default graph training on wasm in the worker while the page records the same.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, startBuiltApp } from '../../tests/e2e/browser';
import { canvas, importFile, openEditor, shot } from '../../tests/e2e/editor-page';
import type { GraphDoc } from '../../src/graph';
import type { EditorResults, FrameStats } from '../results';
import { frameStats, type Recording } from './frames';

/** Starts recording frames and long tasks in the page (idempotent per page). */
async function startRecording(page: Page): Promise<void> {
  // tsx compiles with keepNames: functions passed to the page call its __name helper.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(() => {
    const w = window as unknown as { __rec?: { frames: number[]; longTasks: number[]; on: boolean } };
    const rec = (w.__rec ??= { frames: [], longTasks: [], on: false });
    rec.frames = [];
    rec.longTasks = [];
    rec.on = true;
    const tick = (t: number) => {
      if (!rec.on) return;
      rec.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const obs = new PerformanceObserver((list) => {
      if (rec.on) for (const e of list.getEntries()) rec.longTasks.push(e.duration);
    });
    obs.observe({ type: 'longtask', buffered: false });
    (rec as unknown as { obs: PerformanceObserver }).obs = obs;
  });
}

async function stopRecording(page: Page): Promise<Recording> {
  // One more frame, so tasks the last events started are in.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 60))));
  return page.evaluate(() => {
    const rec = (window as unknown as { __rec: { frames: number[]; longTasks: number[]; on: boolean; obs: PerformanceObserver } }).__rec;
    rec.on = false;
    rec.obs.disconnect();
    return { frames: [...rec.frames], longTasks: [...rec.longTasks] };
  });
}

/** Moves the mouse from `a` along a loop of `radius` for `seconds`, one event about every 16 ms, as a hand would. */
async function sweep(page: Page, a: { x: number; y: number }, radius: number, seconds: number): Promise<void> {
  const t0 = Date.now();
  for (let i = 0; Date.now() - t0 < seconds * 1000; i++) {
    const phase = (i / 90) * 2 * Math.PI;
    await page.mouse.move(a.x + radius * Math.sin(phase), a.y + radius * 0.6 * (1 - Math.cos(phase)));
    await page.waitForTimeout(16);
  }
}

/** A point on the pane with nothing on it, near the middle of the screen. */
async function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return undefined;
    const r = pane.getBoundingClientRect();
    const cx = (r.left + r.right) / 2;
    const cy = (r.top + r.bottom) / 2;
    let best: { x: number; y: number; d: number } | undefined;
    for (let y = r.top + 20; y < r.bottom - 20; y += 12)
      for (let x = r.left + 20; x < r.right - 20; x += 12) {
        const d = Math.hypot(x - cx, y - cy);
        if (document.elementFromPoint(x, y) === pane && (!best || d < best.d)) best = { x, y, d };
      }
    return best;
  });
  if (!p) throw new Error('the canvas has no empty spot on screen');
  return p;
}

/** The title bar of a node card that sits well inside the visible canvas. */
async function nodeToDrag(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      if (r.left > pane.left + 200 && r.right < pane.right - 200 && r.top > pane.top + 150 && r.bottom < pane.bottom - 150 && r.width > 20)
        return { x: r.left + r.width / 2, y: r.top + Math.min(10, r.height / 4) };
    }
    return undefined;
  });
  if (!p) throw new Error('no node of the graph is well inside the visible canvas');
  return p;
}

const nodeCount = (page: Page) => page.evaluate(() => document.querySelectorAll('.react-flow__node').length);

export async function runEditorBench(doc: GraphDoc, o: { seconds: number; trainingSeconds: number; log: (line: string) => void }): Promise<Pick<EditorResults, 'loadMs' | 'drag' | 'pan' | 'training'> & { notes: string[] }> {
  const { log } = o;
  const notes: string[] = [];
  const [app, browser] = await Promise.all([startBuiltApp(), launchBrowser()]);
  try {
    const big = await openEditor(browser, app.url);
    const { page } = big;
    const t0 = performance.now();
    await importFile(page, 'bench-300.ganvas.json', doc);
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, doc.nodes.length, { timeout: 120_000, polling: 'raf' });
    const loadMs = performance.now() - t0;
    log(`  editor: ${await nodeCount(page)} nodes on the canvas ${(loadMs / 1000).toFixed(2)} s after the import`);
    await page.waitForTimeout(1000);
    await shot(page, 'bench-300-loaded');

    const grab = await nodeToDrag(page);
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await startRecording(page);
    await sweep(page, grab, 120, o.seconds);
    const dragRec = await stopRecording(page);
    await page.mouse.up();
    await shot(page, 'bench-300-dragged');
    const drag = frameStats(dragRec);
    log(`  drag: ${fmt(drag)}`);

    const spot = await emptySpot(page);
    await page.mouse.move(spot.x, spot.y);
    await page.mouse.down();
    await startRecording(page);
    await sweep(page, spot, 200, o.seconds);
    const panRec = await stopRecording(page);
    await page.mouse.up();
    await shot(page, 'bench-300-panned');
    const pan = frameStats(panRec);
    log(`  pan: ${fmt(pan)}`);
    if (big.log.errors.length) notes.push(`The editor logged errors with the 300-node graph: ${big.log.errors.slice(0, 3).join(' | ')}`);
    await big.context.close();

    const training = await trainingFrames(browser, app.url, o.trainingSeconds, log);
    return { loadMs, drag, pan, training, notes };
  } finally {
    await browser.close();
    await app.close();
  }
}

/** The default graph training on wasm in the worker; the page idles and records. */
async function trainingFrames(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string, seconds: number, log: (line: string) => void): Promise<EditorResults['training']> {
  const ed = await openEditor(browser, url);
  const { page } = ed;
  try {
    const panel = page.getByRole('region', { name: 'Training' });
    await panel.getByLabel('Backend', { exact: true }).selectOption('wasm');
    await panel.getByLabel('Steps', { exact: true }).fill('100000');
    await panel.getByRole('button', { name: 'Train', exact: true }).click();
    const stepOf = async () => Number(/step (\d+)/.exec(await panel.getByRole('status', { name: 'Training status' }).innerText())?.[1] ?? 0);
    const deadline = Date.now() + 120_000;
    while ((await stepOf()) < 3) {
      if (Date.now() > deadline) throw new Error('training in the editor did not reach step 3 within 2 minutes');
      await page.waitForTimeout(250);
    }
    const before = await stepOf();
    await canvas(page).hover();
    await startRecording(page);
    await page.waitForTimeout(seconds * 1000);
    const rec = await stopRecording(page);
    const steps = (await stepOf()) - before;
    await shot(page, 'bench-training');
    await panel.getByRole('button', { name: 'Stop' }).click();
    const stats = { ...frameStats(rec), backend: 'wasm', steps };
    log(`  while training (${steps} steps): ${fmt(stats)}`);
    return stats;
  } finally {
    await ed.context.close();
  }
}

const fmt = (s: FrameStats) => `${s.frames} frames in ${s.seconds.toFixed(1)} s, median ${s.medianMs.toFixed(1)} ms, p95 ${s.p95Ms.toFixed(1)} ms, max ${s.maxMs.toFixed(0)} ms; ${s.longTasks} long tasks (${s.longTaskMs.toFixed(0)} ms, longest ${s.longestTaskMs.toFixed(0)} ms)`;
