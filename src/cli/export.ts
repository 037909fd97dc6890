/**
 * `ganvas export`: a trained network of a run, as a folder plain TensorFlow.js can use
 * (src/runtime/export/network-export.ts). Needs no tfjs itself: it reads the run's graph and
 * checkpoint and writes files.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { exportNetwork } from '../runtime/export/network-export';
import type { ExportArgs } from './args';
import { readCheckpointDir } from './checkpoint-dir';
import { CliError, EXIT } from './errors';
import { describeFsError, loadGraph } from './graph-file';
import { RUN_GRAPH } from './outputs';
import type { Io } from './train';

export function exportRun(args: ExportArgs, io: Io, version: string): number {
  if (!existsSync(args.run)) throw new CliError(`There is no run at ${args.run}: the directory does not exist.`);
  const graph = args.graph ?? findRunGraph(args.run);
  const { plan } = loadGraph(graph, {}, io.err);
  const checkpoint = readCheckpointDir(args.run);
  const r = exportNetwork(plan, checkpoint, args.network, { generatedBy: `Ganvas ${version}` });
  if (!r.ok) throw new CliError(`Cannot export from ${args.run}: ${r.message}`);
  if (existsSync(args.out) && !statSync(args.out).isDirectory()) throw new CliError(`--out ${args.out} is a file; give a directory.`);
  try {
    mkdirSync(args.out, { recursive: true });
    for (const [name, content] of Object.entries(r.files)) writeFileSync(join(args.out, name), content);
  } catch (e) {
    throw new CliError(`Cannot write the export into ${args.out}: ${describeFsError(e)}.`);
  }
  io.err(`Exported network "${args.network}" at step ${checkpoint.step} into ${args.out}: ${Object.keys(r.files).join(', ')}.`);
  return EXIT.ok;
}

/** RUN_DIR/graph.ganvas.json, or the one beside a checkpoint directory. */
function findRunGraph(run: string): string {
  const dir = resolve(run);
  for (const at of [join(dir, RUN_GRAPH), join(dirname(dir), RUN_GRAPH)]) if (existsSync(at)) return at;
  throw new CliError(`${run} holds no ${RUN_GRAPH} (the graph the run trained); give the graph file with --graph GRAPH.json.`);
}
