/**
 * The bench page's entry: what bench/browser/chromium.ts drives through `window.ganvasBench`.
 * It reuses the runtime's browser backend start (initBrowserBackend) and the bench's
 * hand-written loops; each call reports progress as console lines starting "bench:".
 */
import * as tf from '@tensorflow/tfjs';
import { initBrowserBackend, softwareReason } from '../../src/runtime/backends/browser';
import type { BackendName } from '../../src/runtime/protocol';
import { compiledImpl, handWrittenImpl, isWorkload } from './page-impls';
import { measureInPage, type PageImplResult, type PageProtocol } from './page-measure';
import { fence } from './readbacks';

const log = (line: string) => console.log(`bench: ${line}`);
const status = (text: string) => {
  const el = document.getElementById('status');
  if (el) el.textContent = text;
};

function workloadId(id: string) {
  if (!isWorkload(id)) throw new Error(`Unknown workload "${id}".`);
  return id;
}

export interface BenchPage {
  /** Whether each GPU backend here would be software-emulated, and why (undefined: a real GPU, or none to say). */
  software(): Promise<Record<'webgpu' | 'webgl', string | undefined>>;
  /** Starts a backend by name; refuses to carry on with another one. */
  start(backend: BackendName): Promise<{ ms: number; reasons: string[] }>;
  measure(id: string, p: PageProtocol): Promise<PageImplResult[]>;
  /** Build and first step, losses read back (the backend already started). */
  firstStep(id: string, impl: 'compiled' | 'hand-written'): Promise<{ ms: number; losses: Record<string, number> }>;
}

// tf.profile otherwise reads every kernel's output back to look for NaNs.
tf.env().set('CHECK_COMPUTATION_FOR_ERRORS', false);

const page: BenchPage = {
  async software() {
    return { webgpu: await softwareReason('webgpu'), webgl: await softwareReason('webgl') };
  },
  async start(backend) {
    const t0 = performance.now();
    const r = await initBrowserBackend(backend);
    if (r.name !== backend) throw new Error(`${backend} did not start: ${r.reasons.join(' ')}`);
    status(`on ${tf.getBackend()}`);
    return { ms: performance.now() - t0, reasons: r.reasons };
  },
  async measure(id, p) {
    status(`measuring ${id}`);
    const r = await measureInPage(workloadId(id), p, log);
    status(`measured ${id}`);
    return r;
  },
  async firstStep(id, impl) {
    const w = workloadId(id);
    const t0 = performance.now();
    const run = impl === 'compiled' ? await compiledImpl(w) : handWrittenImpl(w, 1);
    const r = await run.step(true);
    await fence();
    const ms = performance.now() - t0;
    run.dispose();
    return { ms, losses: r.losses ?? {} };
  },
};

(window as unknown as { ganvasBench: BenchPage }).ganvasBench = page;
status('ready');
