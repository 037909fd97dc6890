/**
 * The one message protocol between the editor's page and the training worker. Both sides import
 * these types; nothing else crosses the boundary. Pixels travel as transferable buffers.
 */
import type { GraphDoc } from '../graph/schema';

/** A decoded picture of the user's (RGBA, 8 bits), keyed by its content hash. */
export interface WireImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];
export type BackendChoice = 'auto' | BackendName;

/** Faults the test hook can inject, each handled as the real one is. */
export const faultKinds = ['nan', 'device-lost', 'oom'] as const;
export type FaultKind = (typeof faultKinds)[number];

/** Where a run starts: fresh weights, a saved checkpoint, or the weights of unchanged networks. */
export type StartFrom = 'fresh' | 'checkpoint' | 'weights';

export type ToWorker =
  /** Compile `doc` and train it; `steps` more iterations, previews every `previewEvery`. */
  | {
      type: 'start';
      doc: GraphDoc;
      backend: BackendChoice;
      steps: number;
      previewEvery: number;
      /** The user's pictures the graph names (asset "image:<id>"), by id; a missing one is skipped. */
      images?: Record<string, WireImage>;
      /** Default 'fresh'. The others read the checkpoint saved under `checkpoint.key`. */
      from?: StartFrom;
      /** Where checkpoints go (the graph's id) and every how many iterations; also saved on pause and stop. */
      checkpoint?: { key: string; every: number };
    }
  | { type: 'pause' }
  | { type: 'resume' }
  /** One iteration of every optimizer, when paused. */
  | { type: 'step' }
  | { type: 'stop' }
  | { type: 'set-preview-every'; every: number }
  /**
   * The trained network as a folder for plain TensorFlow.js, zipped: from the run's current
   * weights, or, with no run, from the checkpoint saved under `key` for `doc`.
   */
  | { type: 'export-network'; network: string; doc?: GraphDoc; key?: string }
  /** Runs a trained network on a picture of the user's (Apply); the answer is 'applied' or a notice. */
  | { type: 'apply'; network: string; image: WireImage }
  /** The test hook: makes the fault happen at the next iteration. */
  | { type: 'inject-fault'; fault: FaultKind };

export type RunStatus = 'starting' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface WirePreview {
  width: number;
  height: number;
  /** RGBA, row-major; transferred, not copied. */
  pixels: ArrayBuffer;
}

export type FromWorker =
  | { type: 'backend'; name: BackendName; /** Why this backend and not an earlier one in the order. */ reasons: string[] }
  | {
      type: 'status';
      status: RunStatus;
      step: number;
      message?: string;
      /** Why it paused or failed, when a fault did it. */
      fault?: FaultKind;
      /** The backend to go on with after a lost device or exhausted memory. */
      fallback?: BackendName;
    }
  /** A checkpoint was written. */
  | { type: 'checkpoint'; step: number; savedAt: number }
  /** Apply's result, as preview pixels. */
  | { type: 'applied'; network: string; step: number; image: WirePreview }
  /** A file for the user to save (an exported network); transferred. */
  | { type: 'exported'; name: string; bytes: ArrayBuffer }
  /** Something the user should know that is not an error (weights kept, a checkpoint not saved). */
  | { type: 'notice'; text: string }
  | {
      type: 'progress';
      step: number;
      /** Iterations per second over the last few. */
      rate: number;
      /** Loss values by node id, on logged iterations. */
      losses?: Record<string, number>;
      /** Live tensors in the worker, for the memory-discipline checks. */
      tensors: number;
    }
  | { type: 'preview'; nodeId: string; step: number; images: WirePreview[] }
  /** An Inspect node's wire: statistics per tensor, and for maps the first channels as grey images. */
  | { type: 'inspect'; nodeId: string; step: number; stats: WireStats[]; channels: WirePreview[] };

export interface WireStats {
  shape: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Counts over equal bins from min to max. */
  histogram: number[];
}
