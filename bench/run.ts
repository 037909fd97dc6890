/**
 * `npm run bench`: the three reference workloads in Node (wasm, cpu) and in headless Chromium
 * (webgpu, webgl, wasm), each as the compiled graph against a hand-written tfjs loop of the
 * same model (and, in Node, a PyTorch peer where torch is installed), all timed in the same run;
 * then the editor rows (a 300-node graph: compile time, frame times while dragging and panning,
 * long tasks while training). Prints Markdown tables and writes bench/results/<date>-<machine>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeBackendName } from '../src/runtime/backends/node';
import { benchBackends, benchGroups, parseArgs, usage } from './args';
import { workloads } from './workloads';
import { browserBackends, runBrowserBench, type BrowserBackend } from './browser/chromium';
import { runEditorRows } from './editor/run-editor';
import { describeMachine } from './machine';
import { runNodeBench } from './node-bench';
import { resultsFileName, zBenchResults, type BenchResults } from './results';
import { browserTable, describeRun, editorTable, profileTable, resultsTable } from './table';

const here = dirname(fileURLToPath(import.meta.url));

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const started = performance.now();
  const results: BenchResults = {
    format: 'ganvas-bench',
    version: 1,
    date: new Date().toISOString(),
    mode: args.mode,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    elapsedS: 0,
    machine: describeMachine(args.machine),
    protocol: {},
    peer: { skipped: 'the Node rows did not run' },
    rows: [],
    profiles: [],
    notes: [],
  };
  const lap = (what: string, t0: number) => log(`(${what}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  if (args.only.includes('node')) {
    const t0 = performance.now();
    const backends = args.backends.filter((b): b is NodeBackendName => b === 'wasm' || b === 'cpu');
    const r = await runNodeBench({ mode: args.mode, workloads: args.workloads, backends, peer: args.peer, log });
    results.rows.push(...r.rows);
    results.profiles.push(...r.profiles);
    results.notes.push(...r.notes);
    Object.assign(results.protocol, r.protocol);
    results.peer = r.peer;
    lap('Node rows', t0);
  }
  if (args.only.includes('browser')) {
    const t0 = performance.now();
    const backends = browserBackends.filter((b): b is BrowserBackend => (args.backends as string[]).includes(b));
    const r = await runBrowserBench({ mode: args.mode, workloads: args.workloads, backends, log });
    results.rows.push(...r.rows);
    results.profiles.push(...r.profiles);
    results.notes.push(...r.notes);
    Object.assign(results.protocol, r.protocol);
    results.chromium = r.chromium;
    lap('Chromium rows', t0);
  }
  if (args.only.includes('editor')) {
    const t0 = performance.now();
    results.editor = await runEditorRows({ mode: args.mode, log });
    results.notes.push(...results.editor.notes);
    lap('editor rows', t0);
  }
  results.elapsedS = Math.round((performance.now() - started) / 100) / 10;
  zBenchResults.parse(results);

  if (results.rows.length) console.log(resultsTable(results.rows));
  if (results.rows.some((r) => r.where === 'chromium')) console.log(`\nIn Chromium:\n\n${browserTable(results.rows)}`);
  if (results.editor) console.log(`\n${editorTable(results.editor)}`);
  console.log();
  for (const line of [...describeRun(results), ...results.notes]) console.log(line);
  if (args.profile) printProfiles(results);
  const out = args.out ?? join(here, 'results', resultsFileName(new Date(), results.machine.name, args.mode, partOf(args)));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  log(`Wrote ${out} (${results.elapsedS} s).`);
  return results.rows.some((r) => r.parity && !r.parity.ok) ? 1 : 0;
}

/** What a run that left something out covered ('editor', 'node-partial'); undefined for a whole run. */
function partOf(args: ReturnType<typeof parseArgs>): string | undefined {
  const groups = args.only.length < benchGroups.length ? args.only.join('-') : '';
  const subset = args.workloads.length < workloads.length || args.backends.length < benchBackends.length;
  return groups || subset ? [groups, subset ? 'partial' : ''].filter(Boolean).join('-') : undefined;
}

/** Per workload and backend: the compiled and hand-written steps' kernels side by side, then the compiled step's costliest calls. */
function printProfiles(r: BenchResults): void {
  for (const key of new Set(r.profiles.map((p) => `${p.workload} on ${p.backend}`))) {
    const ps = r.profiles.filter((p) => `${p.workload} on ${p.backend}` === key);
    console.log(`\n### ${key}: one step, per kernel (tf.profile)\n`);
    console.log(profileTable(ps.map((p) => ({ label: p.impl, kernelMs: p.kernelMs, kernels: p.kernels }))));
    const c = ps.find((p) => p.impl === 'compiled');
    if (c) console.log(`\nCostliest calls of the compiled step: ${c.top.map((t) => `${t.name} ${t.inputs} ${t.ms.toFixed(1)} ms`).join('; ')}`);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log((e as Error).stack ?? String(e));
    process.exit(2);
  },
);
