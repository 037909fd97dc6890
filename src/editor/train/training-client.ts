/**
 * The page's side of training: starts the worker on first use, sends it protocol messages and
 * folds what it reports into the store's run slice. The page never runs training maths.
 */
import type { FromWorker, ToWorker } from '../../runtime/protocol';
import type { EditorStore } from '../store/store';
import { idleRun, receive } from '../store/run-slice';

export class TrainingClient {
  private worker?: Worker;

  constructor(private readonly store: EditorStore) {}

  private send(m: ToWorker): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('../../runtime/worker/training-worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
        const s = this.store.getState();
        s.setRun(receive(s.run, e.data));
      };
      this.worker.onerror = (e) => {
        const s = this.store.getState();
        s.setRun({ ...s.run, status: 'failed', message: `The training worker failed: ${e.message || 'it could not start'}.` });
      };
    }
    this.worker.postMessage(m);
  }

  /** Trains the current document from fresh weights, with the run settings. */
  train(): void {
    const { doc, runSettings, setRun } = this.store.getState();
    setRun({ ...idleRun, status: 'starting', end: runSettings.steps });
    this.send({ type: 'start', doc, backend: runSettings.backend, steps: runSettings.steps, previewEvery: runSettings.previewEvery });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  step(): void {
    this.send({ type: 'step' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  setPreviewEvery(every: number): void {
    this.store.getState().setRunSettings({ previewEvery: every });
    if (this.worker) this.send({ type: 'set-preview-every', every });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
