/**
 * `npm run gallery`: trains every library preset headless on wasm at its gallery scale (its
 * `gallery-*` tags) and writes a static page — inputs, outputs at several steps, loss curves,
 * quality numbers, time taken — to gallery/index.html (gitignored), the numbers to
 * gallery/results.json, each preset's final preview to presets/thumbs/<name>.png, and a figure
 * for the README (its inputs above, what it made below; see figureRows) to docs/gallery/<name>.png.
 *
 *   npm run gallery -- [--only dcgan-digits,cyclegan] [--steps N] [--out DIR] [--no-thumbs]
 *
 * `--steps N` trains every preset N steps instead (a quick look; thumbnails are then not written).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { compile } from '../src/graph/compile';
import { parseGraphDoc } from '../src/graph/parse';
import type { GraphDoc } from '../src/graph/schema';
import { loadDigitsNode } from '../src/runtime/assets/digits-node';
import { initNodeBackend } from '../src/runtime/backends/node';
import { encodePng, type RgbaImage } from '../src/runtime/png';
import { Trainer, type StepReport } from '../src/runtime/trainer';
import { contactSheet } from './gallery-figure';
import { galleryPage, type GalleryEntry, type GalleryImage } from './gallery-page';
import { presetsDir } from './make-presets';
import { galleryScale } from './presets/kit';
import { libraryPresets } from './presets/library';
import { generatedDigitScore, trainDigitClassifier, type DigitClassifier } from './presets/digit-classifier';
import { canvasDiversity, generatedW1, heldOutL1, lossEnds, nearestCropL1, superResolutionPsnr } from './presets/quality';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = opt('only')?.split(',').map((s) => s.replace(/\.ganvas\.json$/, ''));
const stepsOverride = opt('steps') === undefined ? undefined : Number(opt('steps'));
const outDir = resolve(opt('out') ?? 'gallery');
const thumbs = !argv.includes('--no-thumbs') && stepsOverride === undefined;
const figuresDir = resolve('docs/gallery');

const dataUrl = (img: RgbaImage) => `data:image/png;base64,${Buffer.from(encodePng(img, (d) => deflateSync(d))).toString('base64')}`;

/** Up to `count` images of a [B,H,W,C] batch in `range`, as RGBA. */
function batchImages(v: Float32Array, shape: number[], range: string | undefined, count: number): RgbaImage[] {
  const [b, h, w, c] = shape as [number, number, number, number];
  let lo = range === '[-1,1]' ? -1 : 0;
  let hi = 1;
  if (range === 'unbounded') [lo, hi] = [Math.min(...v), Math.max(...v)];
  const out: RgbaImage[] = [];
  for (let n = 0; n < Math.min(b, count); n++) {
    const pixels = new Uint8Array(h * w * 4);
    for (let p = 0; p < h * w; p++) {
      for (let k = 0; k < 3; k++) {
        const x = v[(n * h * w + p) * c + (c === 1 ? 0 : Math.min(k, c - 1))]!;
        pixels[p * 4 + k] = Math.round((255 * (x - lo)) / Math.max(1e-12, hi - lo));
      }
      pixels[p * 4 + 3] = 255;
    }
    out.push({ width: w, height: h, pixels });
  }
  return out;
}

/**
 * The README figure's rows: pix2pix presets show their held-out inputs above what G made of them;
 * the others their inputs, then each Preview node's last images (rows of up to 8).
 */
function figureRows(inputs: RgbaImage[], made: ReadonlyMap<string, RgbaImage[]>): RgbaImage[][] {
  const heldIn = made.get('preview_inputs');
  const heldOut = made.get('preview_test');
  if (heldIn && heldOut) return [heldIn.slice(0, 4), heldOut.slice(0, 4)];
  const rows = [inputs];
  for (const images of made.values()) for (let i = 0; i < images.length; i += 8) rows.push(images.slice(i, i + 8));
  return rows;
}

