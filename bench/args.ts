/** The bench's command line. */
import { workloads, type WorkloadId } from './workloads';

export type BenchBackend = 'wasm' | 'cpu' | 'webgpu' | 'webgl';
export const benchBackends: readonly BenchBackend[] = ['wasm', 'cpu', 'webgpu', 'webgl'];
/** The bench's parts: the workloads in Node, the workloads in Chromium, the editor rows. */
export type BenchGroup = 'node' | 'browser' | 'editor';
export const benchGroups: readonly BenchGroup[] = ['node', 'browser', 'editor'];

export interface BenchArgs {
  mode: 'full' | 'quick';
  profile: boolean;
  workloads: WorkloadId[];
  /** Node runs wasm and cpu of these, Chromium webgpu, webgl and wasm. */
  backends: BenchBackend[];
  only: BenchGroup[];
  peer: boolean;
  machine?: string;
  out?: string;
  help: boolean;
}

export const usage = `npm run bench -- [options]

Times the three reference workloads (../shared/WORKLOADS.md) in Node and in headless Chromium: the
compiled graph against a hand-written TensorFlow.js loop of the same model (and a PyTorch peer where
torch is installed), interleaved in one run; then the editor with a 300-node graph (compile time,
frame times while dragging and panning, long tasks while training). Prints Markdown tables and
writes bench/results/<date>-<machine>.json.

  --quick             a short run for smoke checks (fewer steps; writes …-quick.json)
  --profile           also print where a step spends its time, per kernel, on each backend
  --workloads a,b     only these workloads (${workloads.map((w) => w.id).join(', ')})
  --backends a,b      only these backends (wasm, cpu in Node; webgpu, webgl, wasm in Chromium;
                      cpu and software-emulated GPUs run pix2pix-lite-64 only)
  --only a,b          only these parts: node, browser, editor (default: all three)
  --no-peer           skip the PyTorch peer
  --machine NAME      the machine's name in the results (default: CPU model and core count)
  --out FILE          where to write the results JSON
  --help`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const a: BenchArgs = { mode: 'full', profile: false, workloads: workloads.map((w) => w.id), backends: [...benchBackends], only: [...benchGroups], peer: true, help: false };
  const list = <T extends string>(value: string | undefined, allowed: readonly string[], what: string): T[] => {
    const items = (value ?? '').split(',').filter(Boolean);
    const bad = items.filter((i) => !allowed.includes(i));
    if (items.length === 0 || bad.length > 0) throw new Error(`--${what} takes a comma-separated list of ${allowed.join(', ')}${bad.length ? `, not ${bad.join(', ')}` : ''}.`);
    return items as T[];
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--quick':
        a.mode = 'quick';
        break;
      case '--profile':
        a.profile = true;
        break;
      case '--no-peer':
        a.peer = false;
        break;
      case '--workloads':
        a.workloads = list(value(), workloads.map((w) => w.id), 'workloads');
        break;
      case '--backends':
        a.backends = list(value(), benchBackends, 'backends');
        break;
      case '--only':
        a.only = list(value(), benchGroups, 'only');
        break;
      case '--machine':
        a.machine = value();
        if (!a.machine) throw new Error('--machine needs a name.');
        break;
      case '--out':
        a.out = value();
        if (!a.out) throw new Error('--out needs a file name.');
        break;
      case '--help':
      case '-h':
        a.help = true;
        break;
      default:
        throw new Error(`Unknown option ${flag}; see npm run bench -- --help.`);
    }
  }
  return a;
}
