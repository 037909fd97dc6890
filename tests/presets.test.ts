/**
 * Every preset in presets/ parses, compiles cleanly and fits the published JSON Schema; the
 * bench presets have exactly the structure of the WORKLOADS.md workloads; and the committed
 * files are what scripts/make-presets.ts makes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/graph/compile';
import { parseGraphDoc } from '../src/graph/parse';
import type { GraphDoc } from '../src/graph/schema';
import type { TrainingPlan } from '../src/graph/plan';
import { buildPresets, presetsDir, renderPreset, stalePresets } from '../scripts/make-presets';
import { galleryScale } from '../scripts/presets/kit';
import { libraryPresets } from '../scripts/presets/library';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = (readdirSync(presetsDir, { recursive: true }) as string[])
  .map((f) => f.split('\\').join('/'))
  .filter((f) => f.endsWith('.ganvas.json'))
  .sort();
const load = (rel: string): unknown => JSON.parse(readFileSync(join(presetsDir, rel), 'utf8'));
const schema = JSON.parse(readFileSync(join(root, 'schema/ganvas-graph.schema.json'), 'utf8')) as { $schema?: string };
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

function planOf(rel: string): { doc: GraphDoc; plan: TrainingPlan } {
  const doc = parseGraphDoc(load(rel)).doc!;
  return { doc, plan: compile(doc).plan! };
}

it('finds the generated presets in presets/', () => {
  expect(files).toEqual(expect.arrayContaining(Object.keys(buildPresets())));
});

describe.each(files)('preset %s', (rel) => {
  it('parses with no diagnostics and compiles with no errors or warnings', () => {
    const parsed = parseGraphDoc(readFileSync(join(presetsDir, rel), 'utf8'));
    expect(parsed.diagnostics).toEqual([]);
    const { plan, diagnostics } = compile(parsed.doc!);
    expect(diagnostics).toEqual([]);
    expect(plan).toBeDefined();
  });

  it('is accepted by the JSON Schema', () => {
    expect(validate(load(rel)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('lays wires out left to right (or down a column), with no two nodes on one spot', () => {
    const doc = parseGraphDoc(load(rel)).doc!;
    const at = new Map(doc.nodes.map((n) => [n.id, n.position]));
    expect(new Set(doc.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(doc.nodes.length);
    for (const e of doc.edges) {
      const s = at.get(e.source)!;
      const t = at.get(e.target)!;
      expect(s.x < t.x || (s.x === t.x && s.y < t.y), `${e.source} → ${e.target}`).toBe(true);
    }
  });
});

describe('the JSON Schema', () => {
  it('is the draft Ajv2020 implements', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  type Doc = { format?: unknown; version?: unknown; nodes: { id?: unknown }[] };
  it.each<[string, (d: Doc) => void, string]>([
    ['a missing format', (d) => delete d.format, 'notAGraph'],
    ['a wrong version', (d) => (d.version = 2), 'newerVersion'],
    ['a node without an id', (d) => delete d.nodes[0]!.id, 'badField'],
  ])('rejects %s, as the reader does', (_name, change, code) => {
    const doc = load('default.ganvas.json') as Doc;
    expect(validate(doc)).toBe(true);
    change(doc);
    expect(validate(doc)).toBe(false);
    expect(parseGraphDoc(doc).diagnostics.map((d) => [d.code, d.severity])).toContainEqual([code, 'error']);
  });
});

type Wiring = Record<string, { kind: string; params?: Record<string, unknown>; inputs: Record<string, string> }>;

/** The kind, params and input wires of steps, as `node.port` strings. */
function wiring(plan: TrainingPlan, ids: string[]): Wiring {
  return Object.fromEntries(
    ids.map((id) => {
      const s = plan.steps.find((x) => x.id === id);
      if (!s) return [id, { kind: 'missing', inputs: {} }];
      return [id, { kind: s.kind, params: s.params as Record<string, unknown>, inputs: Object.fromEntries(Object.entries(s.inputs).map(([p, r]) => [p, `${r.node}.${r.port}`])) }];
    }),
  );
}

interface Workload {
  file: string;
  image: [number, number];
  networks: { id: string; template: string; seed: number; trainable: number; total?: number; frozen: boolean; trained: boolean; callSites: string[] }[];
  optimizers: { id: string; networks: string[]; loss: string; lr: number; beta1: number }[];
  streams: TrainingPlan['streams'];
  /** Sources: their params (a subset) and the signal they give. */
  sources: Record<string, { kind: string; params: Record<string, unknown>; out: unknown; phase: string }>;
  losses: string[];
  /** The loss formulas and call sites, as wiring. */
  wiring: Wiring;
  preview: string;
}

