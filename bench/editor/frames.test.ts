import { describe, expect, it } from 'vitest';
import { percentile } from '../stats';
import { frameStats } from './frames';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const v = Array.from({ length: 20 }, (_, i) => 20 - i); // 20, 19, …, 1
    expect(percentile(v, 0.95)).toBe(19);
    expect(percentile(v, 0.5)).toBe(10);
    expect(percentile(v, 1)).toBe(20);
    expect(percentile([7], 0.95)).toBe(7);
  });
  it.each([[[], 0.5], [[1], 0], [[1], 1.5]])('refuses %j at %d', (v, q) => {
    expect(() => percentile(v, q)).toThrow();
  });
});

describe('frameStats', () => {
  it('sums frame deltas and long tasks', () => {
    // 10 frames of 16 ms, one of 100 ms: deltas 16×9 then 100 (sorted: nine 16s, one 100).
    const frames = [0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 244];
    const s = frameStats({ frames, longTasks: [60, 90] });
    expect(s).toEqual({ seconds: 0.244, frames: 10, medianMs: 16, p95Ms: 100, maxMs: 100, longTasks: 2, longTaskMs: 150, longestTaskMs: 90 });
  });
  it('reports no long tasks as zeros', () => {
    expect(frameStats({ frames: [0, 10, 30], longTasks: [] })).toMatchObject({ medianMs: 15, p95Ms: 20, longTasks: 0, longTaskMs: 0, longestTaskMs: 0 });
  });
  it('needs two frames', () => {
    expect(() => frameStats({ frames: [5], longTasks: [] })).toThrow(/two frames/);
  });
});
