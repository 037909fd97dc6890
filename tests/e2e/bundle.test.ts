/**
 * The editor's page loads no TensorFlow.js: training runs in a worker, so the page's own chunks
 * (the entry script and everything it imports or preloads) must not contain tfjs. Checked on the
 * built app, as `npm run build` makes it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'ganvas-bundle-'));
  await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Strings tfjs-core carries in any build: kernel and flag names survive minification. */
const tfjsMarkers = ['Conv2DBackpropFilter', 'IS_BROWSER', 'CHECK_COMPUTATION_FOR_ERRORS'];

/** The page's scripts: the entry and, transitively, every chunk it imports statically. */
function pageChunks(): string[] {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const start = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(outDir, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${m[1]}`);
  }
  return [...seen];
}

describe('the built editor page', () => {
  it('has an entry script', () => {
    expect(pageChunks().length).toBeGreaterThan(0);
  });

  it('contains no TensorFlow.js in any chunk the page loads', () => {
    for (const file of pageChunks()) {
      const code = readFileSync(join(outDir, file), 'utf8');
      for (const marker of tfjsMarkers) expect(code.includes(marker), `${file} contains "${marker}"`).toBe(false);
    }
  });

  it('would notice tfjs if it were there: the markers are in tfjs-core itself', () => {
    const core = readFileSync(join('node_modules', '@tensorflow', 'tfjs-core', 'dist', 'tf-core.min.js'), 'utf8');
    for (const marker of tfjsMarkers) expect(core.includes(marker), marker).toBe(true);
    expect(readdirSync(join(outDir, 'assets')).length).toBeGreaterThan(0);
  });
});
