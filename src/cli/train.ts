/**
 * `ganvas train`: runs a graph for N iterations in Node and writes previews, losses and a
 * checkpoint. Losses are read back at the log cadence only (each readback stalls the device
 * queue); previews run as their own no-grad pass at the preview cadence and at the end.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadDigitsNode } from '../runtime/assets/digits-node';
import { initNodeBackend } from '../runtime/backends/node';
import type { Checkpoint } from '../runtime/state';
import type { TapResult } from '../runtime/taps';
import { NonFiniteLoss, Trainer } from '../runtime/trainer';
import type { TrainArgs } from './args';
import { readCheckpointDir, writeCheckpointDir } from './checkpoint-dir';
import { CliError, EXIT } from './errors';
import { describeFsError, loadGraph } from './graph-file';
import { LossFile, lossLine, RESULT_PNG, writePreviews, writeResultPng, writeRunGraph, type LossLine } from './outputs';

export interface Io {
  /** A line on stdout: only the --json lines go here. */
  out(line: string): void;
  /** A line on stderr: progress, diagnostics, messages. */
  err(line: string): void;
}

export async function train(args: TrainArgs, io: Io): Promise<number> {
  const overrides = { ...(args.logEvery ? { logEvery: args.logEvery } : {}), ...(args.previewEvery !== undefined ? { previewEvery: args.previewEvery } : {}) };
  const { doc, plan } = loadGraph(args.graph, overrides, io.err);
  const resumed: Checkpoint | undefined = args.resume ? readCheckpointDir(args.resume) : undefined;
  if (existsSync(args.out) && !statSync(args.out).isDirectory()) throw new CliError(`--out ${args.out} is a file; give a directory.`);

  const steps = args.steps ?? doc.settings.steps;
  const previewEvery = args.previewEvery ?? doc.settings.previewEvery;
  const previewTaps = plan.taps.filter((t) => t.kind === 'preview').map((t) => t.id);

  try {
    await initNodeBackend(args.backend);
  } catch (e) {
    throw new CliError(`Could not start the ${args.backend} backend: ${(e as Error).message}`, EXIT.failed);
  }
  const trainer = await createTrainer(plan, args.graph);
  try {
    if (resumed) {
      try {
        await trainer.resume(resumed);
      } catch (e) {
        throw new CliError(`Cannot resume ${args.graph} from ${args.resume}: ${(e as Error).message}`);
      }
    }
    // Created only now, so a run that cannot start leaves nothing behind.
    makeOutDir(args.out);
    writeRunGraph(args.out, doc);
    const start = trainer.step;
    const end = start + steps;
    const span = steps === 0 ? 'no steps' : steps === 1 ? `step ${end}` : `steps ${start + 1}–${end}`;
    io.err(`Training ${basename(args.graph)} on ${args.backend}: ${span}${resumed ? ` (resumed at step ${start})` : ''}, output in ${args.out}`);
    if (previewTaps.length === 0) io.err('The graph has no Preview node: no preview images will be written.');

    const losses = new LossFile(join(args.out, 'losses.jsonl'), resumed !== undefined);
    let previewed = -1;
    let shown: TapResult[] = [];
    const preview = async () => {
      if (previewTaps.length === 0 || previewed === trainer.step) return;
      shown = await trainer.taps(previewTaps);
      writePreviews(args.out, trainer.step, shown);
      previewed = trainer.step;
    };
    const stop = stopSignal();
    const t0 = performance.now();
    let failure: NonFiniteLoss | undefined;
    try {
      // Losses are checked for NaN only on logged iterations, so the run ends on one: the
      // last iteration is always logged, and a stop on an unlogged one runs one logged more.
      let checked = true;
      while (trainer.step < end && !(stop.signal && checked)) {
        // A macrotask turn, so a signal handler can run: the iteration's awaits may all be microtasks.
        await new Promise((r) => setImmediate(r));
        if (stop.signal && checked) break;
        const r = trainer.step + 1 === end || stop.signal ? await trainer.runIteration({ log: true }) : await trainer.runIteration();
        checked = r.losses !== undefined;
        if (r.losses) {
          const line = lossLine(r);
          losses.write(line);
          if (args.json) io.out(JSON.stringify(line));
          else io.err(progress(line, end));
        }
        if (previewEvery > 0 && r.step % previewEvery === 0) await preview();
      }
    } catch (e) {
      if (!(e instanceof NonFiniteLoss)) throw e;
      failure = e;
    } finally {
      stop.dispose();
      losses.close();
    }

    // The trainer holds the last finite state after a NonFiniteLoss, so all of this is safe.
    await preview();
    const result = writeResultPng(args.out, shown, doc);
    if (result?.left.length) io.err(`${RESULT_PNG} holds the previews of one image size; left out: ${result.left.join(', ')}.`);
    const dir = join(args.out, 'checkpoint');
    writeCheckpointDir(dir, await trainer.checkpoint(), { graph: doc.meta.title, savedAt: new Date().toISOString() });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    if (failure) {
      io.err(failure.message);
      io.err(`Saved the checkpoint of step ${trainer.step} in ${dir}.`);
      return EXIT.nonFinite;
    }
    if (stop.signal) {
      io.err(`Stopped by ${stop.signal} after step ${trainer.step}; saved the checkpoint in ${dir}.`);
      return EXIT[stop.signal];
    }
    io.err(`Done: ${trainer.step - start} steps in ${seconds} s; step ${trainer.step} saved in ${dir}.`);
    return EXIT.ok;
  } finally {
    trainer.dispose();
  }
}

/**
 * One iteration whose losses are read back and checked whatever the log cadence. The Trainer
 * has no option for it; it reads its plan's logEvery at every iteration, so set it for this one.
 */
async function createTrainer(plan: Parameters<typeof Trainer.create>[0], graph: string): Promise<Trainer> {
  return Trainer.create(plan, {
    loadAsset: async (name) => {
      if (name === 'digits') return loadDigitsNode();
      if (name.startsWith('image:'))
        throw new CliError(`${graph} uses pictures of your own in an Image set ("${name.slice(6)}"); the command line cannot load them yet.`);
      if (name.startsWith('model:'))
        throw new CliError(`${graph} uses the pretrained model "${name.slice(6)}" (a Model features node); the command line cannot load pretrained models yet.`);
      throw new CliError(`${graph} needs the data "${name}", which the command line cannot provide.`);
    },
  });
}

function makeOutDir(out: string): void {
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    throw new CliError(`Cannot create the output directory ${out}: ${describeFsError(e)}.`);
  }
}

function progress(l: LossLine, end: number): string {
  const losses = Object.entries(l.losses).map(([id, v]) => `${id} ${v.toPrecision(5)}`);
  return [`step ${l.step}/${end}`, `${l.ms.toFixed(1)} ms`, ...losses].join('  ');
}

/** The first SIGINT or SIGTERM asks the loop to stop after the current iteration; a second one kills as usual. */
function stopSignal(): { signal: 'SIGINT' | 'SIGTERM' | undefined; dispose(): void } {
  const state = {
    signal: undefined as 'SIGINT' | 'SIGTERM' | undefined,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
  const on = (s: 'SIGINT' | 'SIGTERM') => () => {
    state.signal = s;
    state.dispose();
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return state;
}
