/**
 * Frame-time statistics for the editor rows: what a page recorded while something happened
 * (requestAnimationFrame timestamps and the long tasks the performance timeline reported)
 * summed up as median and p95 frame time and long-task counts.
 */
import type { FrameStats } from '../results';
import { percentile, summarize } from '../stats';

export interface Recording {
  /** requestAnimationFrame timestamps, ms, in order. */
  frames: number[];
  /** Long tasks (PerformanceObserver 'longtask': main-thread tasks over 50 ms), durations in ms. */
  longTasks: number[];
}

export function frameStats(r: Recording): FrameStats {
  const deltas = r.frames.slice(1).map((t, i) => t - r.frames[i]!);
  if (deltas.length === 0) throw new Error('frameStats: fewer than two frames were recorded');
  const s = summarize(deltas);
  return {
    seconds: (r.frames.at(-1)! - r.frames[0]!) / 1000,
    frames: deltas.length,
    medianMs: s.median,
    p95Ms: percentile(deltas, 0.95),
    maxMs: s.max,
    longTasks: r.longTasks.length,
    longTaskMs: r.longTasks.reduce((n, d) => n + d, 0),
    longestTaskMs: Math.max(0, ...r.longTasks),
  };
}
