/**
 * The pix2pix presets: paired translation where a transform of the target makes the input
 * (grey → colour, damaged → restored, edges → artwork). U-Net G, conditional PatchGAN D,
 * LSGAN + 100·L1, and G applied to a fixed held-out batch the training never shows.
 */
import { graph, wire } from '../../src/graph/build';
import type { GraphDoc, GraphEdge, GraphNode } from '../../src/graph/schema';
import { adam, at, call, metaAndSettings, n, net, note, source, type Scales } from './kit';

interface Pair {
  title: string;
  description: string;
  tags: string[];
  seeds: [generator: number, discriminator: number, data: number];
  /** The target images y: a source node kind and its params (size and batch follow the graph). */
  target: { type: string; params: Record<string, unknown>; label: string };
  /** The transform that makes the input x from y, and its own params. */
  derive: { type: string; params: Record<string, unknown>; label: string };
  notes: { data: string; generator: string; discriminator: string };
  scales: Scales;
  /**
   * G learns a correction added to its input (out = clip(x + G(x))), for tasks whose answer is
   * mostly the input itself: it starts as the identity and only has to learn the repair.
   */
  residual?: { note: string };
}

function pix2pix(p: Pair): GraphDoc {
  const [gSeed, dSeed, dataSeed] = p.seeds;
  const networks = [
    net('unet', 'generator', gSeed, 'Generator (U-Net)', { depth: 4, baseWidth: 32, maxWidth: 128, norm: 'instance', inChannels: 3, outChannels: 3, inputRange: '[-1,1]', outputRange: '[-1,1]', std: 0.02 }),
    net('patchgan', 'discriminator', dSeed, 'Discriminator (PatchGAN)', { conditional: true, baseWidth: 32, maxWidth: 256, layers: 3, norm: 'instance', channels: 3, inputRange: '[-1,1]', std: 0.02 }),
  ];
  const target = (id: string, split: 'train' | 'held-out', batch: number, fixed: boolean, row: number, label: string): GraphNode =>
    n(id, p.target.type, { ...p.target.params, ...source(batch, split === 'train' ? 'data' : 'held-out', 0, split), size: 0, range: '[-1,1]', fixed }, at(0, row), label);
  const nodes = [
    target('y', 'train', 0, false, 0, p.target.label),
    n('x', p.derive.type, p.derive.params, at(0, 1), p.derive.label),
    target('y_test', 'held-out', 4, true, 3, 'Held-out targets'),
    n('x_test', p.derive.type, p.derive.params, at(0, 4), 'Held-out inputs'),
    call('G', 'generator', at(1, 0.5), 'G(x)'),
    call('G_test', 'generator', at(1, 3.5), 'G(held-out x)'),
    n('preview', 'preview', { every: 0, count: 4, columns: 0 }, at(1, 1.5), 'Training output'),
    n('preview_test', 'preview', { every: 0, count: 4, columns: 4 }, at(1, 4.5), 'Held-out output'),
    n('preview_inputs', 'preview', { every: 0, count: 4, columns: 4 }, at(1, 5.5), 'Held-out inputs'),
    call('D_real', 'discriminator', at(2, 0), 'D(x, y)'),
    call('D_fake', 'discriminator', at(2, 1), 'D(x, G(x))'),
    n('lossD_real', 'adversarial', { loss: 'lsgan', side: 'real' }, at(3, 0), 'D: real → 1'),
    n('lossD_fake', 'adversarial', { loss: 'lsgan', side: 'fake' }, at(3, 1), 'D: fake → 0'),
    n('lossG_gan', 'adversarial', { loss: 'lsgan', side: 'generator' }, at(3, 2), 'G: fool D'),
    n('L1', 'l1', {}, at(3, 3), 'L1 |G(x) − y|'),
    n('lossD', 'weighted-sum', { count: 2, weights: [0.5, 0.5] }, at(4, 0.5), 'D loss'),
    n('lossG', 'weighted-sum', { count: 2, weights: [1, 100] }, at(4, 2.5), 'G loss'),
    n('optD', 'adam', adam(2e-4, 0.5, ['discriminator'], 0), at(5, 0.5), 'Adam D'),
    n('optG', 'adam', adam(2e-4, 0.5, ['generator'], 1), at(5, 2.5), 'Adam G'),
    n('chart', 'chart', { count: 3, smoothing: 0.6, title: 'D loss, G loss, L1' }, at(5, 3.5), 'Losses'),
    note('note_data', 0, p.notes.data),
    note('note_generator', 1, p.notes.generator),
    note('note_discriminator', 2, p.notes.discriminator),
    note('note_losses', 3.5, '### 4 · Losses\nD wants real pairs scored 1 and G’s pairs 0 (least squares). G wants D to score its pairs 1, and its output close to the true y: L1, weighted ×100, does most of the teaching; the GAN term keeps textures sharp.'),
    note('note_optimizers', 5, '### 5 · Optimizers\nEach Adam updates only the network it names: first D, then G. Press **Train**: the L1 curve should fall, and the held-out preview — pictures G never trains on — should come to look like the real thing.', 'green'),
  ];
  // The generated picture: G's output, or with a residual G the input plus G's correction.
  let made = 'G.out';
  let madeTest = 'G_test.out';
  const residualEdges: GraphEdge[] = [];
  if (p.residual) {
    // A column of its own between G and D: everything from D on moves one column right, and the
    // previews, which now show the sum, go under it.
    const from = at(2, 0).x;
    for (const x of nodes) if (x.position.x >= from) x.position = { ...x.position, x: x.position.x + at(1, 0).x };
    const move = (id: string, col: number, row: number) => (nodes.find((x) => x.id === id)!.position = at(col, row));
    move('preview', 2, 2);
    move('preview_test', 2, 5.5);
    nodes.push(
      n('skip', 'add', { count: 2 }, at(2, 0), 'x + G(x)'),
      n('restored', 'rescale', { to: '[-1,1]' }, at(2, 1), 'clip to [-1,1]'),
      n('skip_test', 'add', { count: 2 }, at(2, 3.5), 'x + G(x), held out'),
      n('restored_test', 'rescale', { to: '[-1,1]' }, at(2, 4.5), 'clip to [-1,1]'),
      note('note_residual', 2, p.residual.note),
    );
    residualEdges.push(
      ...[wire('x.out', 'skip.in1'), wire('G.out', 'skip.in2'), wire('skip.out', 'restored.in')],
      ...[wire('x_test.out', 'skip_test.in1'), wire('G_test.out', 'skip_test.in2'), wire('skip_test.out', 'restored_test.in')],
    );
    [made, madeTest] = ['restored.out', 'restored_test.out'];
  }
  const edges = [
    ...residualEdges,
    ...[wire('y.out', 'x.in'), wire('x.out', 'G.in'), wire(made, 'preview.in')],
    ...[wire('y_test.out', 'x_test.in'), wire('x_test.out', 'G_test.in'), wire(madeTest, 'preview_test.in'), wire('x_test.out', 'preview_inputs.in')],
    // One discriminator, two call sites: condition first, then the real or the generated image.
    ...[wire('x.out', 'D_real.condition'), wire('y.out', 'D_real.image'), wire('x.out', 'D_fake.condition'), wire(made, 'D_fake.image')],
    ...[wire('D_real.score', 'lossD_real.scores'), wire('D_fake.score', 'lossD_fake.scores'), wire('D_fake.score', 'lossG_gan.scores')],
    ...[wire(made, 'L1.a'), wire('y.out', 'L1.b')],
    ...[wire('lossD_real.loss', 'lossD.t1'), wire('lossD_fake.loss', 'lossD.t2'), wire('lossG_gan.loss', 'lossG.t1'), wire('L1.loss', 'lossG.t2')],
    ...[wire('lossD.loss', 'optD.loss'), wire('lossG.loss', 'optG.loss')],
    ...[wire('lossD.loss', 'chart.l1'), wire('lossG.loss', 'chart.l2'), wire('L1.loss', 'chart.l3')],
  ];
  const { meta, settings } = metaAndSettings({ ...p, previewEvery: 50, streams: { data: dataSeed, 'held-out': dataSeed + 1 } });
  return graph({ meta, networks, nodes, edges, settings });
}

