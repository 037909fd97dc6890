import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { initNodeBackend, type NodeBackendName } from './node';
import { wasmGradientKernels } from './wasm-kernels';

describe('initNodeBackend', () => {
  it('starts the cpu backend', async () => {
    expect(await initNodeBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('starts wasm single-threaded with SIMD and the added kernels', async () => {
    expect(await initNodeBackend('wasm')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
    expect(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')).toBe(true);
    expect(getThreadsCount()).toBe(1);
    for (const k of wasmGradientKernels) expect(tf.getKernel(k.kernelName, 'wasm')).toBe(k);
    // A conv layer's weight gradient now runs on wasm.
    const g = tf.tidy(() => tf.grad((w: tf.Tensor) => tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid')))(tf.ones([3, 3, 1, 1])));
    expect(Array.from(g.dataSync())).toEqual(new Array(9).fill(4));
    g.dispose();
  });

  it('switches between the two and back', async () => {
    expect(await initNodeBackend('cpu')).toBe('cpu');
    expect(await initNodeBackend('wasm')).toBe('wasm');
  });

  // These two leave tfjs pointing at a backend that never came up: keep them last.
  it('says so when a backend fails to start, rather than carrying on with another', async () => {
    tf.registerBackend('broken-for-test', () => {
      throw new Error('no such device');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {}); // tfjs reports the failure itself
    await expect(initNodeBackend('broken-for-test' as NodeBackendName)).rejects.toThrow(/"broken-for-test" backend failed to start/);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('gives up on a backend that never finishes starting', async () => {
    tf.registerBackend('hangs-for-test', () => new Promise<tf.KernelBackend>(() => {}));
    const started = Date.now();
    await expect(initNodeBackend('hangs-for-test' as NodeBackendName, { timeoutMs: 200 })).rejects.toThrow(/did not start within 0.2 s/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
