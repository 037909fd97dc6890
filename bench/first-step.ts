/**
 * Time to the first step, in a fresh process: `tsx bench/first-step.ts WORKLOAD BACKEND IMPL`
 * builds the implementation (compiled: read, parse, compile, create the Trainer; hand-written:
 * make the data of one step and the weights) and runs its first step, losses read back. The
 * framework and backend are loaded first and not counted. Prints {"ms": …} on stdout.
 */
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend, type NodeBackendName } from '../src/runtime/backends/node';
import { compiled, handWritten } from './impls';
import { workload } from './workloads';

async function main(): Promise<void> {
  const [id, backend, impl] = process.argv.slice(2);
  const w = workload(id ?? '');
  if (impl !== 'compiled' && impl !== 'hand-written') throw new Error(`first-step: implementation "${impl}" is neither compiled nor hand-written`);
  await initNodeBackend(backend as NodeBackendName);
  const t0 = performance.now();
  const run = impl === 'compiled' ? await compiled(w) : handWritten(w, 1);
  const r = await run.step(true);
  const ms = performance.now() - t0;
  run.dispose();
  process.stdout.write(`${JSON.stringify({ ms, losses: r.losses, tensors: tf.memory().numTensors })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