const gan = (what: string) =>
  `### 3 · Discriminator\n**D** is a PatchGAN: it looks at (${what}, picture) pairs patch by patch and scores each patch real or painted by G. Both D nodes run the *same* network, so they share its weights.`;
const unet = (task: string) =>
  `### 2 · Generator\n**G** is a U-Net: it squeezes the input down and grows it back, while skip wires carry the fine detail across. It learns to ${task}. **G(held-out x)** is the same network on pictures kept out of training.`;
const scales: Scales = { full: { imageSize: 64, batchSize: 1, steps: 5000 }, gallery: { imageSize: 64, batchSize: 1, steps: 600 } };

export const colouriseFilm = (): GraphDoc =>
  pix2pix({
    title: 'Film colourisation: grey scenes → colour (pix2pix)',
    description:
      'The film-colourisation use of pix2pix: a U-Net learns to colour grey frames, trained on pairs made from the ' +
      'built-in scenes (landscapes, still lifes, streets) and their grey versions, judged by a conditional PatchGAN, ' +
      'with LSGAN + 100·L1. A held-out batch of scenes the training never shows measures how well it generalises.',
    tags: ['pix2pix', 'colourisation', 'film'],
    seeds: [601, 602, 603],
    target: { type: 'scene', params: { scene: 'mixed' }, label: 'Colour scenes y' },
    derive: { type: 'grayscale', params: { channels: 3 }, label: 'Grey frames x' },
    notes: {
      data: '### 1 · Data\nEvery step draws a new built-in **scene** in colour (y, the answer) and the **Grayscale** node makes its grey frame (x, the question), as an old film would show it. The held-out pair below is drawn from scenes training never sees.',
      generator: unet('guess the colours of a grey frame: sky blue, grass green, lit windows yellow'),
      discriminator: gan('grey'),
    },
    scales,
  });

