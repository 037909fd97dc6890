import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('bench arguments', () => {
  it('default to the full run of every part, workload and backend, with the peer', () => {
    expect(parseArgs([])).toMatchObject({
      mode: 'full',
      profile: false,
      backends: ['wasm', 'cpu', 'webgpu', 'webgl'],
      only: ['node', 'browser', 'editor'],
      peer: true,
      workloads: ['pix2pix-lite-64', 'fast-style-128', 'dcgan-28'],
    });
  });
  it('select parts with --only', () => {
    expect(parseArgs(['--only', 'browser,editor']).only).toEqual(['browser', 'editor']);
  });
  it('take lists with = or as the next argument', () => {
    expect(parseArgs(['--quick', '--workloads=dcgan-28', '--backends', 'wasm', '--no-peer', '--profile'])).toMatchObject({
      mode: 'quick',
      workloads: ['dcgan-28'],
      backends: ['wasm'],
      peer: false,
      profile: true,
    });
  });
  it.each([[['--workloads', 'mnist']], [['--backends=metal']], [['--only=gpu']], [['--only']], [['--fast']], [['--machine']]])('refuse %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow();
  });
});
