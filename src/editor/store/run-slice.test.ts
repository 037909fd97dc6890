import { describe, expect, it } from 'vitest';
import { idleRun, receive, type RunView } from './run-slice';

const px = (n: number) => new Uint8ClampedArray(n * 4).fill(7).buffer;

describe('receive (worker messages folded into the run view)', () => {
  it('takes status, faults and fallbacks, and clears them with the next status', () => {
    let r: RunView = receive(idleRun, { type: 'status', status: 'failed', step: 12, message: 'lost', fault: 'device-lost', fallback: 'webgl' });
    expect([r.status, r.step, r.message, r.fault, r.fallback]).toEqual(['failed', 12, 'lost', 'device-lost', 'webgl']);
    r = receive(r, { type: 'status', status: 'running', step: 12 });
    expect([r.fault, r.fallback, r.message]).toEqual([undefined, undefined, undefined]);
  });

  it('records checkpoints with the fingerprint of the graph being trained', () => {
    const r = receive({ ...idleRun, trained: 'abc' }, { type: 'checkpoint', step: 30, savedAt: 5 });
    expect(r.saved).toEqual({ step: 30, savedAt: 5, fingerprint: 'abc' });
  });

  it('appends logged losses only, and keeps the latest preview and inspection per node', () => {
    let r = receive(idleRun, { type: 'progress', step: 1, rate: 2, losses: { L: 1 }, tensors: 10 });
    r = receive(r, { type: 'progress', step: 2, rate: 2, tensors: 10 });
    expect(r.losses).toEqual([{ step: 1, values: { L: 1 } }]);
    r = receive(r, { type: 'preview', nodeId: 'p', step: 2, images: [{ width: 1, height: 1, pixels: px(1) }] });
    r = receive(r, { type: 'inspect', nodeId: 'i', step: 2, stats: [{ shape: [1], mean: 0, std: 0, min: 0, max: 0, histogram: [1] }], channels: [{ width: 2, height: 1, pixels: px(2) }] });
    expect(r.previews.p!.images[0]!.pixels).toHaveLength(4);
    expect(r.inspects.i!.channels[0]!.pixels).toHaveLength(8);
    expect(r.inspects.i!.stats[0]!.histogram).toEqual([1]);
  });

  it('shows notices', () => {
    expect(receive(idleRun, { type: 'notice', text: 'Kept the weights.' }).notice).toBe('Kept the weights.');
  });
});
