/** The command line's grammar: help texts and the `train` options, checked before any work. */
import { parseArgs } from 'node:util';
import { CliError } from './errors';

export const BACKENDS = ['wasm', 'cpu'] as const;
export type CliBackend = (typeof BACKENDS)[number];

export const MAIN_HELP = `Usage: ganvas <command> [options]

Ganvas trains GAN and style-transfer graphs (*.ganvas.json files made in the editor).

Commands:
  train GRAPH.json   train a graph headless; writes previews, losses, a checkpoint
                     and result.png (the last previews, carrying the graph)
  export RUN_DIR     write a trained network as a folder plain TensorFlow.js can use

Options:
  -h, --help         show this help (also: ganvas train --help)
  -v, --version      print the version

Exit codes: 0 done, 1 internal failure, 2 bad arguments or an invalid graph,
3 a loss became NaN or infinite, 130/143 stopped by Ctrl-C/SIGTERM (state saved).
`;

export const TRAIN_HELP = `Usage: ganvas train GRAPH.json --out DIR [options]

Trains the graph for N iterations and writes into DIR:
  previews/step-NNNNNN/<tap>-<i>.png   each Preview node's images, every preview
                                       cadence and at the end
  losses.jsonl                         one JSON object per logged iteration
  checkpoint/                          manifest.json + tensors.bin, written at the end,
                                       on Ctrl-C and after a non-finite loss
  graph.ganvas.json                    the graph trained (what ganvas export reads)
  result.png                           the last previews in a grid; the PNG carries
                                       the graph (drop it on the editor's canvas)

Options:
  --out DIR            output directory (created if needed)
  --steps N            iterations to run (default: the graph's settings.steps);
                       with --resume, N more iterations
  --backend NAME       wasm (default) or cpu
  --json               print one JSON object per logged iteration on stdout:
                       {"step": n, "ms": wall time, "losses": {"<loss node id>": value}}
  --log-every K        read losses back every K iterations (default: settings.logEvery);
                       the last iteration is always logged
  --preview-every K    write previews every K iterations (default: settings.previewEvery;
                       0: only at the end)
  --resume DIR         continue from a checkpoint directory (or a run's DIR holding
                       checkpoint/); the graph must have the same networks
  -h, --help           show this help

Progress goes to stderr. Exit codes: 0 done, 1 internal failure, 2 bad arguments or an
invalid graph, 3 a loss became NaN or infinite (the last finite state is saved),
130/143 stopped by Ctrl-C/SIGTERM (state saved).
`;

export const EXPORT_HELP = `Usage: ganvas export RUN_DIR --network ID --out DIR [--graph GRAPH.json]

Writes the trained network ID of a run as a folder a plain TensorFlow.js program can use:
  model.json         the network's blocks, inputs and outputs, and tfjs's weights manifest
  weights.bin        its weights (float32)
  ganvas-model.mjs   a module that loads and runs it, needing only @tensorflow/tfjs
  README.md          how to call it

RUN_DIR is a run's output directory (ganvas train --out) or its checkpoint/ directory.

Options:
  --network ID         the network to export (its id in the graph's networks)
  --out DIR            output directory (created if needed)
  --graph GRAPH.json   the graph the run trained (default: RUN_DIR/graph.ganvas.json)
  -h, --help           show this help

Exit codes: 0 done, 1 internal failure, 2 bad arguments, a graph or checkpoint that
cannot be read, or a network that cannot be exported.
`;

export interface ExportArgs {
  run: string;
  network: string;
  out: string;
  graph?: string;
}

export interface TrainArgs {
  graph: string;
  out: string;
  steps?: number;
  backend: CliBackend;
  json: boolean;
  logEvery?: number;
  previewEvery?: number;
  resume?: string;
}

export type Command = { kind: 'help'; text: string } | { kind: 'version' } | { kind: 'train'; args: TrainArgs } | { kind: 'export'; args: ExportArgs };