/** The preset's quality numbers before and after training, phrased for the page. */
type Probe = (t: Trainer, reports: StepReport[]) => Promise<string[]>;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
// Trained once per gallery run, on the first DCGAN probe.
let classifier: Promise<DigitClassifier> | undefined;
const digitClassifier = () => (classifier ??= trainDigitClassifier(loadDigitsNode()));
const fmt = (x: number) => (Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toFixed(4));
const reduction = (reports: StepReport[], ids: string[], name: string) => {
  const { first, last } = lossEnds(reports, ids, 10);
  return `${name}: ${fmt(first)} → ${fmt(last)} (mean of the first and last 10 steps; ×${(last / first).toFixed(3)})`;
};
function probes(rel: string): { before: Probe; after: Probe } {
  const same = (p: Probe) => ({ before: p, after: p });
  if (rel.startsWith('pix2pix-'))
    return same(async (t) => {
      const q = await heldOutL1(t);
      return [`held-out L1 of G ${fmt(q.model)} (identity baseline, the input itself: ${fmt(q.identity)})`];
    });
  if (rel === 'super-resolution.ganvas.json')
    return same(async (t) => {
      const q = await superResolutionPsnr(t);
      return [`PSNR of G ${q.model.toFixed(2)} dB; bicubic upscaling ${q.bicubic.toFixed(2)} dB; the bilinear upscale G refines ${q.bilinear.toFixed(2)} dB`];
    });
  if (rel === 'replication.ganvas.json')
    return same(async (t) => {
      const d = await canvasDiversity(t, 'artwork');
      return [
        `1-D Wasserstein distance of generated and artwork pixel values: ${fmt(await generatedW1(t, 'artwork', 3))}`,
        `mean L1 of a new canvas to its nearest crop of the artwork: ${fmt(await nearestCropL1(t, 'artwork'))}`,
        `diversity: mean pairwise L1 between the canvases ${fmt(d.canvases)}, between crops of the artwork ${fmt(d.crops)} (ratio ${d.ratio.toFixed(2)}; 0 = all alike)`,
      ];
    });
  if (rel === 'dcgan-digits.ganvas.json') {
    return same(async (t) => {
      const c = await digitClassifier();
      const s = generatedDigitScore(t, c);
      return [
        `1-D Wasserstein distance of generated and real pixel values: ${fmt(await generatedW1(t, 'real', 1))}`,
        `digit classifier on ${s.samples} generated digits: ${pct(s.confident)} confident (p ≥ 0.9), ${s.present} of 10 classes present ` +
          `(per class ${s.perClass.join('/')}; on real held-out digits it is ${pct(c.heldOut.accuracy)} accurate and ${pct(c.heldOut.score.confident)} confident)`,
      ];
    });
  }
  const styleIds: Record<string, string[][]> = {
    'neural-style.ganvas.json': [['style'], ['content']],
    'fast-style.ganvas.json': [['style'], ['content']],
    'article-method.ganvas.json': [['style'], ['content']],
    'style-blend.ganvas.json': [['style_a_loss'], ['style_b_loss'], ['content']],
    'cyclegan.ganvas.json': [['cycleA', 'cycleB']],
  };
  return { before: async () => [], after: async (_t, r) => (styleIds[rel] ?? []).map((ids) => reduction(r, ids, ids.join(' + '))) };
}

/**
 * Style blending's own evidence: the preset trained again with its Blend weights tipped towards A
 * (0.8, 0.2) and towards B (0.2, 0.8), at the gallery scale but half its steps. Raising a style's
 * weight should bring the result's Gram statistics closer to that style: a lower style loss.
 */
async function blendSweep(doc0: GraphDoc): Promise<string[]> {
  const scale = galleryScale(doc0)!;
  const steps = Math.max(10, Math.round((stepsOverride ?? scale.steps) / 2));
  const run = async (weights: [number, number]) => {
    const doc = structuredClone(doc0);
    Object.assign(doc.settings, { imageSize: scale.imageSize, batchSize: scale.batchSize, steps, logEvery: 1 });
    doc.nodes.find((x) => x.id === 'blend')!.params.weights = weights;
    const t = await Trainer.create(compile(parseGraphDoc(doc).doc!).plan!, {});
    try {
      const reports: StepReport[] = [];
      await t.train(steps, (r) => reports.push(r));
      return { a: lossEnds(reports, ['style_a_loss'], 10).last, b: lossEnds(reports, ['style_b_loss'], 10).last };
    } finally {
      t.dispose();
    }
  };
  const towardA = await run([0.8, 0.2]);
  const towardB = await run([0.2, 0.8]);
  return [
    `weights tipped (${steps} steps each; mean of the last 10): style A loss ${fmt(towardA.a)} with A at 0.8 against ${fmt(towardB.a)} with A at 0.2; ` +
      `style B loss ${fmt(towardB.b)} with B at 0.8 against ${fmt(towardA.b)} with B at 0.2 — ` +
      `${towardA.a < towardB.a && towardB.b < towardA.b ? 'each style is matched better when it weighs more' : 'NOT the expected direction'}`,
  ];
}

