/**
 * The editor's page imports the PNG-graph reader, the result PNG, the exporter and the zip
 * maker, and must not load tfjs: a fresh Node process imports them and counts the tfjs modules
 * loaded, then imports the Trainer to show the count can see them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

it('loads no TensorFlow.js module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-page-safe-'));
  try {
    const file = join(dir, 'probe.mts');
    const at = (f: string) => JSON.stringify(join(here, f));
    writeFileSync(
      file,
      `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const tfjs = () => Object.keys(require.cache).filter((k) => k.includes('@tensorflow')).length;
for (const f of [${['index.ts', 'png-graph.ts', 'result-png.ts', 'network-export.ts', 'zip.ts'].map(at).join(', ')}]) await import(f);
const before = tfjs();
await import(${at('../trainer.ts')});
console.log(JSON.stringify({ before, after: tfjs() }));
`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
    const counts = JSON.parse(out.trim().split('\n').at(-1)!) as { before: number; after: number };
    expect(counts.before).toBe(0);
    expect(counts.after).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
