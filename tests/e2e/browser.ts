/**
 * End-to-end helpers: the app built once by Vite into a temporary folder and served by
 * `vite preview` on a free local port, and Debian's Chromium driven by playwright-core
 * (headless, WebGPU enabled on machines without a GPU).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface App {
  url: string;
  close(): Promise<void>;
}

/** Builds the editor as `npm run build` does, into a folder of its own, and serves it. */
export async function startBuiltApp(): Promise<App> {
  const outDir = mkdtempSync(join(tmpdir(), 'ganvas-e2e-'));
  await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({ logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-quic', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** What a page did that a test may want to refuse: console errors, uncaught errors, outside requests. */
export interface PageLog {
  errors: string[];
  outside: string[];
}

/** A fresh context (empty IndexedDB) at 1280×720, logging errors and requests leaving `url`. */
export async function newContext(browser: Browser, url: string, o: { colorScheme?: 'dark' | 'light' } = {}): Promise<{ context: BrowserContext; log: PageLog }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true, colorScheme: o.colorScheme ?? 'dark' });
  const log: PageLog = { errors: [], outside: [] };
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') log.errors.push(m.text());
    });
    page.on('pageerror', (e) => log.errors.push(String(e)));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(url) && !u.startsWith('data:') && !u.startsWith('blob:')) log.outside.push(u);
    });
  };
  context.on('page', watch);
  return { context, log };
}