const lsgan = (side: string) => ({ kind: 'adversarial', params: { loss: 'lsgan', side } });
const bce = (side: string) => ({ kind: 'adversarial', params: { loss: 'bce', side } });
const img = (shape: number[], range: string) => ({ type: 'image', shape, range });

const workloads: Workload[] = [
  {
    file: 'bench/pix2pix-lite-64.ganvas.json',
    image: [64, 1],
    networks: [
      { id: 'generator', template: 'unet', seed: 101, trainable: 1_021_539, frozen: false, trained: true, callSites: ['G'] },
      { id: 'discriminator', template: 'patchgan', seed: 102, trainable: 169_377, frozen: false, trained: true, callSites: ['D_real', 'D_fake'] },
    ],
    optimizers: [
      { id: 'optD', networks: ['discriminator'], loss: 'lossD', lr: 2e-4, beta1: 0.5 },
      { id: 'optG', networks: ['generator'], loss: 'lossG', lr: 2e-4, beta1: 0.5 },
    ],
    streams: [{ name: 'data', seed: 103, nodes: ['y'] }],
    sources: {
      y: { kind: 'sinus', params: { size: 64, batch: 1, waves: 4, fmax: 3, range: '[-1,1]', fixed: false, stream: 'data' }, out: img([1, 64, 64, 3], '[-1,1]'), phase: 'data' },
      x: { kind: 'grayscale', params: { channels: 3 }, out: img([1, 64, 64, 3], '[-1,1]'), phase: 'data' },
    },
    losses: ['lossD', 'lossG_gan', 'L1', 'lossG'],
    wiring: {
      x: { kind: 'grayscale', inputs: { in: 'y.out' } },
      G: { kind: 'network', inputs: { in: 'x.out' } },
      D_real: { kind: 'network', inputs: { condition: 'x.out', image: 'y.out' } },
      D_fake: { kind: 'network', inputs: { condition: 'x.out', image: 'G.out' } },
      lossD_real: { ...lsgan('real'), inputs: { scores: 'D_real.score' } },
      lossD_fake: { ...lsgan('fake'), inputs: { scores: 'D_fake.score' } },
      lossD: { kind: 'weighted-sum', params: { count: 2, weights: [0.5, 0.5] }, inputs: { t1: 'lossD_real.loss', t2: 'lossD_fake.loss' } },
      lossG_gan: { ...lsgan('generator'), inputs: { scores: 'D_fake.score' } },
      L1: { kind: 'l1', inputs: { a: 'G.out', b: 'y.out' } },
      lossG: { kind: 'weighted-sum', params: { count: 2, weights: [1, 100] }, inputs: { t1: 'lossG_gan.loss', t2: 'L1.loss' } },
    },
    preview: 'G.out',
  },
  {
    file: 'bench/fast-style-128.ganvas.json',
    image: [128, 2],
    networks: [
      { id: 'transformer', template: 'resnet-generator', seed: 201, trainable: 276_131, frozen: false, trained: true, callSites: ['T'] },
      { id: 'loss-net', template: 'random-features', seed: 202, trainable: 93_248, total: 93_248, frozen: true, trained: false, callSites: ['L_style', 'L_out', 'L_content'] },
    ],
    optimizers: [{ id: 'optT', networks: ['transformer'], loss: 'total', lr: 1e-3, beta1: 0.9 }],
    streams: [
      { name: 'style', seed: 203, nodes: ['style_image'] },
      { name: 'content', seed: 204, nodes: ['content_images'] },
    ],
    sources: {
      style_image: { kind: 'sinus', params: { size: 128, batch: 1, waves: 6, fmax: 12, range: '[0,1]', fixed: true, stream: 'style' }, out: img([1, 128, 128, 3], '[0,1]'), phase: 'static' },
      content_images: { kind: 'sinus', params: { size: 128, batch: 2, waves: 4, fmax: 3, range: '[0,1]', fixed: false, stream: 'content' }, out: img([2, 128, 128, 3], '[0,1]'), phase: 'data' },
    },
    losses: ['total', 'style', 'content', 'tv'],
    wiring: {
      T: { kind: 'network', inputs: { in: 'content_images.out' } },
      L_style: { kind: 'network', inputs: { in: 'style_image.out' } },
      L_out: { kind: 'network', inputs: { in: 'T.out' } },
      L_content: { kind: 'network', inputs: { in: 'content_images.out' } },
      style: { kind: 'gram-style', params: { layers: [], weights: [] }, inputs: { input: 'L_out.features', target: 'L_style.features' } },
      content: { kind: 'content', params: { layer: 1 }, inputs: { input: 'L_out.features', target: 'L_content.features' } },
      tv: { kind: 'tv', inputs: { in: 'T.out' } },
      total: { kind: 'weighted-sum', params: { count: 3, weights: [1e5, 1, 0.1] }, inputs: { t1: 'style.loss', t2: 'content.loss', t3: 'tv.loss' } },
    },
    preview: 'T.out',
  },
  {
    file: 'bench/dcgan-28.ganvas.json',
    image: [28, 64],
    networks: [
      { id: 'generator', template: 'dcgan-generator', seed: 301, trainable: 608_193, frozen: false, trained: true, callSites: ['G'] },
      { id: 'discriminator', template: 'dcgan-discriminator', seed: 302, trainable: 212_865, frozen: false, trained: true, callSites: ['D_real', 'D_fake'] },
    ],
    optimizers: [
      { id: 'optD', networks: ['discriminator'], loss: 'lossD', lr: 2e-4, beta1: 0.5 },
      { id: 'optG', networks: ['generator'], loss: 'lossG', lr: 2e-4, beta1: 0.5 },
    ],
    streams: [{ name: 'data', seed: 303, nodes: ['strokes', 'z'] }],
    sources: {
      strokes: { kind: 'stroke', params: { size: 28, batch: 64, stream: 'data', drawOrder: 0 }, out: img([64, 28, 28, 1], '[-1,1]'), phase: 'data' },
      z: { kind: 'noise', params: { dim: 64, distribution: 'normal', batch: 64, stream: 'data', drawOrder: 1 }, out: { type: 'vector', shape: [64, 64] }, phase: 'data' },
    },
    losses: ['real', 'fake', 'lossD', 'lossG'],
    wiring: {
      G: { kind: 'network', inputs: { z: 'z.out' } },
      D_real: { kind: 'network', inputs: { image: 'strokes.out' } },
      D_fake: { kind: 'network', inputs: { image: 'G.out' } },
      real: { ...bce('real'), inputs: { scores: 'D_real.score' } },
      fake: { ...bce('fake'), inputs: { scores: 'D_fake.score' } },
      lossD: { kind: 'weighted-sum', params: { count: 2, weights: [1, 1] }, inputs: { t1: 'real.loss', t2: 'fake.loss' } },
      lossG: { ...bce('generator'), inputs: { scores: 'D_fake.score' } },
    },
    preview: 'G.out',
  },
];

