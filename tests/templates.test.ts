/**
 * The built-in templates against WORKLOADS.md: layer tables, parameter counts and the
 * appendix's kernel fingerprints, through the real analysis path (template → network
 * definition → analyzeNetwork → weight specs → seeded fill).
 */
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../src/graph/analyze';
import type { NetworkDef } from '../src/graph/schema';
import { templateNetwork } from '../src/graph/templates';
import { countParams, fillWeights } from '../src/nodes/init';
import { templates } from '../src/nodes/networks/templates';
import { spatialImageSize, spatialLatent } from '../src/nodes/networks/templates/spatial-generator';
import { registry } from '../src/nodes/registry';
import { fingerprint } from '../src/nodes/testing';
import type { GraphSettingsView, Signal } from '../src/nodes/types';
import { img, set, workloads } from './template-workloads';

function network(template: string, params: unknown = {}, seed = 1): NetworkDef {
  return templateNetwork(template, params, { id: template, seed });
}

/** Each node's layer, in the analysis's topological order: what WORKLOADS.md's tables say. */
function layers(net: NetworkDef, a: ReturnType<typeof analyzeNetwork>): string[] {
  const byId = new Map(net.nodes.map((n) => [n.id, n]));
  const into = (id: string) => net.edges.filter((e) => e.target === id).sort((x, y) => x.targetHandle.localeCompare(y.targetHandle)).map((e) => e.source);
  return a.scope!.order.flatMap((id) => {
    const n = byId.get(id)!;
    const p = n.params as Record<string, string | number | boolean | undefined>;
    const out = a.inferred!.signals.get(id)?.out;
    const shape = out ? out.shape.slice(1).join('x') : '?';
    const b = p.bias ? '+b' : '';
    switch (n.type) {
      case 'network.input':
      case 'network.output':
        return [];
      case 'conv2d': {
        const init = p.init === 'normal' && p.std === 0.02 ? '' : p.init === 'kaiming-uniform' ? 'k' : '?';
        return [`${init}conv${p.kernel}/${p.stride}${b}${p.padding === 'same' ? '' : ' valid'} ${shape}`];
      }
      case 'conv2d-transpose':
        return [`${p.init === 'normal' && p.std === 0.02 ? '' : '?'}convT${p.kernel}/${p.stride}${b} ${shape}`];
      case 'dense':
        return [`${p.init === 'normal' && p.std === 0.02 ? '' : '?'}dense${b} ${shape}`];
      case 'instance-norm':
        return [p.eps === 1e-5 && p.affine === true ? 'IN' : 'IN?'];
      case 'batch-norm':
        return [p.eps === 1e-5 && p.momentum === 0.9 ? 'BN' : 'BN?'];
      case 'activation':
        return [p.fn === 'leaky-relu' ? (p.slope === 0.2 ? 'lrelu' : 'lrelu?') : String(p.fn)];
      case 'concat':
        return [`concat(${into(id).join(',')}) ${shape}`];
      case 'feature-list':
        return [`features(${into(id).join(',')})`];
      case 'residual':
        return [`res${p.kernel} ${p.norm} ${shape}`];
      case 'upsample':
        return [`${p.mode}×${p.factor} ${shape}`];
      case 'avg-pool':
        return [`avgpool${p.size}${p.stride === 0 || p.stride === p.size ? '' : '?'} ${shape}`];
      default:
        return [`${n.type} ${shape}`];
    }
  });
}

function close(got: number, want: number, what: string): void {
  const tol = 1e-6 * Math.abs(want) + 1e-12;
  if (Math.abs(got - want) > tol) expect.fail(`${what}: got ${got}, want ${want}`);
}

describe.each(workloads)('$name at the WORKLOADS.md size', (w) => {
  const net = network(w.template, {}, w.seed);
  const a = analyzeNetwork(net, w.inputs, { registry, settings: w.settings });

  it('compiles without diagnostics and gives the expected outputs', () => {
    expect(a.diagnostics).toEqual([]);
    expect(a.outputs).toEqual(w.outputs);
    expect(net.frozen).toBe(w.frozen ?? false);
  });

  it('follows the layer table', () => {
    expect(layers(net, a)).toEqual(w.layers);
  });

  it('has the reference parameter count', () => {
    expect(countParams(a.weights, true)).toBe(w.params);
    expect(countParams(a.weights, false)).toBe(w.params + a.weights.filter((x) => !x.trainable).reduce((s, x) => s + x.shape.reduce((p, d) => p * d, 1), 0));
  });

  it('fills every kernel with the reference fingerprint, in order', () => {
    const values = fillWeights(a.weights, net.seed);
    const kernels = a.weights.map((spec, i) => ({ spec, value: values[i]! })).filter((k) => k.spec.init === 'normal' || k.spec.init === 'kaiming-uniform');
    expect(kernels.map((k) => [k.spec.block, k.spec.shape])).toEqual(w.kernels.map(([block, p]) => [block, p.shape]));
    kernels.forEach((k, i) => {
      const [block, want] = w.kernels[i]!;
      const got = fingerprint(k.value);
      const what = `${w.name} ${block}.${k.spec.name}`;
      want.first3.forEach((v, j) => close(got.first3[j]!, v, `${what} first3[${j}]`));
      close(got.sum, want.sum, `${what} sum`);
      close(got.sumsq, want.sumsq, `${what} sumsq`);
      close(got.wsum, want.wsum, `${what} wsum`);
    });
    // Biases, gammas and betas start at 0 and 1 and draw nothing.
    a.weights.forEach((spec, i) => {
      if (spec.init === 'zeros') expect(values[i]!.every((v) => v === 0)).toBe(true);
      if (spec.init === 'ones') expect(values[i]!.every((v) => v === 1)).toBe(true);
    });
  });

  it('its nominal inputs at these settings are the workload inputs', () => {
    const t = templates.find((x) => x.id === w.template)!;
    expect(t.nominalInputs(t.params.parse({}), w.settings)).toEqual(w.inputs);
  });
});

