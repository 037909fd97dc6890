/**
 * The session's state handling, in Node on the cpu backend: checkpoints every N iterations and on
 * pause, resuming from one exactly where training stopped, keeping the weights of unchanged
 * networks after an edit, the fault hook's NaN, lost device and exhausted memory, and falling back
 * from a backend that cannot run the graph.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyPix2pix } from '../../graph/fixtures';
import { strFromU8, unzipSync } from 'fflate';
import { memoryCheckpoints } from '../checkpoint-store';
import type { FromWorker } from '../protocol';
import { harness, lossesAt, settle, steps } from './session-harness';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const saves = (ms: FromWorker[]) => ms.flatMap((m) => (m.type === 'checkpoint' ? [m.step] : []));
const key = 'graph-1';

describe('checkpoints', () => {
  it('are saved every N iterations and at the end, and resume exactly where training stopped', async () => {
    const straight = harness();
    straight.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 10, previewEvery: 0 });
    await straight.until(straight.status('done'));
    const expected = lossesAt(straight.messages);

    const checkpoints = memoryCheckpoints();
    const a = harness({ checkpoints });
    a.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 7, previewEvery: 0, checkpoint: { key, every: 3 } });
    await a.until(a.status('done'));
    expect(saves(a.messages)).toEqual([3, 6, 7]);
    expect((await checkpoints.card(key))?.step).toBe(7);

    // A new session (a reload) goes on from step 7 with the same losses as the straight run.
    const b = harness({ checkpoints });
    b.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 3, previewEvery: 0, from: 'checkpoint', checkpoint: { key, every: 3 } });
    await b.until(b.status('done'));
    expect(steps(b.messages)).toEqual([8, 9, 10]);
    const got = lossesAt(b.messages);
    for (const s of [8, 9, 10]) expect(got[s], `step ${s}`).toEqual(expected[s]);
    b.session.handle({ type: 'stop' });
  });

  it('are saved when the user pauses, and refused politely when there is none', async () => {
    const checkpoints = memoryCheckpoints();
    const h = harness({ checkpoints });
    h.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 1000, previewEvery: 0, checkpoint: { key, every: 0 } });
    await h.until((m) => m.type === 'progress' && m.step >= 2);
    h.session.handle({ type: 'pause' });
    const saved = await h.until((m) => m.type === 'checkpoint');
    const card = await checkpoints.card(key);
    expect(saved.type === 'checkpoint' && saved.step).toBe(card?.step);
    h.session.handle({ type: 'stop' });
    await h.until(h.status('stopped'));

    const none = harness({ checkpoints: memoryCheckpoints() });
    none.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 3, previewEvery: 0, from: 'checkpoint', checkpoint: { key, every: 0 } });
    const failed = await none.until(none.status('failed'));
    expect(failed.type === 'status' && failed.message).toMatch(/no saved checkpoint/);
  });

  it('give their weights to the networks that kept their shapes after an edit', async () => {
    const checkpoints = memoryCheckpoints();
    const a = harness({ checkpoints });
    a.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 4, previewEvery: 0, checkpoint: { key, every: 0 } });
    await a.until(a.status('done'));
    const edited = tinyPix2pix();
    edited.networks.find((n) => n.id === 'disc')!.nodes.find((n) => n.id === 'c1')!.params.kernel = 5;
    const b = harness({ checkpoints });
    b.session.handle({ type: 'start', doc: edited, backend: 'cpu', steps: 2, previewEvery: 0, from: 'weights', checkpoint: { key, every: 0 } });
    const notice = await b.until((m) => m.type === 'notice');
    expect(notice.type === 'notice' && notice.text).toMatch(/Kept the trained weights of “gen”\. “disc” changed shape and starts afresh\./);
    await b.until(b.status('done'));
    expect(steps(b.messages)).toEqual([5, 6]);
    // A full resume of the edited graph is refused: its layout differs.
    const c = harness({ checkpoints });
    c.session.handle({ type: 'start', doc: edited, backend: 'cpu', steps: 2, previewEvery: 0, from: 'checkpoint', checkpoint: { key: 'other', every: 0 } });
    await c.until(c.status('failed'));
  });
});

describe('faults', () => {
  it('NaN: pauses naming the loss and keeps the last good checkpoint', async () => {
    const checkpoints = memoryCheckpoints();
    const h = harness({ checkpoints });
    h.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 1000, previewEvery: 0, checkpoint: { key, every: 2 } });
    await h.until((m) => m.type === 'checkpoint' && m.step >= 2);
    h.session.handle({ type: 'inject-fault', fault: 'nan' });
    const paused = await h.until((m) => m.type === 'status' && m.status === 'paused' && m.fault === 'nan');
    if (paused.type !== 'status') throw new Error('not a status');
    const good = saves(h.messages).at(-1)!;
    expect(paused.message).toMatch(new RegExp(`^The loss “lossD” became NaN at step \\d+.*The checkpoint of step ${good} is kept\\.$`));
    // Pausing again or stopping does not overwrite it.
    h.session.handle({ type: 'stop' });
    await h.until(h.status('stopped'));
    await settle();
    expect((await checkpoints.card(key))?.step).toBe(good);
  });

  it.each([
    ['oom', /ran out of memory on webgl/],
    ['device-lost', /webgl device was lost/],
  ] as const)('%s: stops with a message and a fallback backend, freeing every tensor', async (fault, text) => {
    const before = tf.memory().numTensors;
    const checkpoints = memoryCheckpoints();
    // The cpu backend, named webgl, so that the fallback is wasm.
    const h = harness({ checkpoints, initBackend: async () => ({ name: 'webgl', reasons: [] }) });
    h.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'webgl', steps: 1000, previewEvery: 0, checkpoint: { key, every: 2 } });
    await h.until((m) => m.type === 'checkpoint');
    h.session.handle({ type: 'inject-fault', fault });
    const failed = await h.until(h.status('failed'));
    if (failed.type !== 'status') throw new Error('not a status');
    expect(failed.fault).toBe(fault);
    expect(failed.fallback).toBe('wasm');
    expect(failed.message).toMatch(text);
    expect(failed.message).toMatch(/Your graph is unchanged\. Training can go on from the checkpoint of step \d+ on wasm\.$/);
    await settle();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a device lost outside any iteration (the GPU backends report it) stops the run the same way', async () => {
    let lose: (why: string) => void = () => undefined;
    const lost = new Promise<string>((r) => (lose = r));
    const h = harness({ initBackend: async () => ({ name: 'webgpu', reasons: [], lost }) });
    h.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'webgpu', steps: 1000, previewEvery: 0 });
    await h.until((m) => m.type === 'progress' && m.step >= 2);
    lose('destroyed');
    const failed = await h.until(h.status('failed'));
    expect(failed.type === 'status' && failed.fault).toBe('device-lost');
    expect(failed.type === 'status' && failed.message).toMatch(/webgpu device was lost \(destroyed\).*No checkpoint was saved yet, so training starts again on webgl\.$/);
  });
});

describe('backend check', () => {
  it('falls back, with the reason, from a backend that lacks a kernel the graph needs', async () => {
    // A backend with no kernels at all: registered under a name of its own.
    tf.registerBackend('bare', tf.findBackendFactory('cpu')!, 0);
    const asked: string[][] = [];
    const h = harness({
      async initBackend(_choice, exclude) {
        asked.push([...exclude]);
        const name = exclude.includes('webgpu') ? 'cpu' : 'webgpu';
        await tf.setBackend(name === 'cpu' ? 'cpu' : 'bare');
        return { name, reasons: [] };
      },
    });
    h.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'webgpu', steps: 2, previewEvery: 0 });
    await h.until(h.status('done'));
    expect(asked).toEqual([[], ['webgpu']]);
    const last = h.messages.filter((m) => m.type === 'backend').at(-1);
    expect(last?.type === 'backend' && last.name).toBe('cpu');
    expect(last?.type === 'backend' && last.reasons.join(' ')).toMatch(/^webgpu: it could not run this graph \(.*not registered.*\)\.$/);
    tf.removeBackend('bare');
  });
});

describe('network export', () => {
  const files = (m: FromWorker) => {
    if (m.type !== 'exported') throw new Error('not an export');
    return { name: m.name, files: unzipSync(new Uint8Array(m.bytes)) };
  };

  it('zips the trained network from the run, or from the checkpoint when no run is going', async () => {
    const checkpoints = memoryCheckpoints();
    const h = harness({ checkpoints });
    h.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 3, previewEvery: 0, checkpoint: { key, every: 0 } });
    await h.until(h.status('done'));
    h.session.handle({ type: 'export-network', network: 'gen' });
    const live = files(await h.until((m) => m.type === 'exported'));
    expect(live.name).toBe('gen-model.zip');
    expect(Object.keys(live.files).sort()).toEqual(['gen-model/README.md', 'gen-model/ganvas-model.mjs', 'gen-model/model.json', 'gen-model/weights.bin']);
    const manifest = JSON.parse(strFromU8(live.files['gen-model/model.json']!)) as { weightsManifest: { weights: { shape: number[] }[] }[] };
    const floats = manifest.weightsManifest[0]!.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(live.files['gen-model/weights.bin']!.byteLength).toBe(floats * 4);

    h.session.handle({ type: 'stop' });
    await h.until(h.status('stopped'));
    // A reload: no run, the checkpoint and the document.
    const later = harness({ checkpoints });
    later.session.handle({ type: 'export-network', network: 'gen', doc: tinyPix2pix(), key });
    const saved = files(await later.until((m) => m.type === 'exported'));
    expect(saved.files['gen-model/weights.bin']).toEqual(live.files['gen-model/weights.bin']);

    later.session.handle({ type: 'export-network', network: 'nope', doc: tinyPix2pix(), key });
    const refused = await later.until((m) => m.type === 'notice');
    expect(refused.type === 'notice' && refused.text).toMatch(/no network "nope"/);
  });
});