describe.each(workloads)('$file has the structure of its WORKLOADS.md workload', (w) => {
  const { doc, plan } = planOf(w.file);

  it('has its image size and batch', () => {
    expect([plan.settings.imageSize, plan.settings.batchSize]).toEqual(w.image);
    expect(doc.meta.description).toMatch(/WORKLOADS\.md/);
    expect(doc.meta.description).toMatch(/replicated exactly/);
  });

  it('has its networks: templates, seeds, parameter counts, call sites', () => {
    expect(
      plan.networks.map((n) => ({
        id: n.id,
        template: doc.networks.find((d) => d.id === n.id)!.template!.id,
        seed: n.seed,
        trainable: n.trainableCount,
        ...(n.frozen ? { total: n.paramCount } : {}),
        frozen: n.frozen,
        trained: n.trained,
        callSites: n.callSites,
      })),
    ).toEqual(w.networks);
  });

  it('runs its optimizers in order, each on its own network, Adam with eps 1e-8', () => {
    expect(plan.optimizers.map((o) => ({ id: o.id, kind: o.kind, networks: o.networks, images: o.images, loss: `${o.loss.node}.${o.loss.port}` }))).toEqual(
      w.optimizers.map((o) => ({ id: o.id, kind: 'adam', networks: o.networks, images: [], loss: `${o.loss}.loss` })),
    );
    plan.optimizers.forEach((o, i) =>
      expect(o.params).toMatchObject({ lr: w.optimizers[i]!.lr, beta1: w.optimizers[i]!.beta1, beta2: 0.999, epsilon: 1e-8, stepsPerIteration: 1, schedule: { kind: 'constant' }, clip: 0 }),
    );
  });

  it('draws its data from the seeded streams, in order, at the workload size', () => {
    expect(plan.streams).toEqual(w.streams);
    for (const [id, s] of Object.entries(w.sources)) {
      const step = plan.steps.find((x) => x.id === id)!;
      expect({ kind: step.kind, phase: step.phase, out: step.outputs.out }).toEqual({ kind: s.kind, phase: s.phase, out: s.out });
      expect(step.params).toMatchObject(s.params);
    }
  });

  it('has its losses, wired as the workload defines them', () => {
    expect(plan.losses).toEqual(expect.arrayContaining(w.losses));
    const got = wiring(plan, Object.keys(w.wiring));
    for (const [id, want] of Object.entries(w.wiring)) expect(got[id], id).toMatchObject(want);
  });

  it('previews the generator output', () => {
    const taps = plan.taps.filter((t) => t.kind === 'preview').map((t) => `${t.inputs.in!.node}.${t.inputs.in!.port}`);
    expect(taps).toEqual([w.preview]);
  });
});

