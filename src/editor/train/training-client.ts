/**
 * The page's side of training: starts the worker on first use, sends it protocol messages and
 * folds what it reports into the store's run slice. The page never runs training maths.
 */
import { trainingFingerprint } from '../../graph/fingerprint';
import { idbCheckpoints, type CheckpointStore } from '../../runtime/checkpoint-store';
import type { FaultKind, FromWorker, StartFrom, ToWorker } from '../../runtime/protocol';
import { loadImagesFor } from '../images/default';
import { zlibSync } from 'fflate';
import { encodePng } from '../../runtime/png';
import { download } from './download';
import { readPicture } from './read-picture';
import type { EditorStore } from '../store/store';
import { idleRun, receive } from '../store/run-slice';

export class TrainingClient {
  private worker?: Worker;
  /** Set when another graph opens or a run starts, until the worker starts it: messages before are the old run's. */
  private ignoring = false;

  constructor(
    private readonly store: EditorStore,
    private readonly checkpoints: CheckpointStore = idbCheckpoints(),
  ) {
    // Another graph opened: the run belonged to the one before (its checkpoint is saved on stop).
    store.subscribe((s, prev) => {
      if (s.runKey === prev.runKey) return;
      if (this.worker && s.run.status !== 'idle') this.send({ type: 'stop' });
      // What the old run still reports is not about this graph.
      this.ignoring = true;
      s.setRun(idleRun);
      void this.refreshSaved();
    });
  }

  private send(m: ToWorker, transfer: Transferable[] = []): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('../../runtime/worker/training-worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
        // A start's first word is its 'starting' status; what comes before it is the old run's.
        // Exports and notices answer what the page asked just now, and always pass.
        const m = e.data;
        if (m.type === 'status' && m.status === 'starting') this.ignoring = false;
        if (this.ignoring && m.type !== 'exported' && m.type !== 'notice') return;
        const s = this.store.getState();
        if (m.type === 'exported') download(m.name, m.bytes, 'application/zip');
        if (m.type === 'applied') download(`${m.network}-applied-step-${m.step}.png`, encodePng({ ...m.image, pixels: new Uint8Array(m.image.pixels) }, zlibSync) as Uint8Array<ArrayBuffer>, 'image/png');
        s.setRun(receive(s.run, e.data));
      };
      this.worker.onerror = (e) => {
        // A worker that threw outside the session is not trusted again: the next run starts a new one.
        this.dispose();
        const s = this.store.getState();
        const saved = s.run.saved ? ` The checkpoint of step ${s.run.saved.step} is kept.` : '';
        s.setRun({ ...s.run, status: 'failed', message: `The training worker failed: ${e.message || 'it could not start'}. Your graph is unchanged.${saved}` });
      };
    }
    this.worker.postMessage(m, transfer);
  }

  /**
   * Trains the current document: from fresh weights, from the open graph's checkpoint (where
   * training stopped), or keeping the checkpoint's weights of networks whose shapes did not
   * change. The user's pictures the graph names go with it.
   */
  async train(from: StartFrom = 'fresh'): Promise<void> {
    const { doc, runSettings, runKey, run, setRun } = this.store.getState();
    const trained = trainingFingerprint(doc);
    this.ignoring = true;
    const base = from === 'fresh' ? 0 : (run.saved?.step ?? 0);
    setRun({ ...idleRun, status: 'starting', step: base, end: base + runSettings.steps, saved: run.saved, trained });
    let images: Awaited<ReturnType<typeof loadImagesFor>>['images'] = {};
    try {
      images = (await loadImagesFor(doc)).images;
    } catch (e) {
      // Pictures that cannot be read give mid-grey, as missing ones do; say so and train.
      this.patch({ notice: `Your pictures could not be read (${e instanceof Error ? e.message : String(e)}); their sources give mid-grey.` });
    }
    this.send({
      type: 'start',
      doc,
      backend: runSettings.backend,
      steps: runSettings.steps,
      previewEvery: runSettings.previewEvery,
      images,
      from,
      ...(runKey ? { checkpoint: { key: runKey, every: runSettings.checkpointEvery } } : {}),
    });
  }

  /** Reads the open graph's checkpoint card, after a reload or when another graph opens. */
  async refreshSaved(): Promise<void> {
    const key = this.store.getState().runKey;
    const card = key ? await this.checkpoints.card(key).catch(() => undefined) : undefined;
    if (this.store.getState().runKey !== key) return;
    this.patch({ saved: card ? { step: card.step, savedAt: card.savedAt, fingerprint: card.fingerprint } : undefined });
  }

  /** Stops training and deletes the open graph's checkpoint: the next run starts from fresh weights. */
  async resetWeights(): Promise<void> {
    const key = this.store.getState().runKey;
    if (this.worker) this.send({ type: 'stop' });
    if (key) await this.checkpoints.remove(key);
    const { setRun } = this.store.getState();
    setRun({ ...idleRun, notice: 'The trained weights of this graph were deleted; the next run starts from fresh weights.' });
  }

  /** The trained network as a zip for plain TensorFlow.js, from the run or the saved checkpoint. */
  exportNetwork(network: string): void {
    const { doc, runKey } = this.store.getState();
    this.patch({ notice: `Exporting “${network}”…` });
    this.send({ type: 'export-network', network, doc, ...(runKey ? { key: runKey } : {}) });
  }

  /** Runs a trained network on the user's picture; the result arrives as a PNG download. */
  async apply(network: string, file: File): Promise<void> {
    const r = await readPicture(file);
    if ('error' in r) return this.patch({ notice: r.error });
    this.patch({ notice: `Applying “${network}” to ${file.name}…` });
    this.send({ type: 'apply', network, image: r.image }, [r.image.data.buffer as ArrayBuffer]);
  }

  /** The test hook: the fault happens at the next iteration, and is handled as a real one. */
  injectFault(fault: FaultKind): void {
    this.send({ type: 'inject-fault', fault });
  }

  private patch(p: Partial<ReturnType<EditorStore['getState']>['run']>): void {
    const s = this.store.getState();
    s.setRun({ ...s.run, ...p });
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
