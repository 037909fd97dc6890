/**
 * The run slice: what the page knows of the training worker (status, backend, progress, the
 * logged losses, the latest preview images). It is not part of the document and has no undo;
 * `receive` folds one worker message into it, as a pure function the tests call directly.
 */
import type { BackendChoice, BackendName, FromWorker, RunStatus } from '../../runtime/protocol';

export interface PreviewView {
  step: number;
  images: { width: number; height: number; pixels: Uint8ClampedArray }[];
}

export interface RunView {
  status: RunStatus | 'idle';
  backend?: BackendName;
  /** Why earlier backends in the order were not used. */
  reasons: string[];
  step: number;
  /** The step training runs to. */
  end: number;
  /** Iterations per second, recent. */
  rate: number;
  tensors?: number;
  message?: string;
  /** Logged losses in step order. */
  losses: { step: number; values: Record<string, number> }[];
  previews: Record<string, PreviewView>;
}

export interface RunSettings {
  backend: BackendChoice;
  steps: number;
  previewEvery: number;
}

export interface RunSlice {
  run: RunView;
  runSettings: RunSettings;
  setRun(run: RunView): void;
  setRunSettings(patch: Partial<RunSettings>): void;
}

export const idleRun: RunView = { status: 'idle', reasons: [], step: 0, end: 0, rate: 0, losses: [], previews: {} };

export function receive(run: RunView, m: FromWorker): RunView {
  switch (m.type) {
    case 'backend':
      return { ...run, backend: m.name, reasons: m.reasons };
    case 'status':
      return { ...run, status: m.status, step: m.step, message: m.message };
    case 'progress':
      return {
        ...run,
        step: m.step,
        rate: m.rate,
        tensors: m.tensors,
        losses: m.losses ? [...run.losses, { step: m.step, values: m.losses }] : run.losses,
      };
    case 'preview':
      return {
        ...run,
        previews: {
          ...run.previews,
          [m.nodeId]: { step: m.step, images: m.images.map((i) => ({ width: i.width, height: i.height, pixels: new Uint8ClampedArray(i.pixels) })) },
        },
      };
  }
}
