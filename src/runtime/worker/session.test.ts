/**
 * The worker's training session, driven through its protocol in Node on the cpu backend: it
 * trains, pauses, steps exactly one iteration, stops and frees every tensor, refuses a graph with
 * errors, and pauses on a NaN with a message naming the loss.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyPix2pix } from '../../graph/fixtures';
import type { GraphDoc } from '../../graph/schema';
import { harness, steps } from './session-harness';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the training session', () => {
  it('trains, pauses, steps once, and stops with no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const h = harness();
    h.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 1000, previewEvery: 2 });
    await h.until((m) => m.type === 'progress' && m.step >= 3);
    h.session.handle({ type: 'pause' });
    await h.until(h.status('paused'));
    await new Promise((r) => setTimeout(r, 50));
    const at = Math.max(...steps(h.messages));
    h.session.handle({ type: 'step' });
    await h.until((m) => m.type === 'progress' && m.step === at + 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(Math.max(...steps(h.messages))).toBe(at + 1);
    expect(h.messages.some((m) => m.type === 'preview' && m.images.length > 0 && m.images[0]!.pixels.byteLength === m.images[0]!.width * m.images[0]!.height * 4)).toBe(true);
    expect(h.messages.find((m) => m.type === 'backend')).toEqual({ type: 'backend', name: 'cpu', reasons: [] });

    h.session.handle({ type: 'resume' });
    await h.until((m) => m.type === 'progress' && m.step >= at + 3);
    h.session.handle({ type: 'stop' });
    await h.until(h.status('stopped'));
    await new Promise((r) => setTimeout(r, 100));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the tensor count flat while training', async () => {
    const h = harness();
    h.session.handle({ type: 'start', doc: tinyPix2pix(), backend: 'cpu', steps: 30, previewEvery: 5 });
    await h.until(h.status('done'));
    const counts = h.messages.flatMap((m) => (m.type === 'progress' ? [m.tensors] : []));
    expect(counts.length).toBe(30);
    expect(new Set(counts.slice(2, -1)).size).toBe(1);
    h.session.handle({ type: 'stop' });
  });

  it('refuses a graph with errors, saying what is wrong', async () => {
    const doc: GraphDoc = tinyPix2pix();
    doc.edges = doc.edges.slice(1);
    const h = harness();
    h.session.handle({ type: 'start', doc, backend: 'cpu', steps: 5, previewEvery: 1 });
    const failed = await h.until(h.status('failed'));
    expect(failed.type === 'status' && failed.message).toMatch(/^The graph has problems to fix before it can train: /);
  });

  it('pauses on a non-finite loss with a message naming it', async () => {
    const d = tinyPix2pix();
    const g = d.nodes.find((n) => n.id === 'optG')!;
    g.type = 'sgd';
    g.params = { ...g.params, lr: 10 };
    d.nodes.find((n) => n.id === 'lossG')!.params.weights = [1, 1e12];
    d.networks[0]!.nodes.find((n) => n.id === 't')!.params.fn = 'leaky-relu';
    const h = harness();
    h.session.handle({ type: 'start', doc: d, backend: 'cpu', steps: 200, previewEvery: 1 });
    const paused = await h.until(h.status('paused'));
    expect(paused.type === 'status' && paused.message).toMatch(/^The loss “\w+” became (NaN|infinite|−infinite) at step \d+/);
    h.session.handle({ type: 'stop' });
    await h.until(h.status('stopped'));
  });
});
