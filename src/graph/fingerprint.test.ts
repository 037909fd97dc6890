import { describe, expect, it } from 'vitest';
import { tinyPix2pix } from './fixtures';
import { moveNodes, setParams } from './edit';
import { trainingFingerprint, type FingerprintMemo } from './fingerprint';
import type { GraphDoc } from './schema';

describe('trainingFingerprint', () => {
  const base = trainingFingerprint(tinyPix2pix());

  it('is the same for the same content, whatever the order of nodes and keys', () => {
    const d = tinyPix2pix();
    d.nodes.reverse();
    d.edges.reverse();
    d.nodes[0]!.params = Object.fromEntries(Object.entries(d.nodes[0]!.params).reverse());
    expect(trainingFingerprint(d)).toBe(base);
  });

  it('ignores positions, titles, labels, notes and the run length', () => {
    const d = tinyPix2pix();
    d.settings.steps += 10;
    d.settings.previewEvery += 1;
    d.nodes[0]!.position = { x: 999, y: -5 };
    d.nodes[1]!.label = 'renamed';
    d.meta.title = 'Another title';
    d.nodes.push({ id: 'n1', type: 'note', position: { x: 0, y: 0 }, params: { text: 'hello' } });
    expect(trainingFingerprint(d)).toBe(base);
  });

  it.each([
    ['a param', (d: ReturnType<typeof tinyPix2pix>) => void (d.nodes.find((n) => n.id === 'optG')!.params.lr = 0.5)],
    ['a network block', (d: ReturnType<typeof tinyPix2pix>) => void (d.networks[1]!.nodes.find((n) => n.id === 'c1')!.params.kernel = 5)],
    ['a network seed', (d: ReturnType<typeof tinyPix2pix>) => void (d.networks[0]!.seed += 1)],
    ['a wire', (d: ReturnType<typeof tinyPix2pix>) => void d.edges.pop()],
    ['a setting', (d: ReturnType<typeof tinyPix2pix>) => void (d.settings.batchSize += 1)],
  ])('changes with %s', (_what, edit) => {
    const d = tinyPix2pix();
    edit(d);
    expect(trainingFingerprint(d)).not.toBe(base);
  });

  it('with a memo, is the same as without one along a sequence of immutable edits', () => {
    const memo: FingerprintMemo = new WeakMap();
    let d = tinyPix2pix();
    const steps = [
      (x: GraphDoc) => setParams(x, 'optG', { ...x.nodes.find((n) => n.id === 'optG')!.params, lr: 0.5 }),
      (x: GraphDoc) => setParams(x, 'c1', { filters: 6, kernel: 5 }, 'gen'),
      (x: GraphDoc) => moveNodes(x, [{ id: 'G', position: { x: 1, y: 2 } }]),
      (x: GraphDoc) => setParams(x, 'c1', { filters: 4, kernel: 3 }, 'gen'),
    ];
    const prints = [trainingFingerprint(d, memo)];
    expect(prints[0]).toBe(trainingFingerprint(d));
    for (const step of steps) {
      d = step(d);
      prints.push(trainingFingerprint(d, memo));
      expect(prints.at(-1)).toBe(trainingFingerprint(d));
    }
    expect(prints[3]).toBe(prints[2]); // the move changed nothing
    expect(prints[4]).toBe(prints[1]); // the block is back as it was
    expect(new Set(prints).size).toBe(3);
  });
});
