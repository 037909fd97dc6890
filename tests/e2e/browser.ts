/**
 * End-to-end helpers: the app served by Vite on a free local port, and Debian's Chromium
 * driven by playwright-core (headless, WebGPU enabled on machines without a GPU).
 */
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startApp(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the dev server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-quic', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update'],
  });
}