describe('the default preset', () => {
  const a = planOf('bench/pix2pix-lite-64.ganvas.json');
  const d = planOf('default.ganvas.json');

  it('is the colourisation lesson, at 64×64, batch 1', () => {
    expect(d.doc.meta.title).toBe('Colourise: grey → colour (pix2pix)');
    expect([d.plan.settings.imageSize, d.plan.settings.batchSize]).toEqual([64, 1]);
    const notes = d.doc.nodes.filter((n) => n.type === 'note');
    expect(notes.length).toBeGreaterThanOrEqual(5);
    for (const n of notes) expect(String(n.params.text).length).toBeGreaterThan(60);
  });

  it('is the pix2pix-lite-64 graph: same networks, data, losses and optimizers', () => {
    expect(d.doc.networks).toEqual(a.doc.networks);
    expect(d.doc.settings.streams).toEqual(a.doc.settings.streams);
    const shape = (p: TrainingPlan) => p.steps.map((s) => [s.id, s.kind, s.inputs, s.outputs, s.phase]);
    expect(shape(d.plan)).toEqual(shape(a.plan));
    expect(d.plan.optimizers).toEqual(a.plan.optimizers);
    expect(d.plan.streams).toEqual(a.plan.streams);
  });
});

describe('scripts/make-presets.ts', () => {
  it('made the committed files (its --check passes)', () => {
    expect(stalePresets()).toEqual([]);
  });

  it('--check reports a changed file and a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ganvas-presets-'));
    try {
      cpSync(presetsDir, dir, { recursive: true });
      expect(stalePresets(dir)).toEqual([]);
      const changed = join(dir, 'bench/dcgan-28.ganvas.json');
      writeFileSync(changed, readFileSync(changed, 'utf8').replace('"seed": 302', '"seed": 303'));
      rmSync(join(dir, 'default.ganvas.json'));
      expect(stalePresets(dir).sort()).toEqual(['bench/dcgan-28.ganvas.json', 'default.ganvas.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 0 with --check from the command line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/make-presets.ts'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });

  it('writes complete documents: reading one back adds and repairs nothing', () => {
    for (const [rel, doc] of Object.entries(buildPresets())) {
      const text = renderPreset(doc);
      expect(text.endsWith('}\n')).toBe(true);
      expect(parseGraphDoc(text).doc, rel).toEqual(JSON.parse(text));
    }
  });
});

