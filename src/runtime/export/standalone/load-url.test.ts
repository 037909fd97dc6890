/**
 * ganvas-model.mjs's other way in, as a browser page uses it: load(url of model.json) fetches it
 * and the weights beside it. A local HTTP server serves an export; a fresh Node process (fetch,
 * plain tfjs on cpu) loads it by URL and runs it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compile } from '../../../graph/compile';
import { tinyPix2pix } from '../../../graph/fixtures';
import { Trainer } from '../../trainer';
import { exportNetwork } from '../network-export';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const scratch = join(root, 'test-results', `load-url-${process.pid}`);
const site = join(scratch, 'site');
let server: Server;
let base = '';

beforeAll(async () => {
  await tf.setBackend('cpu');
  mkdirSync(join(site, 'models', 'gen'), { recursive: true });
  server = createServer((req, res) => {
    const path = normalize(join(site, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    try {
      if (!path.startsWith(site)) throw new Error('outside');
      res.end(readFileSync(path));
    } catch {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `load(url)` and `run` on the given input in a new process; its JSON result, or its error message. */
function loadByUrl(url: string, input: { shape: number[]; data: number[] }): Promise<{ shape?: number[]; data?: number[]; error?: string }> {
  const script = join(site, 'models', 'check.mjs');
  writeFileSync(
    script,
    `import * as tf from '@tensorflow/tfjs';
import { load } from './gen/ganvas-model.mjs';
await tf.setBackend('cpu');
try {
  const model = await load(${JSON.stringify(url)});
  const y = model.run(tf.tensor(${JSON.stringify(input.data)}, ${JSON.stringify(input.shape)}));
  console.log(JSON.stringify({ shape: y.shape, data: Array.from(await y.data()) }));
} catch (e) {
  console.log(JSON.stringify({ error: e.message }));
}
`,
  );
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [script], { timeout: 60_000 }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!)))),
  );
}

it('loads an export by the URL of its model.json, the weights fetched beside it, and reproduces the trainer', async () => {
  const trainer = await Trainer.create(compile(tinyPix2pix()).plan!);
  try {
    await trainer.train(2);
    const r = exportNetwork(trainer.plan, await trainer.checkpoint(), 'gen');
    if (!r.ok) throw new Error(r.message);
    for (const [name, content] of Object.entries(r.files)) writeFileSync(join(site, 'models', 'gen', name), content);
    const shape = [2, 16, 16, 3];
    const data = Array.from({ length: 2 * 16 * 16 * 3 }, (_, i) => Math.sin(i * 0.37));
    const x = tf.tensor(data, shape);
    const y = trainer.apply('gen', { in: x }).out as tf.Tensor;
    const want = await y.data();
    tf.dispose([x, y]);

    const got = await loadByUrl(`${base}/models/gen/model.json`, { shape, data });
    expect(got.error).toBeUndefined();
    expect(got.shape).toEqual(shape);
    expect(Math.max(...got.data!.map((v, i) => Math.abs(v - want[i]!)))).toBeLessThan(1e-6);

    // A missing weights file and a JSON that is not an export are named in the error.
    rmSync(join(site, 'models', 'gen', 'weights.bin'));
    expect((await loadByUrl(`${base}/models/gen/model.json`, { shape, data })).error).toBe(`Could not fetch ${base}/models/gen/weights.bin: 404 Not Found`);
    writeFileSync(join(site, 'models', 'gen', 'other.json'), '{"modelTopology": {}}');
    expect((await loadByUrl(`${base}/models/gen/other.json`, { shape, data })).error).toBe('This model.json is not a Ganvas export (format undefined).');
  } finally {
    trainer.dispose();
  }
});
