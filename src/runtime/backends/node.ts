/**
 * Picks the tfjs backend in Node (CLI, tests, benchmarks): wasm, single-threaded with SIMD,
 * which is the fastest backend here (STACK-NOTES.md), or the plain cpu backend. Either the
 * requested backend runs or this throws: tfjs would otherwise carry on with whichever backend
 * it could start, and a run would silently be many times slower or miss kernels.
 */
import * as tf from '@tensorflow/tfjs';
// Registers the wasm backend and its flags; in Node it reads the .wasm files from the package.
import '@tensorflow/tfjs-backend-wasm';
import { registerCpuKernels } from './cpu-kernels';
import { registerWasmGradientKernels } from './wasm-kernels';

export type NodeBackendName = 'wasm' | 'cpu';

export interface NodeBackendOptions {
  /** How long starting the backend may take before it counts as hung. */
  timeoutMs?: number;
}

const defaultTimeoutMs = 30_000;

export async function initNodeBackend(name: NodeBackendName, options: NodeBackendOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (name === 'wasm') {
    // Threads in Node are unsupported by tfjs (tensorflow/tfjs#3830) and were slower on 2 cores;
    // the threaded build also hangs setBackend in some bundles, hence the timeout below.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    registerWasmGradientKernels();
  } else registerCpuKernels();
  const started = await withTimeout(tf.setBackend(name), timeoutMs, () =>
    new Error(`The tfjs "${name}" backend did not start within ${timeoutMs / 1000} s (setBackend never resolved).`),
  );
  if (!started) throw new Error(`The tfjs "${name}" backend failed to start; see the warning tfjs printed above.`);
  const active = tf.getBackend();
  if (active !== name) throw new Error(`Asked for the tfjs "${name}" backend, but "${active}" is active.`);
  if (name === 'wasm' && !(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')))
    throw new Error('This JavaScript engine has no WebAssembly SIMD, so tfjs would run the much slower scalar wasm build.');
  return active;
}

async function withTimeout<T>(work: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
