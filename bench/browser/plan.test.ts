import { describe, expect, it } from 'vitest';
import { browserPlan } from './plan';

const all = ['pix2pix-lite-64', 'fast-style-128', 'dcgan-28'] as const;

describe('browserPlan', () => {
  it('runs the full protocol with a target on wasm and on a real GPU', () => {
    expect(browserPlan('wasm', undefined, 'full', all)).toEqual({ protocol: { warmup: 3, timed: 20 }, workloads: [...all], target: 1.05 });
    expect(browserPlan('webgpu', undefined, 'full', all)).toEqual({ protocol: { warmup: 3, timed: 20 }, workloads: [...all], target: 1.05 });
  });
  it('runs pix2pix-lite-64 only, 1 + 5 steps and no target, on a software GPU', () => {
    expect(browserPlan('webgl', 'SwiftShader', 'full', all)).toEqual({ protocol: { warmup: 1, timed: 5 }, workloads: ['pix2pix-lite-64'] });
    expect(browserPlan('webgpu', 'fallback adapter', 'full', ['dcgan-28']).workloads).toEqual([]);
  });
  it('keeps quick runs short', () => {
    expect(browserPlan('wasm', undefined, 'quick', all).protocol).toEqual({ warmup: 1, timed: 3 });
    expect(browserPlan('webgpu', 'fallback adapter', 'quick', all).protocol).toEqual({ warmup: 1, timed: 2 });
  });
});
