import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../nodes/prng';
import { analyzeGraph } from './analyze';
import { emptyDoc, zGraphDoc, type GraphDoc } from './schema';
import { duplicateNetwork, editedSinceTemplate, makeCallSiteUnique, placeTemplate, pointCallSite, retemplateNetwork, templateNetwork, uniqueId } from './templates';

const at = { x: 10, y: 20 };

describe('placeTemplate', () => {
  it('adds a network made from the template and a call site of it', () => {
    const doc = emptyDoc();
    const r = placeTemplate(doc, 'unet', { depth: 3 }, at);
    expect(r.networkId).toBe('unet');
    expect(r.nodeId).toBe('unet');
    expect(r.doc.nodes).toEqual([{ id: 'unet', type: 'network', position: at, params: { network: 'unet' } }]);
    const net = r.doc.networks[0]!;
    expect(net.label).toBe('U-Net');
    expect(net.seed).toBe(deriveSeed(doc.settings.seed, 'unet'));
    expect(net.frozen).toBe(false);
    expect(net.template?.id).toBe('unet');
    expect(net.template?.params.depth).toBe(3);
    expect(net.template?.params.baseWidth).toBe(32); // defaults are stored, not implied
    expect(net.nodes.filter((n) => n.type === 'conv2d').length).toBe(3);
    expect(zGraphDoc.safeParse(r.doc).success).toBe(true);
  });

  it('is pure: the input document is unchanged', () => {
    const doc = emptyDoc();
    const before = structuredClone(doc);
    placeTemplate(doc, 'patchgan', {}, at);
    expect(doc).toEqual(before);
  });

  it('gives later placements fresh ids, labels and seeds', () => {
    let doc: GraphDoc = emptyDoc();
    doc = placeTemplate(doc, 'unet', {}, at).doc;
    const r = placeTemplate(doc, 'unet', {}, at);
    expect(r.networkId).toBe('unet-2');
    expect(r.nodeId).toBe('unet-2');
    const [a, b] = r.doc.networks;
    expect(b!.label).toBe('U-Net 2');
    expect(b!.seed).not.toBe(a!.seed);
  });

  it('takes a seed, ids and a label from the options', () => {
    const r = placeTemplate(emptyDoc(), 'random-features', {}, at, { seed: 202, networkId: 'loss-net', nodeId: 'L', label: 'Loss net' });
    expect(r).toMatchObject({ networkId: 'loss-net', nodeId: 'L' });
    expect(r.doc.networks[0]).toMatchObject({ id: 'loss-net', seed: 202, label: 'Loss net', frozen: true });
  });

  it('derives the seed from the graph seed', () => {
    const doc = { ...emptyDoc(), settings: { ...emptyDoc().settings, seed: 7 } };
    expect(placeTemplate(doc, 'unet', {}, at).doc.networks[0]!.seed).toBe(deriveSeed(7, 'unet'));
  });

  it('refuses unknown templates, bad params and taken ids', () => {
    const doc = placeTemplate(emptyDoc(), 'unet', {}, at).doc;
    expect(() => placeTemplate(doc, 'nope', {}, at)).toThrow(/nope/);
    expect(() => placeTemplate(doc, 'unet', { depth: 0 }, at)).toThrow();
    expect(() => placeTemplate(doc, 'unet', {}, at, { networkId: 'unet' })).toThrow(/unet/);
    expect(() => placeTemplate(doc, 'unet', {}, at, { nodeId: 'unet' })).toThrow(/unet/);
  });

  it('stores params and nodes that do not alias the template', () => {
    const a = templateNetwork('random-features', {}, { id: 'x', seed: 1 });
    (a.template!.params.widths as number[]).push(5);
    (a.nodes[1]!.params as { filters: number }).filters = 1;
    const b = templateNetwork('random-features', {}, { id: 'x', seed: 1 });
    expect(b.template!.params.widths).toEqual([32, 64, 128]);
    expect(b.nodes[1]!.params.filters).toBe(32);
  });
});

