/**
 * The bench page's own build (bench/browser → dist/bench-page, gitignored; the bench builds into a temporary folder): the workloads,
 * the hand-written loops and the runtime's browser backends, nothing of the editor app.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'error',
  build: { outDir: '../../dist/bench-page', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 },
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
});
