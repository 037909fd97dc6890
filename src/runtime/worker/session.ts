/**
 * One training session in the worker: compiles the graph it is sent, starts a backend, and runs
 * iterations while the page asks it to, reporting progress, losses and preview pixels through
 * the protocol. Iterations yield to the event loop between them, so pause, step and stop are
 * handled promptly. Everything it creates it disposes on stop.
 */
import * as tf from '@tensorflow/tfjs';
import { compile } from '../../graph/compile';
import { hasErrors } from '../../graph/diagnostics';
import type { TrainingPlan } from '../../graph/plan';
import { NonFiniteLoss } from '../errors';
import type { BackendChoice, BackendName, FromWorker, RunStatus, ToWorker, WireImage, WirePreview } from '../protocol';
import type { PreviewImage } from '../taps';
import { Trainer } from '../trainer';

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

export interface SessionDeps {
  initBackend(choice: BackendChoice): Promise<{ name: BackendName; reasons: string[] }>;
  loadAsset(name: string): Promise<unknown>;
}

const RATE_WINDOW = 10;

export class TrainingSession {
  private trainer?: Trainer;
  private status: RunStatus = 'stopped';
  private end = 0;
  private previewEvery = 0;
  private previewIds: string[] = [];
  private previewed = -1;
  private times: number[] = [];
  /** The loop that runs while status is 'running'; one at a time. */
  private loop?: Promise<void>;
  /** Messages are handled in order, each after the previous one's work. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: Post,
    private readonly deps: SessionDeps,
  ) {}

  handle(m: ToWorker): void {
    // Pause and stop act at once (the loop checks the status between iterations).
    if (m.type === 'pause' && this.status === 'running') this.setStatus('paused');
    if (m.type === 'stop' && (this.status === 'running' || this.status === 'paused')) this.setStatus('stopped');
    if (m.type === 'set-preview-every') this.previewEvery = m.every;
    this.queue = this.queue.then(() => this.act(m)).catch((e: unknown) => this.fail(e));
  }

  private async act(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'start':
        return this.start(m.doc, m.backend, m.steps, m.previewEvery, m.images ?? {});
      case 'resume':
        if (this.status === 'paused' && this.trainer) this.run();
        return;
      case 'step':
        if (this.status === 'paused' && this.trainer) await this.iterate(true);
        return;
      case 'stop':
        await this.loop;
        this.dispose();
        return;
      case 'pause':
      case 'set-preview-every':
        return;
    }
  }

  private async start(
    doc: Parameters<typeof compile>[0],
    backend: BackendChoice,
    steps: number,
    previewEvery: number,
    images: Record<string, WireImage>,
  ): Promise<void> {
    this.setStatus('stopped');
    await this.loop;
    this.dispose();
    this.setStatus('starting');
    const { plan, diagnostics } = compile(doc);
    if (!plan || hasErrors(diagnostics)) {
      const first = diagnostics.find((d) => d.severity === 'error');
      throw new Error(`The graph has problems to fix before it can train${first ? `: ${first.message}` : '.'}`);
    }
    const chosen = await this.deps.initBackend(backend);
    this.post({ type: 'backend', name: chosen.name, reasons: chosen.reasons });
    // The user's pictures come with the message; a picture that is missing is skipped by its source.
    const loadAsset = (name: string) =>
      name.startsWith('image:') ? Promise.resolve(images[name.slice(6)]) : this.deps.loadAsset(name);
    this.trainer = await Trainer.create(plan, { loadAsset });
    this.end = this.trainer.step + steps;
    this.previewEvery = previewEvery;
    this.previewIds = previewTaps(plan);
    this.previewed = -1;
    this.times = [];
    await this.preview();
    this.run();
  }

  private run(): void {
    this.setStatus('running');
    this.loop = (async () => {
      while (this.status === 'running' && this.trainer && this.trainer.step < this.end) {
        // A macrotask turn, so pause and stop messages arrive between iterations.
        await new Promise((r) => setTimeout(r, 0));
        if (this.status !== 'running') break;
        await this.iterate(this.trainer.step + 1 === this.end);
      }
      if (this.status === 'running' && this.trainer) this.setStatus('done');
    })().catch((e: unknown) => this.fail(e));
  }

  private async iterate(log: boolean): Promise<void> {
    const trainer = this.trainer!;
    const t0 = performance.now();
    try {
      const r = await trainer.runIteration({ log });
      this.times = [...this.times, performance.now() - t0].slice(-RATE_WINDOW);
      const mean = this.times.reduce((a, b) => a + b, 0) / this.times.length;
      this.post({ type: 'progress', step: r.step, rate: mean > 0 ? 1000 / mean : 0, losses: r.losses, tensors: tf.memory().numTensors });
      if (log || (this.previewEvery > 0 && r.step % this.previewEvery === 0)) await this.preview();
    } catch (e) {
      if (!(e instanceof NonFiniteLoss)) throw e;
      // The trainer holds the weights of the last finite iteration: show them and pause.
      await this.preview();
      this.setStatus('paused', e.message);
    }
  }

  private async preview(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || this.previewIds.length === 0 || this.previewed === trainer.step) return;
    this.previewed = trainer.step;
    for (const tap of await trainer.taps(this.previewIds)) {
      if (tap.kind !== 'preview') continue;
      const images = tap.images.map(toWire);
      this.post({ type: 'preview', nodeId: tap.id, step: tap.step, images }, images.map((i) => i.pixels));
    }
  }

  private setStatus(status: RunStatus, message?: string): void {
    this.status = status;
    this.post({ type: 'status', status, step: this.trainer?.step ?? 0, ...(message ? { message } : {}) });
  }

  private fail(e: unknown): void {
    this.setStatus('failed', e instanceof Error ? e.message : String(e));
  }

  private dispose(): void {
    this.trainer?.dispose();
    this.trainer = undefined;
  }
}

function previewTaps(plan: TrainingPlan): string[] {
  return plan.taps.filter((t) => t.kind === 'preview').map((t) => t.id);
}

function toWire(image: PreviewImage): WirePreview {
  const copy = new Uint8ClampedArray(image.pixels);
  return { width: image.width, height: image.height, pixels: copy.buffer };
}
