/**
 * Counts reads of tensor data from the active backend (every `data()`, `dataSync()`, `array()`
 * and the engine's own reads end in the backend's `read` or `readSync`), so the bench can show
 * that a training step reads nothing back. The bench's own fence, which waits for the device
 * to finish a step, runs with counting paused.
 */
import * as tf from '@tensorflow/tfjs';

interface Readable {
  read(dataId: object): Promise<unknown>;
  readSync(dataId: object): unknown;
}

export interface ReadCounter {
  /** Reads since the counter was made or last reset. */
  readonly count: number;
  reset(): void;
  /** Runs `work` without counting its reads. */
  paused<T>(work: () => Promise<T>): Promise<T>;
  restore(): void;
}

export function countReads(): ReadCounter {
  const backend = tf.backend() as unknown as Readable;
  const { read, readSync } = backend;
  let count = 0;
  let pause = 0;
  backend.read = function (dataId) {
    if (pause === 0) count++;
    return read.call(this, dataId);
  };
  backend.readSync = function (dataId) {
    if (pause === 0) count++;
    return readSync.call(this, dataId);
  };
  return {
    get count() {
      return count;
    },
    reset: () => (count = 0),
    async paused(work) {
      pause++;
      try {
        return await work();
      } finally {
        pause--;
      }
    },
    restore() {
      backend.read = read;
      backend.readSync = readSync;
    },
  };
}

/**
 * Waits until the device has finished everything queued so far: one tiny op after them, read
 * back (GPU queues run in order). Step times on webgpu and webgl then include the GPU's work;
 * on wasm and cpu it costs a one-element read.
 */
export async function fence(): Promise<void> {
  const t = tf.fill([1], 0);
  try {
    await t.data();
  } finally {
    t.dispose();
  }
}