export const restore = (): GraphDoc =>
  pix2pix({
    title: 'Restoration: damaged painting → restored (pix2pix)',
    description:
      'Heritage restoration with pix2pix: the Damage transform ages built-in paintings with scratches, holes and ' +
      'stains, and a U-Net learns to undo it, judged by a conditional PatchGAN, with LSGAN + 100·L1. A held-out batch ' +
      'of paintings the training never shows measures how well it generalises.',
    tags: ['pix2pix', 'restoration', 'heritage'],
    seeds: [611, 612, 613],
    target: { type: 'painting', params: { style: 'mixed', detail: 1 }, label: 'Clean paintings y' },
    derive: { type: 'damage', params: { scratches: 4, holes: 2, stains: 2, strength: 0.7, fill: 1 }, label: 'Damaged x' },
    notes: {
      data: '### 1 · Data\nEvery step paints new built-in **paintings** (y, the clean originals) and the **Damage** node ages them with scratches, holes and stains (x). Its damage is random each time, so G cannot memorise where it is.',
      generator: unet('fill holes and lift stains from the surrounding paint'),
      discriminator: gan('damaged'),
    },
    // The repair is a small part of the picture: the gallery gives it more steps to show.
    scales: { ...scales, gallery: { ...scales.gallery, steps: 1000 } },
    residual: {
      note: '### 2½ · Repair, not repaint\nMost of a damaged painting is fine as it is, so **G** does not paint the picture anew: its output is *added* to the damaged one (**Add**), and **Rescale** clips the sum to [-1,1]. Untrained, G adds almost nothing, which already leaves the undamaged parts alone; it only has to learn the repair.',
    },
  });

export const edgesToArt = (): GraphDoc =>
  pix2pix({
    title: 'Edges → artwork (pix2pix)',
    description:
      'pix2pix from line drawings to paintings: the Sobel transform draws the edges of built-in paintings, and a U-Net ' +
      'learns to paint the picture back from its edges, judged by a conditional PatchGAN, with LSGAN + 100·L1. A ' +
      'held-out batch of paintings the training never shows measures how well it generalises.',
    tags: ['pix2pix', 'edges', 'sketch-to-painting'],
    seeds: [621, 622, 623],
    target: { type: 'painting', params: { style: 'mixed', detail: 1 }, label: 'Paintings y' },
    derive: { type: 'sobel', params: { channels: 3, range: '[-1,1]' }, label: 'Edges x' },
    notes: {
      data: '### 1 · Data\nEvery step paints new built-in **paintings** (y) and the **Edges (Sobel)** node draws their outlines (x): bright where the brightness changes sharply. Later, feed your own sketches into G.',
      generator: unet('paint colour and texture between the lines of an edge drawing'),
      discriminator: gan('edges'),
    },
    scales,
  });