const variants: { template: string; params: Record<string, unknown>; settings: GraphSettingsView; out: (s: GraphSettingsView) => Record<string, Signal> }[] = [
  { template: 'unet', params: { depth: 6 }, settings: set(1, 256), out: (s) => ({ out: img([1, s.imageSize, s.imageSize, 3], '[-1,1]') }) },
  { template: 'unet', params: { depth: 3, norm: 'batch', outputRange: '[0,1]', outChannels: 1, inChannels: 1 }, settings: set(2, 32), out: () => ({ out: img([2, 32, 32, 1], '[0,1]') }) },
  { template: 'unet', params: { depth: 2, norm: 'none', baseWidth: 8 }, settings: set(1, 16), out: () => ({ out: img([1, 16, 16, 3], '[-1,1]') }) },
  {
    template: 'resnet-generator',
    params: { blocks: 9, upsampling: 'transpose', output: 'tanh', outerKernel: 7, baseWidth: 32, inputRange: '[-1,1]' },
    settings: set(1, 64),
    out: () => ({ out: img([1, 64, 64, 3], '[-1,1]') }),
  },
  { template: 'resnet-generator', params: { downsamplings: 3, norm: 'none', blocks: 0 }, settings: set(2, 64), out: () => ({ out: img([2, 64, 64, 3], '[0,1]') }) },
  { template: 'resnet-generator', params: { norm: 'batch', blocks: 2 }, settings: set(2, 32), out: () => ({ out: img([2, 32, 32, 3], '[0,1]') }) },
  { template: 'resnet-generator', params: { padding: 'replicate', outerKernel: 9 }, settings: set(1, 16), out: () => ({ out: img([1, 16, 16, 3], '[0,1]') }) },
  { template: 'dcgan-generator', params: { imageSize: 32, channels: 3, latent: 100 }, settings: set(4, 32), out: () => ({ out: img([4, 32, 32, 3], '[-1,1]') }) },
  { template: 'dcgan-generator', params: { imageSize: 64, channels: 3 }, settings: set(2, 64), out: () => ({ out: img([2, 64, 64, 3], '[-1,1]') }) },
  { template: 'spatial-generator', params: {}, settings: set(2, 32), out: () => ({ out: img([2, 32, 32, 3], '[-1,1]') }) },
  { template: 'spatial-generator', params: { grid: 8, noiseChannels: 8, doublings: 2, norm: 'none', channels: 1 }, settings: set(1, 32), out: () => ({ out: img([1, 32, 32, 1], '[-1,1]') }) },
  { template: 'spatial-generator', params: { grid: 8, padding: 'valid' }, settings: set(2, 32), out: () => ({ out: img([2, 32, 32, 3], '[-1,1]') }) },
  { template: 'dcgan-discriminator', params: { imageSize: 64, channels: 3, norm: 'batch' }, settings: set(2, 64), out: () => ({ score: { type: 'vector', shape: [2, 1] } }) },
  { template: 'dcgan-discriminator', params: { imageSize: 32, channels: 3 }, settings: set(2, 32), out: () => ({ score: { type: 'vector', shape: [2, 1] } }) },
  { template: 'patchgan', params: { conditional: false, layers: 4, norm: 'batch' }, settings: set(2, 128), out: () => ({ score: { type: 'tensor', shape: [2, 8, 8, 1] } }) },
  { template: 'patchgan', params: { layers: 2, norm: 'none', channels: 1 }, settings: set(1, 32), out: () => ({ score: { type: 'tensor', shape: [1, 8, 8, 1] } }) },
  {
    template: 'random-features',
    params: { widths: [8, 16, 32, 64] },
    settings: set(1, 64),
    out: () => ({
      features: {
        type: 'features',
        shape: [],
        layers: [
          { name: 'f1', shape: [1, 64, 64, 8] },
          { name: 'f2', shape: [1, 32, 32, 16] },
          { name: 'f3', shape: [1, 16, 16, 32] },
          { name: 'f4', shape: [1, 8, 8, 64] },
        ],
      },
    }),
  },
  { template: 'random-features', params: { widths: [16] }, settings: set(1, 8), out: () => ({ features: { type: 'features', shape: [], layers: [{ name: 'f1', shape: [1, 8, 8, 16] }] } }) },
];

