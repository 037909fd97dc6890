import { describe, expect, it } from 'vitest';
import { flops, gflop, nets } from './flops';

// The figures WORKLOADS.md states, to the digits it gives them.
describe('FLOP table', () => {
  it.each([
    ['pix2pixG', 0.1269],
    ['pix2pixD', 0.0401],
    ['styleT', 2.1706],
    ['dcganG', 1.376],
    ['dcganD', 1.3254],
  ] as const)('%s forward is %f GFLOP', (net, want) => {
    expect(gflop(nets[net])).toBeCloseTo(want, 4);
  });

  it('has the loss net at 0.6606 GFLOP', () => {
    expect(gflop([...nets.styleL12, ...nets.styleL3])).toBeCloseTo(0.6606, 4);
  });

  it.each([
    ['pix2pix-lite-64', 0.247, 0.701],
    ['fast-style-128', 3.391, 8.594],
    ['dcgan-28', 5.352, 14.732],
  ] as const)('%s: forward %f, train %f GFLOP per step', (id, forward, train) => {
    expect(flops[id].forward).toBeCloseTo(forward, 3);
    expect(flops[id].train).toBeCloseTo(train, 3);
  });
});
