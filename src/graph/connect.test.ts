import { describe, expect, it } from 'vitest';
import { node } from './build';
import { canConnect } from './connect';
import { tinyPix2pix } from './fixtures';

const c = (from: string, to: string) => {
  const [source, sourceHandle] = from.split('.') as [string, string];
  const [target, targetHandle] = to.split('.') as [string, string];
  return { source, sourceHandle, target, targetHandle };
};

describe('canConnect', () => {
  it('accepts a wire whose type and range fit', () => {
    const d = tinyPix2pix();
    d.nodes.push(node('L2', 'l2'));
    expect(canConnect(d, c('G.out', 'L2.a'))).toEqual({ ok: true });
  });

  it('accepts an image into a tensor port and a vector into a tensor port', () => {
    const d = tinyPix2pix();
    d.nodes.push(node('tv', 'tv'), node('z', 'noise'), node('L2', 'l2'));
    expect(canConnect(d, c('G.out', 'tv.in')).ok).toBe(true);
    expect(canConnect(d, c('z.out', 'L2.a')).ok).toBe(true);
  });

  it('refuses the wrong type, saying what each side carries', () => {
    const d = tinyPix2pix();
    d.nodes.push(node('z', 'noise'));
    const v = canConnect(d, c('z.out', 'G.in'));
    expect(v).toMatchObject({ ok: false });
    expect(!v.ok && v.reason).toMatch(/vector.*image/);
  });

  it('refuses a range mismatch and offers a Rescale node', () => {
    const d = tinyPix2pix();
    d.nodes.push(node('s01', 'sinus', { range: '[0,1]' }));
    const v = canConnect(d, c('s01.out', 'G.in'));
    expect(v).toEqual({
      ok: false,
      reason: expect.stringMatching(/\[0,1\].*\[-1,1\].*Rescale/),
      fix: { kind: 'insert-rescale', from: { node: 's01', port: 'out' }, to: { node: 'G', port: 'in' }, range: '[-1,1]' },
    });
  });

  it('refuses a loop and a node wired to itself', () => {
    const d = tinyPix2pix();
    d.nodes.push(node('G2', 'network', { network: 'gen' }));
    d.edges.push({ source: 'G', sourceHandle: 'out', target: 'G2', targetHandle: 'in' });
    expect(canConnect(d, c('G2.out', 'G.in'))).toMatchObject({ ok: false, reason: expect.stringMatching(/loop/) });
    expect(canConnect(d, c('G.out', 'G.in'))).toMatchObject({ ok: false, reason: expect.stringMatching(/itself/) });
  });

  it('refuses ports that do not exist, and going from an input', () => {
    const d = tinyPix2pix();
    expect(canConnect(d, c('G.nope', 'L1.a')).ok).toBe(false);
    expect(canConnect(d, c('L1.a', 'G.in')).ok).toBe(false);
  });

  it('says which wire a new one replaces in an occupied input', () => {
    const d = tinyPix2pix();
    expect(canConnect(d, c('x.out', 'L1.b'))).toEqual({ ok: true, replaces: 'y.out->L1.b' });
  });

  it('checks wires inside a network, with the shapes of its first call site', () => {
    const d = tinyPix2pix();
    d.networks[0]!.nodes.push(node('t2', 'activation', { fn: 'tanh' }));
    expect(canConnect(d, c('c2.out', 't2.in'), { networkId: 'gen' })).toEqual({ ok: true });
    expect(canConnect(d, c('t.out', 'c1.in'), { networkId: 'gen' })).toMatchObject({ ok: false, reason: expect.stringMatching(/loop/) });
  });
});