describe('the preset library', () => {
  const library = Object.keys(libraryPresets());
  const builtIn = new Set(['digits', 'noise', 'sinus', 'stroke', 'texture', 'painting', 'scene', 'trainable-image']);

  it('has the eleven pipelines of issue 7, each in presets/', () => {
    expect(library).toHaveLength(11);
    expect(files).toEqual(expect.arrayContaining(library));
  });

  describe.each(library)('%s', (rel) => {
    const { doc, plan } = planOf(rel);

    it('has a title, a description with its full and gallery scales, and notes that explain it', () => {
      expect(doc.meta.title.length).toBeGreaterThan(10);
      expect(doc.meta.description.length).toBeGreaterThan(150);
      const s = doc.settings;
      expect(doc.meta.description).toContain(`Full scale (its settings): ${s.steps.toLocaleString('en')} steps at ${s.imageSize}×${s.imageSize}, batch ${s.batchSize}.`);
      const g = galleryScale(doc)!;
      expect(g.steps).toBeLessThan(s.steps);
      expect(doc.meta.description).toContain(`Gallery scale: ${g.steps.toLocaleString('en')} steps at ${g.imageSize}×${g.imageSize}, batch ${g.batchSize}.`);
      const notes = doc.nodes.filter((x) => x.type === 'note');
      expect(notes.length).toBeGreaterThanOrEqual(5);
      for (const x of notes) expect(String(x.params.text).length).toBeGreaterThan(80);
    });

    it('trains on built-in data only, previews its result and charts its losses', () => {
      const sources = plan.steps.filter((x) => x.phase === 'data' || x.phase === 'static').map((x) => x.kind);
      for (const k of doc.nodes.map((x) => x.type)) expect(['image-set', 'model-features']).not.toContain(k);
      expect(sources.filter((k) => builtIn.has(k)).length).toBeGreaterThan(0);
      expect(plan.taps.filter((t) => t.kind === 'preview').length).toBeGreaterThan(0);
      expect(doc.nodes.some((x) => x.type === 'chart')).toBe(true);
      expect(plan.optimizers.length).toBeGreaterThan(0);
    });
  });

  const callSites = (rel: string) => Object.fromEntries(planOf(rel).plan.networks.map((x) => [x.id, x.callSites.length]));

  it('CycleGAN: two generators and two discriminators, shared across call sites, with cycle and identity L1', () => {
    const { plan } = planOf('cyclegan.ganvas.json');
    expect(callSites('cyclegan.ganvas.json')).toEqual({ G_AB: 3, G_BA: 3, D_A: 2, D_B: 2 });
    const w = wiring(plan, ['recA', 'recB', 'cycleA', 'cycleB', 'identityA', 'identityB', 'lossG']);
    expect(w.recA!.inputs).toEqual({ in: 'fakeB.out' });
    expect(w.cycleA).toMatchObject({ kind: 'l1', inputs: { a: 'recA.out', b: 'a.out' } });
    expect(w.cycleB).toMatchObject({ kind: 'l1', inputs: { a: 'recB.out', b: 'b.out' } });
    expect(w.identityA).toMatchObject({ kind: 'l1', inputs: { a: 'idA.out', b: 'a.out' } });
    expect(w.identityB).toMatchObject({ kind: 'l1', inputs: { a: 'idB.out', b: 'b.out' } });
    expect(w.lossG!.params).toMatchObject({ count: 6, weights: [1, 1, 10, 10, 5, 5] });
    expect(plan.optimizers.map((o) => o.networks)).toEqual([['D_A', 'D_B'], ['G_AB', 'G_BA']]);
  });

  it('style blending: two Gram losses against two paintings, mixed by a weighted sum the user sets', () => {
    const { plan } = planOf('style-blend.ganvas.json');
    const w = wiring(plan, ['style_a_loss', 'style_b_loss', 'blend', 'L_a', 'L_b']);
    expect(w.style_a_loss).toMatchObject({ kind: 'gram-style', inputs: { target: 'L_a.features' } });
    expect(w.style_b_loss).toMatchObject({ kind: 'gram-style', inputs: { target: 'L_b.features' } });
    expect(w.blend).toMatchObject({ kind: 'weighted-sum', params: { weights: [0.5, 0.5] }, inputs: { t1: 'style_a_loss.loss', t2: 'style_b_loss.loss' } });
    expect([w.L_a!.inputs.in, w.L_b!.inputs.in]).toEqual(['style_a.out', 'style_b.out']);
  });

  it('replication: random crops of one fixed painting against a patch discriminator', () => {
    const { doc, plan } = planOf('replication.ganvas.json');
    const w = wiring(plan, ['crops', 'D_real']);
    expect(w.crops).toMatchObject({ kind: 'random-crop', inputs: { in: 'artwork.out' } });
    expect(w.D_real!.inputs).toEqual({ image: 'crops.out' });
    expect(doc.networks.find((x) => x.id === 'discriminator')!.template!.id).toBe('patchgan');
    expect(plan.steps.find((x) => x.id === 'artwork')!.phase).toBe('static');
  });

  it('the article’s method: G fed content and style, D on style patches, Gram style and content losses in G’s loss', () => {
    const { plan } = planOf('article-method.ganvas.json');
    const w = wiring(plan, ['G', 'crop_real', 'D_real', 'D_fake', 'lossG']);
    expect(w.G!.inputs).toEqual({ content: 'content_images.out', style: 'style_image.out' });
    expect(w.crop_real).toMatchObject({ kind: 'random-crop', inputs: { in: 'style_image.out' } });
    expect(w.D_real!.inputs).toEqual({ image: 'crop_real.out' });
    expect(w.D_fake!.inputs).toEqual({ image: 'crop_fake.out' });
    expect(w.lossG!.inputs).toEqual({ t1: 'lossG_gan.loss', t2: 'style.loss', t3: 'content.loss' });
  });
});
