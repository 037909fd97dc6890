import { describe, expect, it } from 'vitest';
import { network, node, wire } from './build';
import { compile } from './compile';
import type { Diagnostic } from './diagnostics';
import { tinyDiscriminator, tinyGenerator, tinyPix2pix } from './fixtures';
import type { GraphDoc } from './schema';

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

describe('compile: a tiny pix2pix', () => {
  const { plan, diagnostics } = compile(tinyPix2pix());

  it('has no errors and yields a plan', () => {
    expect(errors(diagnostics)).toEqual([]);
    expect(plan).toBeDefined();
  });

  it('infers shapes through networks, with ranges', () => {
    const g = plan!.steps.find((s) => s.id === 'G')!;
    expect(g.outputs.out).toEqual({ type: 'image', shape: [2, 16, 16, 3], range: '[-1,1]' });
    const d = plan!.steps.find((s) => s.id === 'Dfake')!;
    expect(d.outputs.scores!.shape).toEqual([2, 8, 8, 1]);
  });

  it('shares one network between two call sites, with weights in fill order', () => {
    const disc = plan!.networks.find((n) => n.id === 'disc')!;
    expect(disc.callSites).toEqual(['Dreal', 'Dfake']);
    expect(disc.weights.map((w) => `${w.block}.${w.name}:${w.shape.join('x')}`)).toEqual(['c1.kernel:3x3x6x1', 'c1.bias:1']);
    const gen = plan!.networks.find((n) => n.id === 'gen')!;
    expect(gen.weights.map((w) => `${w.block}.${w.name}`)).toEqual(['c1.kernel', 'c1.bias', 'c2.kernel', 'c2.bias']);
    expect(gen.trainableCount).toBe(3 * 3 * 3 * 4 + 4 + 3 * 3 * 4 * 3 + 3);
  });

  it('orders optimizers by their order param and scopes each to its loss', () => {
    expect(plan!.optimizers.map((o) => o.id)).toEqual(['optD', 'optG']);
    const [d, g] = plan!.optimizers;
    expect(d!.networks).toEqual(['disc']);
    expect(d!.loss).toEqual({ node: 'lossD', port: 'loss' });
    expect(d!.steps).toEqual(['G', 'Dreal', 'Dfake', 'lossReal', 'lossFake', 'lossD']);
    expect(g!.steps).toEqual(['G', 'Dfake', 'lossGan', 'L1', 'lossG']);
    expect(g!.redraw.sort()).toEqual(['x', 'y']);
  });

  it('puts sources in the data phase and draws a shared stream in drawOrder', () => {
    expect(plan!.sources.sort()).toEqual(['x', 'y']);
    expect(plan!.streams).toEqual([{ name: 'data', seed: 7, nodes: ['x', 'y'] }]);
    expect(plan!.steps.find((s) => s.id === 'G')!.phase).toBe('model');
  });

  it('lists taps and loss nodes', () => {
    expect(plan!.taps.map((t) => [t.id, t.steps])).toEqual([['preview', ['G']]]);
    expect(plan!.losses.sort()).toEqual(['L1', 'lossD', 'lossFake', 'lossG', 'lossGan', 'lossReal']);
    expect(plan!.reports).toEqual([]);
  });

  it('plots charts from the logged losses, with no pass of their own', () => {
    const d = tinyPix2pix();
    d.nodes.push(node('chart', 'chart', { count: 2 }));
    d.edges.push(wire('lossD.loss', 'chart.l1'), wire('lossG.loss', 'chart.l2'));
    const p = compile(d).plan!;
    expect(p.taps.map((t) => t.id)).toEqual(['preview']);
    expect(p.charts).toEqual([{ id: 'chart', params: expect.anything(), series: [{ node: 'lossD', port: 'loss' }, { node: 'lossG', port: 'loss' }] }]);
  });

  it('plans losses nothing minimises, so they can be reported', () => {
    const d = tinyPix2pix();
    d.nodes.push(node('G2', 'network', { network: 'gen' }), node('extra', 'l2'));
    d.edges.push(wire('y.out', 'G2.in'), wire('G2.out', 'extra.a'), wire('y.out', 'extra.b'));
    const p = compile(d).plan!;
    expect(p.losses).toContain('extra');
    expect(p.reports).toEqual(['G2', 'extra']);
  });

  it('is plain data that survives a trip through JSON (it is posted to a worker)', () => {
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('computes subgraphs of static sources and frozen networks once', () => {
    const doc = tinyPix2pix();
    doc.nodes.find((n) => n.id === 'y')!.params.fixed = true;
    const p = compile(doc).plan!;
    expect(p.steps.find((s) => s.id === 'y')!.phase).toBe('static');
    expect(p.sources).toEqual(['x']);
  });
});

/** Applies a change to the tiny pix2pix and returns the new document. */
function broken(change: (d: GraphDoc) => void): GraphDoc {
  const d = tinyPix2pix();
  change(d);
  return d;
}
const drop = (d: GraphDoc, to: string) => {
  d.edges = d.edges.filter((e) => `${e.target}.${e.targetHandle}` !== to);
};

describe('compile: bad documents', () => {
  it.each<[string, (d: GraphDoc) => void, string, string | undefined, string | undefined]>([
    ['a cycle between call sites', (d) => {
      d.nodes.push(node('G2', 'network', { network: 'gen' }));
      drop(d, 'G.in');
      d.edges.push(wire('G.out', 'G2.in'), wire('G2.out', 'G.in'));
    }, 'cycle', 'G', undefined],
    ['a missing input', (d) => drop(d, 'L1.b'), 'missingInput', 'L1', 'b'],
    ['a wrong type', (d) => {
      d.nodes.push(node('z', 'noise', { dim: 8 }));
      drop(d, 'G.in');
      d.edges.push(wire('z.out', 'G.in'));
    }, 'wrongType', 'G', 'in'],
    ['a range mismatch', (d) => {
      d.nodes.find((n) => n.id === 'x')!.params.range = '[0,1]';
    }, 'rangeMismatch', 'G', 'in'],
    ['a shape mismatch', (d) => {
      d.nodes.find((n) => n.id === 'y')!.params.size = 8;
    }, 'sizeMismatch', 'cat', undefined],
    ['an unknown kind', (d) => {
      d.nodes.push(node('laser', 'laser-beam', { power: 9 }));
    }, 'unknownKind', 'laser', undefined],
    ['an optimizer with no loss', (d) => drop(d, 'optG.loss'), 'optimizerNoLoss', 'optG', 'loss'],
    ['an optimizer that trains nothing', (d) => {
      d.nodes.find((n) => n.id === 'optG')!.params.trains = { networks: [], images: [] };
    }, 'optimizerNothingToTrain', 'optG', undefined],
    ['an optimizer training what does not exist', (d) => {
      d.nodes.find((n) => n.id === 'optG')!.params.trains = { networks: ['nope'], images: [] };
    }, 'optimizerUnknownTarget', 'optG', undefined],
    ['a call site of a missing network', (d) => {
      d.nodes.find((n) => n.id === 'G')!.params.network = 'ghost';
    }, 'unknownNetwork', 'G', undefined],
    ['a bad param', (d) => {
      d.networks[0]!.nodes.find((n) => n.id === 'c1')!.params.filters = -3;
    }, 'badParam', 'c1', undefined],
    ['a weighted block on the training graph', (d) => {
      d.nodes.push(node('loose', 'conv2d', {}));
    }, 'wrongPlace', 'loose', undefined],
    ['two wires into one input', (d) => d.edges.push(wire('x.out', 'L1.b')), 'manyWires', 'L1', 'b'],
    ['call sites feeding shared weights differently', (d) => {
      d.nodes.push(node('gray', 'grayscale', { channels: 1 }), node('D3', 'network', { network: 'disc' }));
      d.edges.push(wire('y.out', 'gray.in'), wire('gray.out', 'D3.condition'), wire('y.out', 'D3.image'));
    }, 'sharedWeightsConflict', 'D3', undefined],
    ['a frozen network being trained', (d) => {
      d.networks[1]!.frozen = true;
    }, 'frozenTrained', 'optD', undefined],
    ['a network without an Output', (d) => {
      d.networks[0]!.nodes = d.networks[0]!.nodes.filter((n) => n.id !== 'out');
    }, 'networkNoOutput', undefined, undefined],
  ])('%s', (_name, change, code, nodeId, port) => {
    const { plan, diagnostics } = compile(broken(change));
    const hit = diagnostics.find((d) => d.code === code);
    expect(hit, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(hit!.severity).toBe('error');
    if (nodeId !== undefined) expect(hit!.nodeId).toBe(nodeId);
    if (port !== undefined) expect(hit!.port).toBe(port);
    expect(hit!.message.length).toBeGreaterThan(20);
    expect(plan).toBeUndefined();
  });

  it.each<[string, (d: GraphDoc) => void, string, string]>([
    ['a loss no optimizer uses', (d) => {
      d.nodes.push(node('extra', 'l2'));
      d.edges.push(wire('G.out', 'extra.a'), wire('y.out', 'extra.b'));
    }, 'lossUnused', 'extra'],
    ['an optimizer whose loss ignores what it trains', (d) => {
      d.nodes.find((n) => n.id === 'optD')!.params.trains = { networks: ['disc', 'gen2'], images: [] };
      d.networks.push(tinyGenerator('gen2', 3));
    }, 'lossIndependent', 'optD'],
  ])('warns about %s but still compiles', (_name, change, code, nodeId) => {
    const { plan, diagnostics } = compile(broken(change));
    const hit = diagnostics.find((d) => d.code === code);
    expect(hit, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(hit!.severity).toBe('warning');
    expect(hit!.nodeId).toBe(nodeId);
    expect(plan).toBeDefined();
  });

  it('offers a Rescale node for a range mismatch', () => {
    const d = broken((x) => (x.nodes.find((n) => n.id === 'x')!.params.range = '[0,1]'));
    const hit = compile(d).diagnostics.find((x) => x.code === 'rangeMismatch' && x.nodeId === 'G')!;
    expect(hit.fix).toEqual({ kind: 'insert-rescale', from: { node: 'x', port: 'out' }, to: { node: 'G', port: 'in' }, range: '[-1,1]' });
    expect(hit.message).toMatch(/\[0,1\].*\[-1,1\].*Rescale/);
  });

  it('reports problems inside a network with its id', () => {
    const d = tinyPix2pix();
    d.networks[0] = network('gen', 1, tinyGenerator().nodes, [...tinyGenerator().edges.filter((e) => e.target !== 'c2')]);
    const hit = compile(d).diagnostics.find((x) => x.code === 'missingInput')!;
    expect(hit).toMatchObject({ networkId: 'gen', nodeId: 'c2', port: 'in' });
  });

  it('stays silent downstream of a problem it already reported', () => {
    const { diagnostics } = compile(broken((d) => (d.networks[0]!.nodes.find((n) => n.id === 'c1')!.params.filters = -3)));
    expect(errors(diagnostics).map((x) => x.code)).toEqual(['badParam']);
  });

  it('keeps a discriminator pair intact when given its own copy', () => {
    const d = tinyPix2pix();
    d.networks.push(tinyDiscriminator('disc2', 99));
    d.nodes.find((n) => n.id === 'Dfake')!.params.network = 'disc2';
    d.nodes.find((n) => n.id === 'optD')!.params.trains = { networks: ['disc', 'disc2'], images: [] };
    const { plan } = compile(d);
    expect(plan!.networks.map((n) => [n.id, n.callSites])).toEqual([
      ['gen', ['G']],
      ['disc', ['Dreal']],
      ['disc2', ['Dfake']],
    ]);
  });
});
