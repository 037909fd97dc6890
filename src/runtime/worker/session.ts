/**
 * One training session in the worker: compiles the graph it is sent, starts a backend that can
 * run it, and runs iterations while the page asks it to, reporting progress, losses, previews
 * and inspections through the protocol. Iterations yield to the event loop between them, so
 * pause, step and stop are handled promptly. Checkpoints go to the store every N iterations, on
 * pause, on a single step and at the end; a NaN pauses and keeps the last good checkpoint; a
 * lost device or exhausted memory stops with a fallback backend to go on with. Everything it
 * creates it disposes on stop.
 */
import * as tf from '@tensorflow/tfjs';
import { compile } from '../../graph/compile';
import { hasErrors } from '../../graph/diagnostics';
import { trainingFingerprint } from '../../graph/fingerprint';
import type { CheckpointStore } from '../checkpoint-store';
import { NonFiniteLoss } from '../errors';
import type { BackendChoice, BackendName, FaultKind, FromWorker, RunStatus, ToWorker } from '../protocol';
import type { Trainer } from '../trainer';
import { startChecked } from './checked-backend';
import { classify, fallbackAfter, faultMessage } from './faults';
import { applyReply, exportReply, toWire, type Reply } from './replies';

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

export interface StartedBackend {
  name: BackendName;
  reasons: string[];
  /** Settles with a message if the device is lost (GPU backends). */
  lost?: Promise<string>;
  /** Destroys the device for real (the fault hook); false when the backend has none. */
  loseDevice?: () => boolean;
}

export interface SessionDeps {
  /** Starts the chosen backend or the first that works, never one of `exclude`. */
  initBackend(choice: BackendChoice, exclude: readonly BackendName[]): Promise<StartedBackend>;
  loadAsset(name: string): Promise<unknown>;
  checkpoints?: CheckpointStore;
}

type StartMessage = Extract<ToWorker, { type: 'start' }>;

const RATE_WINDOW = 10;