describe('templates at other settings', () => {
  it.each(variants)('$template $params compiles cleanly', (v) => {
    const t = templates.find((x) => x.id === v.template)!;
    const net = network(v.template, v.params);
    const a = analyzeNetwork(net, t.nominalInputs(t.params.parse(v.params), v.settings), { registry, settings: v.settings });
    expect(a.diagnostics).toEqual([]);
    expect(a.outputs).toEqual(v.out(v.settings));
  });

  it('norm "none" puts a bias on every conv, and no norm layers', () => {
    const net = network('unet', { norm: 'none' });
    const convs = net.nodes.filter((n) => n.type === 'conv2d' || n.type === 'conv2d-transpose');
    expect(convs.length).toBe(8);
    expect(convs.every((n) => n.params.bias === true)).toBe(true);
    expect(net.nodes.some((n) => n.type.endsWith('-norm'))).toBe(false);
  });

  it('a spatial generator has only convolutions: its parameters are the convs’ kernels and the norms’ scales and shifts', () => {
    // Defaults: 4×4×16 noise; convs 16→256, 256→128, 128→64, 64→32 (batch norm, no bias), then 32→3 with a bias.
    const net = network('spatial-generator');
    const a = analyzeNetwork(net, { z: { type: 'vector', shape: [2, 256] } }, { registry, settings: set(2, 32) });
    const convs = [[16, 256], [256, 128], [128, 64], [64, 32]].reduce((s, [i, o]) => s + 9 * i! * o! + 2 * o!, 0);
    expect(countParams(a.weights, true)).toBe(convs + 9 * 32 * 3 + 3);
    expect(net.nodes.some((n) => n.type === 'dense' || n.type === 'conv2d-transpose')).toBe(false);
  });

  it.each([
    { grid: 8, doublings: 3, kernel: 3, padding: 'valid' },
    { grid: 9, doublings: 2, kernel: 5, padding: 'valid' },
    { grid: 3, doublings: 4, kernel: 1, padding: 'valid' },
    { grid: 6, doublings: 2, kernel: 5, padding: 'same' },
  ] as const)('a spatial generator’s image size, $padding padding, grid $grid, kernel $kernel: what the analysis infers', (p) => {
    const net = network('spatial-generator', { ...p, noiseChannels: 2, baseWidth: 4 });
    const a = analyzeNetwork(net, { z: { type: 'vector', shape: [1, spatialLatent({ grid: p.grid, noiseChannels: 2 })] } }, { registry, settings: set(1, 32) });
    expect(a.diagnostics).toEqual([]);
    const size = spatialImageSize(p);
    expect(a.outputs.out).toEqual(img([1, size, size, 3], '[-1,1]'));
  });

  it('a spatial generator whose valid convs would trim the grid away is reported, not thrown', () => {
    const a = analyzeNetwork(network('spatial-generator', { grid: 2, padding: 'valid' }), { z: { type: 'vector', shape: [1, 64] } }, { registry, settings: set(1, 32) });
    expect(a.diagnostics.length).toBeGreaterThan(0);
  });

  it('a U-Net whose size does not divide by 2^depth is reported, not thrown', () => {
    const a = analyzeNetwork(network('unet', { depth: 4 }), { in: img([1, 40, 40, 3], '[-1,1]') }, { registry, settings: set(1, 40) });
    expect(a.diagnostics.length).toBeGreaterThan(0);
  });
});

describe.each(templates)('template $id', (t) => {
  const params = t.params.parse({});
  const graph = t.build(params);

  it('describes every param and parses {}', () => {
    for (const [key, field] of Object.entries(t.params.shape)) expect((field as { description?: string }).description, key).toBeTruthy();
    expect(t.summary.length).toBeGreaterThan(10);
    expect(t.docs.length).toBeGreaterThan(t.summary.length);
  });

  it('writes every block param out, so a document never depends on block defaults', () => {
    for (const n of graph.nodes) {
      const def = registry.get(n.type);
      expect(def, n.type).toBeDefined();
      expect(def!.where).not.toBe('graph');
      const full = def!.params.parse(n.params) as Record<string, unknown>;
      expect(Object.keys(n.params).sort(), n.id).toEqual(Object.keys(full).sort());
    }
  });

  it('lays nodes out left to right without overlaps', () => {
    const at = new Map(graph.nodes.map((n) => [n.id, n.position]));
    expect(new Set(graph.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(graph.nodes.length);
    for (const e of graph.edges) {
      const s = at.get(e.source)!;
      const d = at.get(e.target)!;
      expect(s.x < d.x || (s.x === d.x && s.y < d.y), `${e.source} → ${e.target}`).toBe(true);
    }
  });

  it('builds a fresh graph each time', () => {
    const again = t.build(params);
    expect(again).toEqual(graph);
    expect(again.nodes[0]).not.toBe(graph.nodes[0]);
  });
});