async function runPreset(rel: string, doc0: GraphDoc): Promise<GalleryEntry> {
  const scale = galleryScale(doc0)!;
  const steps = stepsOverride ?? scale.steps;
  const doc = structuredClone(doc0);
  Object.assign(doc.settings, { imageSize: scale.imageSize, batchSize: scale.batchSize, steps, logEvery: 1 });
  const { plan, diagnostics } = compile(parseGraphDoc(doc).doc!);
  if (!plan) throw new Error(`${rel} does not compile: ${JSON.stringify(diagnostics)}`);
  const labels = new Map(doc.nodes.map((x) => [x.id, x.label ?? x.id]));
  const t0 = performance.now();
  const t = await Trainer.create(plan, { loadAsset: async (name) => (name === 'digits' ? loadDigitsNode() : undefined) });
  try {
    // A Rescale of an input is the same picture in another range: shown once.
    const sources = plan.steps.filter((s) => (s.phase === 'data' || s.phase === 'static') && s.outputs.out?.type === 'image' && s.kind !== 'rescale');
    const data = await t.sample(sources.map((s) => s.id));
    const rawInputs = sources.map((s) => ({ id: s.id, images: batchImages(data[s.id]!, s.outputs.out!.shape, s.outputs.out!.range, 2) }));
    const inputs: GalleryImage[] = rawInputs.flatMap(({ id, images }) => images.map((img, i) => ({ label: `${labels.get(id) ?? id} ${i + 1}`, src: dataUrl(img) })));
    const p = probes(rel);
    const before = await p.before(t, []);
    const snapshots: GalleryEntry['snapshots'] = [];
    const reports: StepReport[] = [];
    // The thumbnail: the first image of the graph's first Preview node, at the last snapshot.
    // The thumbnail: the Preview node called 'preview' (what the preset makes), else the first.
    const previews = plan.taps.filter((x) => x.kind === 'preview');
    const mainPreview = (previews.find((x) => x.id === 'preview') ?? previews[0])?.id;
    let last: RgbaImage | undefined;
    let made = new Map<string, RgbaImage[]>();
    const snap = async () => {
      const images: GalleryImage[] = [];
      made = new Map();
      for (const tap of await t.taps())
        if (tap.kind === 'preview') {
          const label = labels.get(tap.id) ?? tap.id;
          tap.images.slice(0, 4).forEach((img, i) => images.push({ label: `${label} ${i + 1}`, src: dataUrl(img) }));
          made.set(tap.id, tap.images.slice(0, 16));
          if (tap.id === mainPreview) last = tap.images[0];
        }
      snapshots.push({ step: t.step, images });
    };
    await snap();
    const marks = [1, 2, 3].map((k) => Math.round((k * steps) / 3));
    for (const mark of marks) {
      await t.train(mark - t.step, (r) => reports.push(r));
      await snap();
    }
    const after = await p.after(t, reports);
    if (rel === 'style-blend.ganvas.json') after.push(...(await blendSweep(doc0)));
    const seconds = (performance.now() - t0) / 1000;
    const ms = reports.map((r) => r.ms).sort((a, b) => a - b);
    const losses: GalleryEntry['losses'] = {};
    for (const r of reports) for (const [id, v] of Object.entries(r.losses ?? {})) (losses[id] ??= []).push([r.step, v]);
    if (thumbs && last) {
      mkdirSync(join(presetsDir, 'thumbs'), { recursive: true });
      writeFileSync(join(presetsDir, 'thumbs', rel.replace('.ganvas.json', '.png')), encodePng(last, (d) => deflateSync(d)));
      const figure = contactSheet(figureRows(rawInputs.flatMap((x) => x.images).slice(0, 4), made));
      mkdirSync(figuresDir, { recursive: true });
      writeFileSync(join(figuresDir, rel.replace('.ganvas.json', '.png')), encodePng(figure, (d) => deflateSync(d)));
    }
    return {
      file: rel,
      title: doc.meta.title,
      description: doc.meta.description,
      scale: { ...scale, steps },
      seconds,
      msPerStep: ms[Math.floor(ms.length / 2)] ?? 0,
      inputs,
      snapshots,
      losses,
      quality: [...before.map((q) => `before training: ${q}`), ...after.map((q) => `after ${steps} steps: ${q}`)],
    };
  } finally {
    t.dispose();
  }
}

async function main(): Promise<void> {
  await initNodeBackend('wasm');
  const entries: GalleryEntry[] = [];
  for (const [rel, doc] of Object.entries(libraryPresets())) {
    if (only && !only.includes(rel.replace('.ganvas.json', ''))) continue;
    console.error(`${rel}: training…`);
    const e = await runPreset(rel, doc);
    console.error(`${rel}: ${e.seconds.toFixed(1)} s; ${e.quality.join('; ')}`);
    entries.push(e);
  }
  mkdirSync(outDir, { recursive: true });
  const note = stepsOverride === undefined ? 'Each ran its documented gallery number of steps.' : `Quick look: each ran ${stepsOverride} steps, not its gallery scale.`;
  writeFileSync(join(outDir, 'index.html'), galleryPage(entries, note));
  const numbers = entries.map(({ file, scale, seconds, msPerStep, quality }) => ({ file, scale, seconds, msPerStep, quality }));
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(numbers, null, 2)}\n`);
  console.error(`Wrote ${join(outDir, 'index.html')} (${entries.length} presets, ${(entries.reduce((a, e) => a + e.seconds, 0) / 60).toFixed(1)} min).`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