export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0] === 'train') return { kind: 'help', text: TRAIN_HELP };
    if (first === 'help' && rest[0] === 'export') return { kind: 'help', text: EXPORT_HELP };
    return { kind: 'help', text: MAIN_HELP };
  }
  if (first === '-v' || first === '--version') return { kind: 'version' };
  if (first === 'train') return parseTrain(rest);
  if (first === 'export') return parseExport(rest);
  if (first.startsWith('-')) throw usage(`unknown option ${first}.`);
  throw usage(`unknown command "${first}". The commands are "train" and "export".`);
}

function parseExport(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { network: { type: 'string' }, out: { type: 'string' }, graph: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw usage(explainParseError(e as Error & { code?: string }), 'export');
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help', text: EXPORT_HELP };
  if (positionals.length === 0) throw usage('which run? Give the directory ganvas train wrote, e.g. "ganvas export runs/one --network generator --out model".', 'export');
  if (positionals.length > 1) throw usage(`one run directory at a time; got ${positionals.map((p) => `"${p}"`).join(', ')}.`, 'export');
  if (!v.network) throw usage('--network ID is required: the id of the network to export.', 'export');
  if (!v.out) throw usage('--out DIR is required: the directory for the exported files.', 'export');
  if (v.graph === '') throw usage('--graph needs the graph file.', 'export');
  const args: ExportArgs = { run: positionals[0]!, network: v.network, out: v.out };
  if (v.graph !== undefined) args.graph = v.graph;
  return { kind: 'export', args };
}

function parseTrain(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        steps: { type: 'string' },
        backend: { type: 'string' },
        json: { type: 'boolean' },
        'log-every': { type: 'string' },
        'preview-every': { type: 'string' },
        resume: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw usage(explainParseError(e as Error & { code?: string }), 'train');
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help', text: TRAIN_HELP };
  if (positionals.length === 0) throw usage('which graph? Give the graph file, e.g. "ganvas train my-graph.ganvas.json --out runs/one".', 'train');
  if (positionals.length > 1) throw usage(`one graph file at a time; got ${positionals.map((p) => `"${p}"`).join(', ')}.`, 'train');
  if (v.out === undefined || v.out === '') throw usage('--out DIR is required: the directory for previews, losses and the checkpoint.', 'train');
  const backend = v.backend ?? 'wasm';
  if (!(BACKENDS as readonly string[]).includes(backend)) throw usage(`unknown backend "${backend}". Use --backend wasm or --backend cpu.`, 'train');
  const args: TrainArgs = { graph: positionals[0]!, out: v.out, backend: backend as CliBackend, json: v.json ?? false };
  if (v.steps !== undefined) args.steps = count('--steps', v.steps, 0, 10_000_000);
  if (v['log-every'] !== undefined) args.logEvery = count('--log-every', v['log-every'], 1, 1_000_000);
  if (v['preview-every'] !== undefined) args.previewEvery = count('--preview-every', v['preview-every'], 0, 1_000_000);
  if (v.resume !== undefined) {
    if (v.resume === '') throw usage('--resume needs the checkpoint directory.', 'train');
    args.resume = v.resume;
  }
  return { kind: 'train', args };
}

function count(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw usage(`${flag} takes a whole number from ${min} to ${max.toLocaleString('en-US')}, not "${text}".`, 'train');
  return n;
}

function explainParseError(e: Error & { code?: string }): string {
  // Node's sentences mention "--" and "-XYZ" tricks that do not help here: say it plainly.
  const flag = /'(--?[\w-]+)/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    if (/does not take an argument/.test(e.message)) return `option ${flag} takes no value.`;
    return `option ${flag} needs a value.`;
  }
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) return `unknown option ${flag}.`;
  return e.message.split('\n')[0]!;
}

function usage(message: string, command?: string): CliError {
  const help = command ? `ganvas ${command} --help` : 'ganvas --help';
  return new CliError(`ganvas${command ? ' ' + command : ''}: ${message}\nRun "${help}" for usage.`);
}
