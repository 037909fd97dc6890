/**
 * The optional PyTorch peer (bench/peer/*.py): a Python process per workload that builds the
 * model from the spec and runs one step per request, so its steps interleave with the tfjs
 * ones in the same run. Skipped, with a note, where no Python with torch is installed.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import type { Impl } from './impls';

export interface PeerInfo {
  python: string;
  torch: string;
  threads: number;
}

const candidates = () => [process.env.GANVAS_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);

/** 2 threads, as the protocol asks, for every thread pool torch may use (OpenMP, OpenBLAS, MKL). */
export const peerThreads = 2;

const settleMs = 250;
const threadEnv = () => ({
  ...process.env,
  OMP_NUM_THREADS: String(peerThreads),
  OPENBLAS_NUM_THREADS: String(peerThreads),
  MKL_NUM_THREADS: String(peerThreads),
});

/** The first Python that imports torch, or a sentence saying why there is none. */
export function findPeerPython(): { python: string; torch: string } | { missing: string } {
  for (const python of candidates()) {
    const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', env: threadEnv(), timeout: 60_000 });
    if (r.status === 0) return { python, torch: r.stdout.trim() };
  }
  return { missing: `no Python with PyTorch found (tried ${candidates().join(', ')}; set GANVAS_PYTHON, or apt-get install python3-torch)` };
}

export interface Peer extends Impl {
  info: PeerInfo;
  /** Building the model in the peer's fresh process (weights; data excluded). */
  buildMs: number;
}

/** Starts the peer for one workload, with data pre-generated for `steps` steps. */
export async function startPeer(python: string, module: string, steps: number): Promise<Peer> {
  const child = spawn(python, [new URL('./peer/serve.py', import.meta.url).pathname, module, String(steps), String(peerThreads)], { env: threadEnv() });
  const errors: string[] = [];
  child.stderr.on('data', (d: Buffer) => errors.push(d.toString()));
  const lines = createInterface({ input: child.stdout });
  const next = reader(lines, child, errors);
  const ready = (await next()) as { ready: boolean; buildMs: number; torch: string; threads: number };
  const peer: Peer = {
    kind: 'pytorch',
    info: { python, torch: ready.torch, threads: ready.threads },
    buildMs: ready.buildMs,
    dataBytes: 0,
    async step(log) {
      child.stdin.write('step\n');
      const r = (await next()) as { ms: number; losses: Record<string, number> };
      // Its idle threads spin for a while after a step (OpenMP, OpenBLAS); on 2 cores that
      // would slow whichever tfjs step came next, so the next step waits until they sleep.
      await new Promise((done) => setTimeout(done, settleMs));
      return { ms: r.ms, ...(log ? { losses: r.losses } : {}) };
    },
    dispose() {
      child.stdin.end('quit\n');
      lines.close();
    },
  };
  return peer;
}

/** Reads the peer's JSON lines one at a time; the process ending or writing junk rejects. */
function reader(lines: Interface, child: ChildProcessWithoutNullStreams, errors: string[]): () => Promise<unknown> {
  const queue: string[] = [];
  const waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  let ended: Error | undefined;
  const fail = (e: Error) => {
    ended = e;
    for (const w of waiting.splice(0)) w.reject(e);
  };
  lines.on('line', (line) => {
    const w = waiting.shift();
    if (w) settle(line, w);
    else queue.push(line);
  });
  child.on('exit', (code) => fail(new Error(`The PyTorch peer exited (code ${code}): ${errors.join('').trim().split('\n').slice(-3).join(' ')}`)));
  child.on('error', (e) => fail(e));
  const settle = (line: string, w: (typeof waiting)[number]) => {
    try {
      w.resolve(JSON.parse(line));
    } catch {
      w.reject(new Error(`The PyTorch peer wrote something that is not JSON: ${line.slice(0, 200)}`));
    }
  };
  return () =>
    new Promise((resolve, reject) => {
      const line = queue.shift();
      if (line !== undefined) settle(line, { resolve, reject });
      else if (ended) reject(ended);
      else waiting.push({ resolve, reject });
    });
}
