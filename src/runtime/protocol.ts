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
    }
  | { type: 'pause' }
  | { type: 'resume' }
  /** One iteration of every optimizer, when paused. */
  | { type: 'step' }
  | { type: 'stop' }
  | { type: 'set-preview-every'; every: number };

export type RunStatus = 'starting' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface WirePreview {
  width: number;
  height: number;
  /** RGBA, row-major; transferred, not copied. */
  pixels: ArrayBuffer;
}

export type FromWorker =
  | { type: 'backend'; name: BackendName; /** Why this backend and not an earlier one in the order. */ reasons: string[] }
  | { type: 'status'; status: RunStatus; step: number; message?: string }
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
  | { type: 'preview'; nodeId: string; step: number; images: WirePreview[] };
