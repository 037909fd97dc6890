import { describe, expect, it } from 'vitest';
import { gflops, ratio, roundOrder, summarize, worstRelative } from './stats';

describe('summarize', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
  });
  it('does not reorder its input', () => {
    const v = [3, 1, 2];
    summarize(v);
    expect(v).toEqual([3, 1, 2]);
  });
  it('refuses an empty list', () => {
    expect(() => summarize([])).toThrow();
  });
});

describe('ratio and GFLOP/s', () => {
  it('divides, and is undefined without both numbers', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(undefined, 2)).toBeUndefined();
    expect(ratio(3, undefined)).toBeUndefined();
  });
  it('turns GFLOP per step and ms per step into GFLOP/s', () => {
    expect(gflops(0.701, 100)).toBeCloseTo(7.01, 10);
  });
});

describe('worstRelative', () => {
  it('finds the loss furthest from the expected one, relative to it', () => {
    expect(worstRelative({ a: 1.0001, b: 2 }, { a: 1, b: 2 })).toEqual({ key: 'a', rel: expect.closeTo(1e-4, 8) });
  });
  it('counts a missing or non-finite loss as infinitely far', () => {
    expect(worstRelative({ a: 1 }, { a: 1, b: 2 }).rel).toBe(Infinity);
    expect(worstRelative({ a: NaN }, { a: 1 }).rel).toBe(Infinity);
  });
});

describe('roundOrder', () => {
  it('gives every implementation every position over the rounds', () => {
    const rounds = Array.from({ length: 6 }, (_, r) => roundOrder(['a', 'b', 'c'], r));
    for (const pos of [0, 1, 2]) expect(new Set(rounds.map((o) => o[pos]))).toEqual(new Set(['a', 'b', 'c']));
    for (const o of rounds) expect([...o].sort()).toEqual(['a', 'b', 'c']);
  });
  it('alternates two implementations', () => {
    expect([0, 1, 2, 3].map((r) => roundOrder(['a', 'b'], r).join(''))).toEqual(['ab', 'ba', 'ab', 'ba']);
  });
});