describe('sharing and unsharing weights', () => {
  function twoSites(): GraphDoc {
    const r = placeTemplate(emptyDoc(), 'dcgan-discriminator', {}, at);
    return { ...r.doc, nodes: [...r.doc.nodes, { id: 'd-fake', type: 'network', position: at, params: { network: r.networkId } }] };
  }

  it('duplicateNetwork copies a network under a new id and seed, after the original', () => {
    const doc = twoSites();
    const r = duplicateNetwork(doc, 'dcgan-discriminator');
    expect(r.networkId).toBe('dcgan-discriminator-2');
    const [orig, copy] = r.doc.networks;
    expect(copy!.id).toBe('dcgan-discriminator-2');
    expect(copy!.seed).not.toBe(orig!.seed);
    expect(copy!.label).toBe('DCGAN discriminator (copy)');
    expect(copy!.nodes).toEqual(orig!.nodes);
    expect(copy!.nodes[0]).not.toBe(orig!.nodes[0]);
    expect(r.doc.nodes).toBe(doc.nodes);
    expect(doc.networks.length).toBe(1);
    // A copy of a copy continues the numbering instead of growing '-2-2'.
    expect(duplicateNetwork(r.doc, 'dcgan-discriminator-2').networkId).toBe('dcgan-discriminator-3');
  });

  it('pointCallSite changes which network one call site runs', () => {
    const dup = duplicateNetwork(twoSites(), 'dcgan-discriminator');
    const doc = pointCallSite(dup.doc, 'd-fake', dup.networkId);
    expect(doc.nodes.map((n) => n.params.network)).toEqual(['dcgan-discriminator', 'dcgan-discriminator-2']);
    expect(dup.doc.nodes[1]!.params.network).toBe('dcgan-discriminator');
    expect(() => pointCallSite(doc, 'd-fake', 'missing')).toThrow();
    expect(() => pointCallSite(doc, 'nope', dup.networkId)).toThrow();
  });

  it('makeCallSiteUnique gives one call site its own copy', () => {
    const r = makeCallSiteUnique(twoSites(), 'd-fake');
    expect(r.doc.networks.map((n) => n.id)).toEqual(['dcgan-discriminator', r.networkId]);
    expect(r.doc.nodes.find((n) => n.id === 'd-fake')!.params.network).toBe(r.networkId);
    expect(r.doc.nodes.find((n) => n.id === 'dcgan-discriminator')!.params.network).toBe('dcgan-discriminator');
  });

  it('a placed template is a working network for the compiler', () => {
    const r = placeTemplate(emptyDoc(), 'dcgan-generator', {}, at);
    const a = analyzeGraph(r.doc);
    expect(a.networkScopes.get(r.networkId)?.diagnostics).toEqual([]);
    expect(a.diagnostics.filter((d) => d.networkId === r.networkId && d.severity === 'error')).toEqual([]);
  });
});

describe('uniqueId', () => {
  it.each([
    ['unet', [], 'unet'],
    ['unet', ['unet'], 'unet-2'],
    ['unet', ['unet', 'unet-2', 'unet-3'], 'unet-4'],
    ['unet', ['unet', 'unet-3'], 'unet-2'],
  ])('%s among %j is %s', (base, taken, want) => {
    expect(uniqueId(base, taken)).toBe(want);
  });
});

describe('editing a template network’s settings', () => {
  it('rebuilds its blocks with the new settings, keeping id, label, seed and call sites', () => {
    const placed = placeTemplate(emptyDoc(), 'unet', { depth: 3 }, { x: 0, y: 0 });
    const before = placed.doc.networks[0]!;
    expect(editedSinceTemplate(before)).toBe(false);
    const next = retemplateNetwork(placed.doc, before.id, { ...before.template!.params, depth: 2, baseWidth: 8 });
    const net = next.networks[0]!;
    expect([net.id, net.label, net.seed, net.frozen]).toEqual([before.id, before.label, before.seed, before.frozen]);
    expect(net.template!.params).toMatchObject({ depth: 2, baseWidth: 8 });
    // Independently: what the template builds for those settings, block for block.
    expect(net.nodes.map((n) => [n.id, n.type, n.params])).toEqual(templateNetwork('unet', { depth: 2, baseWidth: 8 }, { id: 'x', seed: 1 }).nodes.map((n) => [n.id, n.type, n.params]));
    expect(net.nodes.filter((n) => n.type === 'conv2d').length).toBeLessThan(before.nodes.filter((n) => n.type === 'conv2d').length);
    expect(next.nodes).toBe(placed.doc.nodes);
    expect(placed.doc.networks[0]).toBe(before);
    expect(editedSinceTemplate(net)).toBe(false);
    // A block changed by hand shows, and moving one does not.
    const moved = { ...net, nodes: net.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 999, y: 9 } } : n)) };
    expect(editedSinceTemplate(moved)).toBe(false);
    const changed = { ...net, nodes: net.nodes.map((n) => (n.type === 'conv2d' ? { ...n, params: { ...n.params, filters: 5 } } : n)) };
    expect(editedSinceTemplate(changed)).toBe(true);
    expect(() => retemplateNetwork(next, 'nope', {})).toThrow();
    expect(() => retemplateNetwork(next, before.id, { depth: 99 })).toThrow();
  });
});
