import { describe, expect, it } from 'vitest';
import { summarizeKernels } from './profile';

describe('summarizeKernels', () => {
  const records = [
    { name: 'Conv2D', ms: 3, inputs: '[1,8,8,3] [3,3,3,4]' },
    { name: 'fusedConv2d__op', ms: 5 },
    { name: 'FusedConv2D', ms: 4.5, inputs: '[1,8,8,4]' },
    { name: 'Conv2D', ms: 1 },
    { name: 'Add', ms: 0.5 },
  ];

  it('sums by kernel, costliest first, leaving out custom-gradient wrappers timed around other kernels', () => {
    const s = summarizeKernels(records);
    expect(s.kernels).toEqual([
      { name: 'FusedConv2D', calls: 1, ms: 4.5 },
      { name: 'Conv2D', calls: 2, ms: 4 },
      { name: 'Add', calls: 1, ms: 0.5 },
    ]);
    expect(s.kernelMs).toBe(9);
  });

  it('lists the costliest single calls with their inputs', () => {
    expect(summarizeKernels(records, 2).top).toEqual([
      { name: 'FusedConv2D', inputs: '[1,8,8,4]', ms: 4.5 },
      { name: 'Conv2D', inputs: '[1,8,8,3] [3,3,3,4]', ms: 3 },
    ]);
  });
});
