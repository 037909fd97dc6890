/** Summary statistics of timed steps (WORKLOADS.md protocol: median, with min and max). */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** The median (the mean of the middle two for an even count), min and max. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize: no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** a ÷ b, or undefined when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/** GFLOP per step ÷ seconds per step. */
export const gflops = (gflopPerStep: number, ms: number): number => gflopPerStep / (ms / 1000);

/** Largest |a − b| / |b| over the keys of b; keys missing from a count as infinitely far. */
export function worstRelative(a: Record<string, number>, b: Record<string, number>): { key: string; rel: number } {
  let worst = { key: '', rel: 0 };
  for (const [key, want] of Object.entries(b)) {
    const got = a[key];
    const rel = got === undefined || !Number.isFinite(got) ? Infinity : Math.abs(got - want) / Math.max(Math.abs(want), 1e-30);
    if (rel >= worst.rel) worst = { key, rel };
  }
  return worst;
}

/** The order of the implementations in round r: rotated by one each round, so drift and noise hit all alike. */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const k = items.length === 0 ? 0 : round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** The q-quantile by nearest rank (q = 0.95: the smallest value at least 95% of the values do not exceed). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('percentile: no values');
  if (!(q > 0 && q <= 1)) throw new Error(`percentile: q must be in (0, 1], not ${q}`);
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(q * s.length) - 1]!;
}
