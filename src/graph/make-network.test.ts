import { describe, expect, it } from 'vitest';
import { node, wire } from './build';
import { compile } from './compile';
import { tinyPipeline as withPipeline, tinyPix2pix } from './fixtures';
import { makeNetworkFromSelection } from './make-network';
import type { GraphDoc } from './schema';

/** Every inferred signal of the training graph's nodes that exist in both documents. */
function signals(doc: GraphDoc, ids: string[]) {
  const a = compile(doc).analysis.inferred.signals;
  return Object.fromEntries(ids.map((id) => [id, a.get(id)]));
}

const outside = (d: GraphDoc) => d.nodes.filter((n) => !['gray', 'blur', 'mix'].includes(n.id)).map((n) => n.id);

describe('make network from selection', () => {
  it('moves the blocks into a network with Inputs and Outputs, behind one call site', () => {
    const doc = withPipeline();
    const before = compile(doc);
    expect(before.diagnostics.filter((x) => x.severity !== 'info')).toEqual([]);
    const r = makeNetworkFromSelection(doc, undefined, ['gray', 'blur', 'mix', 'x-missing']);
    if (!r.ok) throw new Error(r.reason);
    const net = r.doc.networks.find((n) => n.id === r.networkId)!;
    expect(r.networkId).toBe('network');
    expect(net.nodes.map((n) => [n.id, n.type, n.params.name, n.params.type, n.params.range])).toEqual([
      ['gray', 'grayscale', undefined, undefined, undefined],
      ['blur', 'blur', undefined, undefined, undefined],
      ['mix', 'add', undefined, undefined, undefined],
      ['in-x', 'network.input', 'x', 'image', '[-1,1]'],
      ['in-y', 'network.input', 'y', 'image', '[-1,1]'],
      ['out-blur', 'network.output', 'blur', 'image', '[-1,1]'],
      ['out-gray', 'network.output', 'gray', 'image', '[-1,1]'],
      ['out-mix', 'network.output', 'mix', 'tensor', '[-1,1]'],
    ]);
    // The blocks left the training graph; the call site sits where the first of them was listed.
    expect(r.doc.nodes.some((n) => ['gray', 'blur', 'mix'].includes(n.id))).toBe(false);
    expect(r.doc.nodes.findIndex((n) => n.id === r.nodeId)).toBe(doc.nodes.findIndex((n) => n.id === 'gray'));
    const wires = (d: GraphDoc) => d.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`).sort();
    expect(wires(r.doc).filter((w) => w.includes('network'))).toEqual([
      'network.blur->G.in',
      'network.gray->Dfake.condition',
      'network.gray->Dreal.condition',
      'network.mix->look.in',
      'x.out->network.x',
      'y.out->network.y',
    ]);
    expect(net.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`).sort()).toEqual([
      'blur.out->mix.in1',
      'blur.out->out-blur.in',
      'gray.out->blur.in',
      'gray.out->out-gray.in',
      'in-x.out->gray.in',
      'in-y.out->mix.in2',
      'mix.out->out-mix.in',
    ]);
    // The input document is untouched.
    expect(doc).toEqual(withPipeline());
  });

  it('compiles to the same shapes with no new diagnostics', () => {
    const doc = withPipeline();
    const r = makeNetworkFromSelection(doc, undefined, ['gray', 'blur', 'mix']);
    if (!r.ok) throw new Error(r.reason);
    const after = compile(r.doc);
    expect(after.diagnostics).toEqual(compile(doc).diagnostics);
    expect(after.plan).toBeDefined();
    expect(signals(r.doc, outside(doc))).toEqual(signals(doc, outside(doc)));
    // The call site gives what the blocks gave.
    const call = after.analysis.inferred.signals.get(r.nodeId)!;
    const was = compile(doc).analysis.inferred.signals;
    expect(call).toEqual({ gray: was.get('gray')!.out, blur: was.get('blur')!.out, mix: was.get('mix')!.out });
  });

  it('puts a wrongly placed block with weights into a network, which mends it', () => {
    const d = tinyPix2pix();
    d.nodes.push(node('conv', 'conv2d', { filters: 3, kernel: 3 }, { x: 50, y: 0 }), node('look', 'inspect'));
    d.edges.push(wire('x.out', 'conv.in'), wire('conv.out', 'look.in'));
    expect(compile(d).diagnostics.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['wrongPlace']);
    const r = makeNetworkFromSelection(d, undefined, ['conv']);
    if (!r.ok) throw new Error(r.reason);
    const after = compile(r.doc);
    expect(after.diagnostics.map((x) => x.code)).not.toContain('wrongPlace');
    expect(after.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    // Its weights now belong to the new network; a conv2d gives a tensor, so that is the Output's type.
    expect(after.analysis.networkUse.get(r.networkId)!.weights.map((w) => w.block)).toEqual(['conv', 'conv']);
    expect(r.doc.networks.at(-1)!.nodes.find((n) => n.type === 'network.output')!.params.type).toBe('tensor');
  });

  it.each<[string, (d: GraphDoc) => string[], RegExp]>([
    ['nothing but a note', () => ['nope'], /Select the blocks/],
    ['a source', () => ['x', 'gray'], /cannot go inside a network: source nodes/],
    ['a loss', () => ['L1'], /loss nodes stay on the training graph/],
    ['an optimizer', () => ['optG'], /optimizer nodes/],
    ['a call site', () => ['G'], /network call site nodes/],
    ['a path that leaves and comes back', () => ['gray', 'mix'], /comes back through Blur “blur”/],
    ['blocks whose results nothing uses', (d) => {
      d.edges = d.edges.filter((e) => e.source !== 'mix');
      return ['mix'];
    }, /Nothing leaves the selection/],
  ])('refuses %s, saying why', (_name, pick, reason) => {
    const doc = withPipeline();
    const ids = pick(doc);
    const r = makeNetworkFromSelection(doc, undefined, ids);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('refuses a selection inside a network, and features going into one', () => {
    const doc = withPipeline();
    const inside = makeNetworkFromSelection(doc, 'gen', ['c1']);
    expect(inside.ok ? '' : inside.reason).toMatch(/cannot call another network/);
    const d = tinyPix2pix();
    d.nodes.push(node('list', 'feature-list', { count: 1 }), node('cat', 'concat', { count: 2 }));
    d.edges.push(wire('x.out', 'list.f1'));
    expect(makeNetworkFromSelection(d, undefined, ['x']).ok).toBe(false);
  });
});
