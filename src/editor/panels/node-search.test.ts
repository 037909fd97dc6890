import { describe, expect, it } from 'vitest';
import { canConnect } from '../../graph/connect';
import { partOf } from '../../graph/edit';
import { tinyPix2pix } from '../../graph/fixtures';
import { compile } from '../../graph/compile';
import { addableItems, compatibleItems, placeItem, searchItems } from './node-search';

describe('node search', () => {
  it('offers kinds that belong where the user edits, and architectures on the training graph only', () => {
    const graph = addableItems(undefined).map((i) => i.key);
    const inside = addableItems('gen').map((i) => i.key);
    expect(graph).toEqual(expect.arrayContaining(['adam', 'blur', 'note', 'template:unet']));
    expect(graph).not.toContain('conv2d');
    expect(graph).not.toContain('network');
    expect(inside).toEqual(expect.arrayContaining(['conv2d', 'network.input', 'blur', 'note']));
    expect(inside).not.toContain('adam');
    expect(inside.some((k) => k.startsWith('template:'))).toBe(false);
  });

  it('finds by name, id, category and docs, best match first', () => {
    const items = addableItems(undefined);
    expect(searchItems(items, 'adam')[0]!.key).toBe('adam');
    expect(searchItems(items, 'unet')[0]!.key).toBe('template:unet');
    expect(searchItems(items, 'optimizer').slice(0, 3).map((i) => i.key).sort()).toEqual(['adam', 'rmsprop', 'sgd']);
    // "Gram" names the style loss; "speckle" is only in the total variation loss's docs.
    expect(searchItems(items, 'gram')[0]!.key).toBe('gram-style');
    expect(searchItems(items, 'speckle').map((i) => i.key)).toContain('tv');
    expect(searchItems(items, 'zzzqqq')).toEqual([]);
    expect(searchItems(items, '')).toEqual(items);
  });

  it('places a node or an architecture where asked', () => {
    const doc = tinyPix2pix();
    const a = placeItem(doc, searchItems(addableItems(undefined), 'blur')[0]!, { x: 5, y: 7 }, undefined);
    expect(a.doc.nodes.find((n) => n.id === a.id)).toMatchObject({ type: 'blur', position: { x: 5, y: 7 } });
    const b = placeItem(doc, addableItems(undefined).find((i) => i.template === 'patchgan')!, { x: 1, y: 2 }, undefined);
    expect(b.doc.nodes.find((n) => n.id === b.id)).toMatchObject({ type: 'network', params: { network: 'patchgan' } });
    expect(b.doc.networks.map((n) => n.id)).toEqual(['gen', 'disc', 'patchgan']);
  });

  it('for a wire from an output, offers exactly the items canConnect accepts, with the port', () => {
    const doc = tinyPix2pix();
    const { analysis } = compile(doc);
    const items = addableItems(undefined);
    const fromLoss = compatibleItems(doc, undefined, items, { node: 'L1', handle: 'loss', side: 'source' }, analysis);
    expect(fromLoss.map((i) => `${i.key}.${i.port}`).sort()).toEqual(['adam.loss', 'chart.l1', 'inspect.in', 'rmsprop.loss', 'sgd.loss', 'stop-gradient.in', 'weighted-sum.t1']);
    const fromImage = compatibleItems(doc, undefined, items, { node: 'G', handle: 'out', side: 'source' }, analysis);
    const keys = fromImage.map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['blur', 'preview', 'l1', 'template:patchgan', 'rescale']));
    expect(keys).not.toContain('adam');
    expect(keys).not.toContain('noise');
    // Each offer really connects once placed.
    for (const it of fromImage) {
      const placed = placeItem(doc, it, { x: 0, y: 0 }, undefined);
      expect(canConnect(placed.doc, { source: 'G', sourceHandle: 'out', target: placed.id, targetHandle: it.port }).ok, it.key).toBe(true);
    }
  });

  it('for a wire from an input, offers what can feed it, inside a network too', () => {
    const doc = tinyPix2pix();
    const intoOpt = compatibleItems(doc, undefined, addableItems(undefined), { node: 'optG', handle: 'loss', side: 'target' });
    expect(intoOpt.map((i) => i.key)).toEqual(expect.arrayContaining(['l1', 'l2', 'adversarial', 'weighted-sum', 'tv']));
    expect(intoOpt.map((i) => i.key)).not.toContain('blur');
    const inside = compatibleItems(doc, 'gen', addableItems('gen'), { node: 'c1', handle: 'in', side: 'target' });
    expect(inside.map((i) => i.key)).toEqual(expect.arrayContaining(['conv2d', 'network.input', 'activation']));
    for (const it of inside) expect(partOf(placeItem(doc, it, { x: 0, y: 0 }, 'gen').doc, 'gen').nodes.length).toBe(7);
  });
});
