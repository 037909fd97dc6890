/**
 * Picks the tfjs backend in a browser worker: webgpu, then webgl, then wasm, then cpu. The
 * automatic choice skips software-emulated GPUs (a WebGPU fallback adapter, a SwiftShader or
 * llvmpipe WebGL renderer): on a machine without a GPU, wasm is many times faster than them
 * (STACK-NOTES.md). Every backend skipped or failed is given a reason the user can read.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import type { BackendChoice, BackendName } from '../protocol';
import { backendNames } from '../protocol';
import type { StartedBackend } from '../worker/session';
import { registerCpuKernels } from './cpu-kernels';
import { registerWasmGradientKernels } from './wasm-kernels';

const startTimeoutMs = 30_000;

/** Why the GPU backend would run on a software emulation rather than a real GPU (undefined: it would not); the bench reads it too. */
export async function softwareReason(name: BackendName): Promise<string | undefined> {
  if (name === 'webgpu') {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } } | null> } }).gpu;
    if (!gpu) return 'WebGPU is not available in this browser.';
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'WebGPU has no adapter here.';
    if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter) return 'WebGPU runs on a software adapter here (no GPU), which is slower than wasm.';
  }
  if (name === 'webgl') {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2');
    if (!gl) return 'WebGL 2 is not available here.';
    // RENDERER is masked ("WebKit WebGL"); the debug extension names the real one.
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    if (/swiftshader|llvmpipe|software/i.test(renderer)) return `WebGL runs on a software renderer here (${renderer}), which is slower than wasm.`;
  }
  return undefined;
}

async function start(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    // The threaded build hangs setBackend in a minified bundle served with COOP/COEP; one thread it is.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmUrl, 'tfjs-backend-wasm-simd.wasm': wasmSimdUrl, 'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl });
    registerWasmGradientKernels();
  }
  if (name === 'cpu') registerCpuKernels();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
  });
  try {
    const ok = await Promise.race([tf.setBackend(name), timeout]);
    if (!ok || tf.getBackend() !== name) throw new Error('it failed to initialise');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the chosen backend, or the first that works in the order of preference, never one of
 * `exclude`. A backend the user picked by name is used even when it is software-emulated; if it
 * cannot start, the next one in the order is tried and the reason reported.
 */
export async function initBrowserBackend(choice: BackendChoice, exclude: readonly BackendName[] = []): Promise<StartedBackend> {
  const reasons: string[] = [];
  const order = (choice === 'auto' ? [...backendNames] : [choice, ...backendNames.filter((b) => b !== choice)]).filter((b) => !exclude.includes(b));
  for (const name of order) {
    if (choice === 'auto' && name !== 'cpu') {
      const soft = await softwareReason(name);
      if (soft) {
        reasons.push(`${name}: ${soft}`);
        continue;
      }
    }
    try {
      await start(name);
      return { name, reasons, ...deviceWatch(name) };
    } catch (e) {
      reasons.push(`${name}: ${(e as Error).message}.`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${reasons.join(' ')}`);
}

interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

/** The GPU backends' device, watched for loss; destroying it is the fault hook's lost device. */
function deviceWatch(name: BackendName): Pick<StartedBackend, 'lost' | 'loseDevice'> {
  if (name === 'webgpu') {
    const device = (tf.backend() as unknown as { device?: GpuDeviceLike }).device;
    if (!device) return {};
    return {
      lost: device.lost.then((info) => [info.reason, info.message].filter(Boolean).join(': ') || 'no reason given'),
      loseDevice: () => {
        device.destroy();
        return true;
      },
    };
  }
  if (name === 'webgl') {
    const canvas = (tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } }).gpgpu?.gl?.canvas;
    if (!canvas) return {};
    return { lost: new Promise((resolve) => canvas.addEventListener('webglcontextlost', () => resolve('the WebGL context was lost'), { once: true })) };
  }
  return {};
}