export class TrainingSession {
  private trainer?: Trainer;
  private backend?: StartedBackend;
  private status: RunStatus = 'stopped';
  private end = 0;
  private previewEvery = 0;
  private tapIds: string[] = [];
  private previewed = -1;
  private times: number[] = [];
  private saveKey = '';
  private saveEvery = 0;
  private fingerprint = '';
  private savedStep?: number;
  /** After a NaN the last good checkpoint is kept: nothing more is saved until the next start. */
  private tainted = false;
  /** A fault is being handled; the errors it causes on the way are not faults of their own. */
  private faulting = false;
  /** The fault the test hook asked for, raised at the next iteration. */
  private injected?: FaultKind;
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
    if (m.type === 'inject-fault') this.injected = m.fault;
    this.queue = this.queue.then(() => this.act(m)).catch((e: unknown) => this.fail(e));
  }

  private async act(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'start':
        return this.start(m);
      case 'resume':
        if (this.status === 'paused' && this.trainer) this.run();
        return;
      case 'step':
        if (this.status === 'paused' && this.trainer) {
          await this.iterate(true);
          if (this.status === 'paused') await this.save();
        }
        return;
      case 'pause':
        await this.loop;
        // A pause for a NaN keeps the last good checkpoint; the user's pause saves.
        if (this.status === 'paused' && this.trainer) await this.save();
        return;
      case 'stop':
        await this.loop;
        if (this.trainer && this.savedStep !== this.trainer.step) await this.save();
        this.dispose();
        return;
      case 'inject-fault':
        if (m.fault === 'nan' && this.trainer) this.trainer.injectNonFinite(this.trainer.step + 1);
        if (m.fault === 'device-lost' && this.backend?.loseDevice?.()) this.injected = undefined;
        return;
      case 'export-network':
        return this.reply(await exportReply(this.trainer, m.network, { doc: m.doc, key: m.key, store: this.deps.checkpoints }));
      case 'apply':
        return this.reply(await applyReply(this.trainer, m.network, m.image));
      case 'set-preview-every':
        return;
    }
  }

  private async start(m: StartMessage): Promise<void> {
    this.setStatus('stopped');
    await this.loop;
    this.dispose();
    this.injected = undefined;
    this.tainted = false;
    this.faulting = false;
    this.setStatus('starting');
    const { plan, diagnostics } = compile(m.doc);
    if (!plan || hasErrors(diagnostics)) {
      const first = diagnostics.find((d) => d.severity === 'error');
      throw new Error(`The graph has problems to fix before it can train${first ? `: ${first.message}` : '.'}`);
    }
    this.saveKey = m.checkpoint?.key ?? '';
    this.saveEvery = m.checkpoint?.every ?? 0;
    this.fingerprint = trainingFingerprint(m.doc);
    this.savedStep = undefined;
    const from = m.from ?? 'fresh';
    const saved = from !== 'fresh' ? await this.loadSaved() : undefined;
    const checking = (name: BackendName) => this.setStatus('starting', `Checking that ${name} runs every operation of this graph…`);
    const started = await startChecked(this.deps, plan, { backend: m.backend, images: m.images ?? {}, from, ...(saved ? { saved } : {}) }, this.post, checking);
    this.trainer = started.trainer;
    this.backend = started.backend;
    this.watch(started.backend);
    if (saved) this.savedStep = saved.card.step;
    this.end = this.trainer.step + m.steps;
    this.previewEvery = m.previewEvery;
    this.tapIds = plan.taps.map((t) => t.id);
    this.previewed = -1;
    this.times = [];
    await this.preview();
    this.run();
  }

  private async loadSaved() {
    const saved = this.saveKey && this.deps.checkpoints ? await this.deps.checkpoints.load(this.saveKey) : undefined;
    if (!saved) throw new Error('There is no saved checkpoint of this graph to go on from.');
    return saved;
  }

  private watch(backend: StartedBackend): void {
    void backend.lost?.then((detail) => {
      if (this.backend === backend) this.queue = this.queue.then(() => this.fault('device-lost', detail, false));
    });
  }

  private run(): void {
    this.setStatus('running');
    this.loop = (async () => {
      while (this.status === 'running' && this.trainer && this.trainer.step < this.end) {
        // A macrotask turn, so pause and stop messages arrive between iterations.
        await new Promise((r) => setTimeout(r, 0));
        if (this.status !== 'running') break;
        await this.iterate(this.trainer.step + 1 === this.end);
        if (this.status === 'running' && this.saveEvery > 0 && this.trainer && this.trainer.step % this.saveEvery === 0) await this.save();
      }
      if (this.status === 'running' && this.trainer) {
        await this.save();
        this.setStatus('done');
      }
    })().catch((e: unknown) => this.fail(e));
  }

  private async iterate(log: boolean): Promise<void> {
    const trainer = this.trainer!;
    const t0 = performance.now();
    try {
      this.raiseInjected();
      const r = await trainer.runIteration({ log });
      this.times = [...this.times, performance.now() - t0].slice(-RATE_WINDOW);
      const mean = this.times.reduce((a, b) => a + b, 0) / this.times.length;
      this.post({ type: 'progress', step: r.step, rate: mean > 0 ? 1000 / mean : 0, losses: r.losses, tensors: tf.memory().numTensors });
      if (log || (this.previewEvery > 0 && r.step % this.previewEvery === 0)) await this.preview();
    } catch (e) {
      if (e instanceof NonFiniteLoss) {
        // The trainer holds the weights of the last finite iteration: show them and pause.
        await this.preview();
        this.tainted = true;
        this.setStatus('paused', `${e.message}${this.savedStep === undefined ? '' : ` The checkpoint of step ${this.savedStep} is kept.`}`, { fault: 'nan' });
        return;
      }
      const kind = classify(e);
      if (!kind) throw e;
      await this.fault(kind, e instanceof Error ? e.message : String(e), true);
    }
  }

  /** The hook's memory and (simulated) device faults surface as the errors real ones raise. */
  private raiseInjected(): void {
    const f = this.injected;
    if (f !== 'oom' && f !== 'device-lost') return;
    this.injected = undefined;
    throw new Error(f === 'oom' ? 'Failed to allocate memory (a test injected this fault)' : 'The device was lost (a test injected this fault)');
  }

  /**
   * A lost device or exhausted memory: the trainer is dropped (its device state is gone), the
   * checkpoint stays, and the status names a backend to go on with. From outside the loop, the
   * loop is stopped first and its iteration allowed to end.
   */
  private async fault(kind: Exclude<FaultKind, 'nan'>, detail: string, inLoop: boolean): Promise<void> {
    const name = this.backend?.name;
    if (this.faulting || !name || !this.trainer) return;
    this.faulting = true;
    const step = this.trainer.step;
    this.status = 'failed';
    if (!inLoop) await this.loop?.catch(() => undefined);
    const fallback = fallbackAfter(name);
    const message = faultMessage(kind, name, detail, this.savedStep, fallback);
    this.backend = undefined;
    try {
      this.dispose();
    } catch {
      // A lost device can refuse even to free its buffers; nothing more is sent to it.
    }
    this.post({ type: 'status', status: 'failed', step, message, fault: kind, ...(fallback ? { fallback } : {}) });
  }

  private async save(): Promise<void> {
    const store = this.deps.checkpoints;
    const trainer = this.trainer;
    if (!store || !this.saveKey || !trainer || !this.backend || this.tainted) return;
    try {
      const savedAt = Date.now();
      await store.save(this.saveKey, await trainer.checkpoint(), { step: trainer.step, savedAt, fingerprint: this.fingerprint, backend: this.backend.name });
      this.savedStep = trainer.step;
      this.post({ type: 'checkpoint', step: trainer.step, savedAt });
    } catch (e) {
      this.post({ type: 'notice', text: `The checkpoint of step ${trainer.step} could not be saved (${e instanceof Error ? e.message : String(e)}); training goes on.` });
    }
  }

  private async preview(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || this.tapIds.length === 0 || this.previewed === trainer.step) return;
    this.previewed = trainer.step;
    for (const tap of await trainer.taps(this.tapIds)) {
      if (tap.kind === 'preview') {
        const images = tap.images.map(toWire);
        this.post({ type: 'preview', nodeId: tap.id, step: tap.step, images }, images.map((i) => i.pixels));
      } else {
        const channels = tap.channels.map(toWire);
        this.post({ type: 'inspect', nodeId: tap.id, step: tap.step, stats: tap.stats, channels }, channels.map((i) => i.pixels));
      }
    }
  }

  private reply(r: Reply): void {
    this.post(r.message, r.transfer);
  }

  private setStatus(status: RunStatus, message?: string, extra: { fault?: FaultKind; fallback?: BackendName } = {}): void {
    this.status = status;
    this.post({ type: 'status', status, step: this.trainer?.step ?? this.savedStep ?? 0, ...(message ? { message } : {}), ...extra });
  }

  private fail(e: unknown): void {
    if (this.faulting) return;
    this.setStatus('failed', e instanceof Error ? e.message : String(e));
  }

  private dispose(): void {
    const t = this.trainer;
    this.trainer = undefined;
    t?.dispose();
  }
}
