/**
 * The one message protocol between the editor's page and the training worker. Both sides import
 * these types; nothing else crosses the boundary. Pixels travel as transferable buffers.
 */
import type { GraphDoc } from '../graph/schema';

export const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];
export type BackendChoice = 'auto' | BackendName;

export type ToWorker =
  /** Compile `doc` and train it; `steps` more iterations, previews every `previewEvery`. */
  | { type: 'start'; doc: GraphDoc; backend: BackendChoice; steps: number; previewEvery: number }
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
