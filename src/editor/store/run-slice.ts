/**
 * The run slice: what the page knows of the training worker (status, backend, progress, the
 * logged losses, the latest preview images). It is not part of the document and has no undo;
 * `receive` folds one worker message into it, as a pure function the tests call directly.
 */
import type { CheckpointCard } from '../../runtime/checkpoint-store';
import type { BackendChoice, BackendName, FaultKind, FromWorker, RunStatus, WireStats } from '../../runtime/protocol';

export interface PreviewView {
  step: number;
  images: { width: number; height: number; pixels: Uint8ClampedArray }[];
}

export interface InspectView {
  step: number;
  stats: WireStats[];
  channels: PreviewView['images'];
}

/** The saved checkpoint of the open graph, as its card says (no weights on the page). */
export type SavedRun = Pick<CheckpointCard, 'step' | 'savedAt' | 'fingerprint'>;

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
  inspects: Record<string, InspectView>;
  /** The fault that stopped or paused the run, and the backend to go on with. */
  fault?: FaultKind;
  fallback?: BackendName;
  /** Something to know that is not an error (weights kept, a checkpoint not saved). */
  notice?: string;
  /** trainingFingerprint of the document the worker is training. */
  trained?: string;
  /** The open graph's checkpoint, if one is saved. */
  saved?: SavedRun;
}

export interface RunSettings {
  backend: BackendChoice;
  steps: number;
  previewEvery: number;
  /** Iterations between checkpoints (0: only on pause, stop and at the end). */
  checkpointEvery: number;
}

export interface RunSlice {
  run: RunView;
  runSettings: RunSettings;
  setRun(run: RunView): void;
  setRunSettings(patch: Partial<RunSettings>): void;
  /** The open graph's id in "My graphs": the key its checkpoints are saved under. */
  runKey: string;
  setRunKey(key: string): void;
}

export const idleRun: RunView = { status: 'idle', reasons: [], step: 0, end: 0, rate: 0, losses: [], previews: {}, inspects: {} };

const pixels = (images: { width: number; height: number; pixels: ArrayBuffer }[]) =>
  images.map((i) => ({ width: i.width, height: i.height, pixels: new Uint8ClampedArray(i.pixels) }));

export function receive(run: RunView, m: FromWorker): RunView {
  switch (m.type) {
    case 'backend':
      return { ...run, backend: m.name, reasons: m.reasons };
    case 'status':
      return { ...run, status: m.status, step: m.step, message: m.message, fault: m.fault, fallback: m.fallback };
    case 'checkpoint':
      return { ...run, saved: { step: m.step, savedAt: m.savedAt, fingerprint: run.trained ?? '' } };
    case 'notice':
      return { ...run, notice: m.text };
    case 'applied':
      return { ...run, notice: `Applied “${m.network}” (step ${m.step}); the result was saved as a PNG.` };
    case 'exported':
      // The client saves the file; the run view only says so.
      return { ...run, notice: `Exported ${m.name}.` };
    case 'inspect':
      return { ...run, inspects: { ...run.inspects, [m.nodeId]: { step: m.step, stats: m.stats, channels: pixels(m.channels) } } };
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
          [m.nodeId]: { step: m.step, images: pixels(m.images) },
        },
      };
  }
}
