/**
 * The browser rows of `npm run bench`: the bench page (bench/browser, built with its own vite
 * config into a temporary folder and served by `vite preview`) in Debian's headless Chromium,
 * on webgpu, webgl and wasm. wasm (and a real GPU) runs the full protocol on every workload;
 * software-emulated webgpu and webgl (SwiftShader, detected as the runtime's automatic choice
 * detects it) run pix2pix-lite-64 only, 1 warm-up + 5 timed steps, and carry no target. Time
 * to the first step is measured in a fresh browser each time, so no shader cache helps it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, preview } from 'vite';
import { launchBrowser } from '../../tests/e2e/browser';
import type { BenchResults, BenchRow } from '../results';
import { gflops, ratio } from '../stats';
import { workload, type WorkloadId } from '../workloads';
import type { BenchPage } from './page';
import type { PageImplResult } from './page-measure';
import { browserPlan, type BrowserBackend, type BrowserPlan } from './plan';

export { browserBackends, type BrowserBackend } from './plan';

const here = dirname(fileURLToPath(import.meta.url));

export interface BrowserRun {
  rows: BenchRow[];
  notes: string[];
  protocol: BenchResults['protocol'];
  profiles: BenchResults['profiles'];
  chromium: string;
}

/** Serves the bench page; `close` stops the server and removes the build. */
async function serveBenchPage(): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'ganvas-bench-page-'));
  const configFile = join(here, 'vite.config.ts');
  await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ configFile, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the bench page server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A fresh page of the bench, ready; its console lines starting "bench:" go to `log`. */
async function openPage(browser: Browser, url: string, log: (line: string) => void): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('bench: ')) log(`    ${text.slice(7)}`);
    else if (m.type() === 'error') log(`    page error: ${text}`);
  });
  page.on('pageerror', (e) => log(`    page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
  return page;
}

/** Calls one method of the page's `window.ganvasBench` with arguments that survive structured cloning. */
function call<K extends keyof BenchPage>(page: Page, method: K, ...args: Parameters<BenchPage[K]>): Promise<Awaited<ReturnType<BenchPage[K]>>> {
  return page.evaluate(
    ([m, a]) => ((window as unknown as { ganvasBench: Record<string, (...x: unknown[]) => Promise<unknown>> }).ganvasBench[m]!)(...a),
    [method, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<BenchPage[K]>>>;
}

/** Build and first step of one implementation in a browser of its own (backend start reported apart). */
async function firstStep(url: string, backend: BrowserBackend, id: WorkloadId, impl: 'compiled' | 'hand-written', log: (line: string) => void): Promise<{ ms: number; startMs: number } | undefined> {
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser, url, log);
    const start = await call(page, 'start', backend);
    const r = await call(page, 'firstStep', id, impl);
    return { ms: r.ms, startMs: start.ms };
  } catch (e) {
    log(`  first step of ${impl} ${id} on ${backend} in Chromium failed: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  } finally {
    await browser.close();
  }
}

export async function runBrowserBench(o: { mode: 'full' | 'quick'; workloads: readonly WorkloadId[]; backends: readonly BrowserBackend[]; log: (line: string) => void }): Promise<BrowserRun> {
  const { log } = o;
  const out: BrowserRun = { rows: [], notes: [], protocol: {}, profiles: [], chromium: '' };
  const server = await serveBenchPage();
  const browser = await launchBrowser();
  try {
    out.chromium = `Chromium ${browser.version()} (headless)`;
    const probe = await openPage(browser, server.url, log);
    const software = await call(probe, 'software');
    await probe.context().close();
    for (const backend of o.backends) {
      const soft = backend === 'wasm' ? undefined : software[backend];
      const plan = browserPlan(backend, soft, o.mode, o.workloads);
      if (plan.workloads.length === 0) continue;
      out.protocol[`chromium ${backend}`] = { ...plan.protocol, workloads: plan.workloads };
      if (soft) log(`Chromium ${backend}: software-emulated (${soft}); pix2pix-lite-64 only, no target`);
      for (const id of plan.workloads) {
        log(`${id} on ${backend} in Chromium: ${plan.protocol.warmup} warm-up + ${plan.protocol.timed} timed steps`);
        const page = await openPage(browser, server.url, log);
        let results: PageImplResult[];
        try {
          await call(page, 'start', backend);
          results = await call(page, 'measure', id, plan.protocol);
        } catch (e) {
          const why = (e as Error).message.split('\n')[0];
          log(`  failed: ${why}`);
          out.notes.push(`${id} on ${backend} in Chromium failed: ${why}`);
          continue;
        } finally {
          await page.context().close();
        }
        const first = {
          compiled: await firstStep(server.url, backend, id, 'compiled', log),
          'hand-written': await firstStep(server.url, backend, id, 'hand-written', log),
        };
        out.rows.push(...toRows(id, backend, soft, plan, results, first));
        for (const r of results) if (r.profile.kernelMs > 0) out.profiles.push({ workload: id, backend: `chromium ${backend}`, impl: r.impl, kernelMs: r.profile.kernelMs, kernels: r.profile.kernels, top: r.profile.top });
        const h = results.find((r) => r.impl === 'hand-written');
        if (h?.parity && !h.parity.ok) out.notes.push(`${id} on ${backend} in Chromium: the hand-written step-1 losses differ from the compiled graph's (${h.parity.key}, ${h.parity.rel.toExponential(1)} relative).`);
        for (const r of results) if (r.leakedTensors) out.notes.push(`${id} on ${backend} in Chromium: the ${r.impl} loop left ${r.leakedTensors} tensors behind over its timed steps.`);
        log(`  medians: ${results.map((r) => `${r.impl} ${r.summary.median.toFixed(1)} ms, ${r.readbacksPerStep} reads/step (${r.readbacksLoggedStep} in the logged step 1)`).join('; ')}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

function toRows(
  id: WorkloadId,
  backend: BrowserBackend,
  software: string | undefined,
  plan: BrowserPlan,
  results: PageImplResult[],
  first: Record<'compiled' | 'hand-written', { ms: number; startMs: number } | undefined>,
): BenchRow[] {
  const w = workload(id);
  const hand = results.find((r) => r.impl === 'hand-written')!.summary.median;
  return results.map((r) => {
    const vsHand = r.impl === 'compiled' ? ratio(r.summary.median, hand) : undefined;
    const target = r.impl === 'compiled' ? plan.target : undefined;
    const f = first[r.impl];
    return {
      workload: id,
      backend,
      where: 'chromium',
      ...(software ? { software } : {}),
      impl: r.impl,
      warmup: plan.protocol.warmup,
      timed: plan.protocol.timed,
      ms: r.summary,
      samples: r.samples.map((v) => Math.round(v * 1000) / 1000),
      gflops: gflops(w.flops.train, r.summary.median),
      peakBytes: r.profile.peakBytes,
      peakTensors: r.profile.peakTensors,
      leakedTensors: r.leakedTensors,
      ...(f ? { firstStepMs: f.ms, backendStartMs: f.startMs } : {}),
      ...(vsHand !== undefined ? { vsHandWritten: vsHand } : {}),
      ...(target !== undefined && vsHand !== undefined ? { target, meetsTarget: vsHand <= target } : {}),
      ...(r.parity ? { parity: r.parity } : {}),
      losses: r.losses,
      readbacksPerStep: r.readbacksPerStep,
      readbacksLoggedStep: r.readbacksLoggedStep,
    };
  });
}
