/**
 * The adversarial presets beyond pix2pix: DCGAN on the handwritten digits, CycleGAN between
 * scenes and paintings, SRGAN-lite super-resolution, and single-artwork replication.
 */
import { graph, wire } from '../../src/graph/build';
import type { GraphDoc } from '../../src/graph/schema';
import { adam, at, call, metaAndSettings, n, net, note, source } from './kit';

export function dcganDigits(): GraphDoc {
  const networks = [
    net('dcgan-generator', 'generator', 401, 'Generator (DCGAN)', { latent: 64, baseWidth: 32, imageSize: 28, channels: 1, std: 0.02 }),
    net('dcgan-discriminator', 'discriminator', 402, 'Discriminator (DCGAN)', { baseWidth: 32, imageSize: 28, channels: 1, norm: 'none', inputRange: '[-1,1]', std: 0.02 }),
  ];
  const nodes = [
    n('real', 'digits', { classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], holdOut: 100, size: 28, ...source(0, 'data', 0) }, at(0, 0), 'Real digits'),
    n('z', 'noise', { ...source(0, 'data', 1), dim: 64, distribution: 'normal' }, at(0, 1.5), 'Noise z'),
    call('G', 'generator', at(1, 1.5), 'G(z)'),
    n('preview', 'preview', { every: 0, count: 16, columns: 4 }, at(1, 2.5), 'Generated digits'),
    call('D_real', 'discriminator', at(2, 0), 'D(real)'),
    call('D_fake', 'discriminator', at(2, 1), 'D(G(z))'),
    n('lossD_real', 'adversarial', { loss: 'bce', side: 'real' }, at(3, 0), 'D: real → 1'),
    n('lossD_fake', 'adversarial', { loss: 'bce', side: 'fake' }, at(3, 1), 'D: fake → 0'),
    n('lossG', 'adversarial', { loss: 'bce', side: 'generator' }, at(3, 2), 'G: fool D'),
    n('lossD', 'weighted-sum', { count: 2, weights: [1, 1] }, at(4, 0.5), 'D loss'),
    n('optD', 'adam', adam(2e-4, 0.5, ['discriminator'], 0), at(5, 0.5), 'Adam D'),
    n('optG', 'adam', adam(2e-4, 0.5, ['generator'], 1), at(5, 2), 'Adam G'),
    n('chart', 'chart', { count: 2, smoothing: 0.6, title: 'D and G losses' }, at(5, 3), 'Losses'),
    note('note_data', 0, '### 1 · Data\n**Real digits**: a batch of the 10,000 built-in handwritten digits every step. **Noise z**: 64 random numbers per image, the seed of each generated digit.'),
    note('note_G', 1, '### 2 · Generator\n**G** (DCGAN) grows each noise vector into a 28×28 digit: a dense layer, then transposed convolutions that double the size. It never sees a real digit; it learns only from D’s verdicts.'),
    note('note_D', 2, '### 3 · Discriminator\n**D** scores an image: real digit or made by G? Both D nodes run the *same* network, on real digits and on G’s, so they share its weights.'),
    note('note_losses', 3.5, '### 4 · Losses\nBinary cross-entropy on D’s raw scores: D wants real → 1 and fake → 0; G wants its fakes scored 1 (the non-saturating loss).'),
    note('note_opt', 5, '### 5 · Optimizers\nAdam D, then Adam G, each updating only its own network: the GAN game. The losses wobble rather than fall; watch the preview turn from blur into digits.', 'green'),
  ];
  const edges = [
    ...[wire('z.out', 'G.z'), wire('G.out', 'preview.in'), wire('real.out', 'D_real.image'), wire('G.out', 'D_fake.image')],
    ...[wire('D_real.score', 'lossD_real.scores'), wire('D_fake.score', 'lossD_fake.scores'), wire('D_fake.score', 'lossG.scores')],
    ...[wire('lossD_real.loss', 'lossD.t1'), wire('lossD_fake.loss', 'lossD.t2'), wire('lossD.loss', 'optD.loss'), wire('lossG.loss', 'optG.loss')],
    ...[wire('lossD.loss', 'chart.l1'), wire('lossG.loss', 'chart.l2')],
  ];
  const { meta, settings } = metaAndSettings({
    title: 'DCGAN: noise → handwritten digits',
    description:
      'The classic DCGAN: a generator turns random noise into 28×28 handwritten digits and a discriminator learns to ' +
      'tell them from the 10,000 built-in real digits (MNIST), with the binary cross-entropy GAN loss and Adam.',
    tags: ['dcgan', 'digits', 'gan'],
    scales: { full: { imageSize: 28, batchSize: 64, steps: 5000 }, gallery: { imageSize: 28, batchSize: 64, steps: 1200 } },
    previewEvery: 100,
    streams: { data: 403 },
  });
  return graph({ meta, networks, nodes, edges, settings });
}

export function cycleGan(): GraphDoc {
  const gen = { baseWidth: 16, downsamplings: 2, blocks: 4, upsampling: 'nearest', norm: 'instance', padding: 'replicate', outerKernel: 7, outChannels: 3, inputRange: '[-1,1]', output: 'tanh', outputRange: '[-1,1]', inChannels: 3, std: 0.02 };
  const dis = { conditional: false, baseWidth: 32, maxWidth: 256, layers: 3, norm: 'instance', channels: 3, inputRange: '[-1,1]', std: 0.02 };
  const networks = [
    net('resnet-generator', 'G_AB', 1001, 'G: scene → painting', gen),
    net('resnet-generator', 'G_BA', 1002, 'F: painting → scene', gen),
    net('patchgan', 'D_A', 1003, 'D_A: real scene?', dis),
    net('patchgan', 'D_B', 1004, 'D_B: real painting?', dis),
  ];
  const nodes = [
    n('a', 'scene', { scene: 'mixed', size: 0, range: '[-1,1]', fixed: false, ...source(0, 'a', 0) }, at(0, 0), 'Set A: scenes'),
    n('b', 'painting', { style: 'swirls', size: 0, detail: 1, range: '[-1,1]', fixed: false, ...source(0, 'b', 0) }, at(0, 3), 'Set B: swirl paintings'),
    call('fakeB', 'G_AB', at(1, 0), 'G(a): a as a painting'),
    call('idA', 'G_BA', at(1, 1), 'F(a): identity'),
    call('fakeA', 'G_BA', at(1, 3), 'F(b): b as a scene'),
    call('idB', 'G_AB', at(1, 4), 'G(b): identity'),
    call('recA', 'G_BA', at(2, 0), 'F(G(a)): back to a'),
    call('recB', 'G_AB', at(2, 3), 'G(F(b)): back to b'),
    n('preview_AB', 'preview', { every: 0, count: 1, columns: 0 }, at(2, 1), 'Scene → painting'),
    n('preview_BA', 'preview', { every: 0, count: 1, columns: 0 }, at(2, 4), 'Painting → scene'),
    call('DA_real', 'D_A', at(3, 0), 'D_A(a)'),
    call('DA_fake', 'D_A', at(3, 1), 'D_A(F(b))'),
    call('DB_real', 'D_B', at(3, 3), 'D_B(b)'),
    call('DB_fake', 'D_B', at(3, 4), 'D_B(G(a))'),
    n('lossDA_real', 'adversarial', { loss: 'lsgan', side: 'real' }, at(4, 0), 'D_A: real → 1'),
    n('lossDA_fake', 'adversarial', { loss: 'lsgan', side: 'fake' }, at(4, 1), 'D_A: fake → 0'),
    n('lossF_gan', 'adversarial', { loss: 'lsgan', side: 'generator' }, at(4, 2), 'F: fool D_A'),
    n('lossDB_real', 'adversarial', { loss: 'lsgan', side: 'real' }, at(4, 3), 'D_B: real → 1'),
    n('lossDB_fake', 'adversarial', { loss: 'lsgan', side: 'fake' }, at(4, 4), 'D_B: fake → 0'),
    n('lossG_gan', 'adversarial', { loss: 'lsgan', side: 'generator' }, at(4, 5), 'G: fool D_B'),
    n('cycleA', 'l1', {}, at(4, 6), 'Cycle |F(G(a)) − a|'),
    n('cycleB', 'l1', {}, at(4, 7), 'Cycle |G(F(b)) − b|'),
    n('identityA', 'l1', {}, at(4, 8), 'Identity |F(a) − a|'),
    n('identityB', 'l1', {}, at(4, 9), 'Identity |G(b) − b|'),
    n('lossD', 'weighted-sum', { count: 4, weights: [0.5, 0.5, 0.5, 0.5] }, at(5, 2), 'D loss (both)'),
    n('lossG', 'weighted-sum', { count: 6, weights: [1, 1, 10, 10, 5, 5] }, at(5, 6), 'G loss (both)'),
    n('optD', 'adam', adam(2e-4, 0.5, ['D_A', 'D_B'], 0), at(6, 2), 'Adam D_A, D_B'),
    n('optG', 'adam', adam(2e-4, 0.5, ['G_AB', 'G_BA'], 1), at(6, 6), 'Adam G, F'),
    n('chart', 'chart', { count: 3, smoothing: 0.6, title: 'D loss, cycle A, cycle B' }, at(6, 7), 'Losses'),
    note('note_data', 0, '### 1 · Two image sets\n**A**: built-in scenes. **B**: built-in swirl paintings. They are *unpaired*: no scene has a matching painting, which is what CycleGAN is for.'),
    note('note_G', 1, '### 2 · Two generators\n**G** turns scenes into paintings, **F** paintings into scenes. Each is called at three places (translate, cycle back, identity), and all call sites of one network share its weights. Their convs pad with copies of the border pixels rather than zeros (the paper pads by reflection), so the pictures have no frame.'),
    note('note_cycle', 2, '### 3 · The cycle\nA scene sent to a painting and back, **F(G(a))**, should be the scene again; likewise **G(F(b))** for a painting. That is what keeps the content while the style changes.'),
    note('note_D', 3, '### 4 · Two discriminators\n**D_A** judges scenes, **D_B** paintings (PatchGANs, patch by patch). Each has two call sites: on real images and on translated ones.', 'blue'),
    note('note_losses', 4.5, '### 5 · Losses\nD: least-squares real → 1, fake → 0, for both. G and F: fool the other side’s D (×1), cycle L1 (×10), identity L1 (×5: a painting given to G should stay as it is).'),
    note('note_opt', 6, '### 6 · Optimizers\nOne Adam trains both discriminators, then one trains both generators. Watch the cycle losses fall while the previews take on the other set’s look.', 'green'),
  ];
  const edges = [
    ...[wire('a.out', 'fakeB.in'), wire('a.out', 'idA.in'), wire('b.out', 'fakeA.in'), wire('b.out', 'idB.in')],
    ...[wire('fakeB.out', 'recA.in'), wire('fakeA.out', 'recB.in'), wire('fakeB.out', 'preview_AB.in'), wire('fakeA.out', 'preview_BA.in')],
    ...[wire('a.out', 'DA_real.image'), wire('fakeA.out', 'DA_fake.image'), wire('b.out', 'DB_real.image'), wire('fakeB.out', 'DB_fake.image')],
    ...[wire('DA_real.score', 'lossDA_real.scores'), wire('DA_fake.score', 'lossDA_fake.scores'), wire('DA_fake.score', 'lossF_gan.scores')],
    ...[wire('DB_real.score', 'lossDB_real.scores'), wire('DB_fake.score', 'lossDB_fake.scores'), wire('DB_fake.score', 'lossG_gan.scores')],
    ...[wire('recA.out', 'cycleA.a'), wire('a.out', 'cycleA.b'), wire('recB.out', 'cycleB.a'), wire('b.out', 'cycleB.b')],
    ...[wire('idA.out', 'identityA.a'), wire('a.out', 'identityA.b'), wire('idB.out', 'identityB.a'), wire('b.out', 'identityB.b')],
    ...[wire('lossDA_real.loss', 'lossD.t1'), wire('lossDA_fake.loss', 'lossD.t2'), wire('lossDB_real.loss', 'lossD.t3'), wire('lossDB_fake.loss', 'lossD.t4')],
    ...[wire('lossG_gan.loss', 'lossG.t1'), wire('lossF_gan.loss', 'lossG.t2'), wire('cycleA.loss', 'lossG.t3'), wire('cycleB.loss', 'lossG.t4')],
    ...[wire('identityA.loss', 'lossG.t5'), wire('identityB.loss', 'lossG.t6'), wire('lossD.loss', 'optD.loss'), wire('lossG.loss', 'optG.loss')],
    ...[wire('lossD.loss', 'chart.l1'), wire('cycleA.loss', 'chart.l2'), wire('cycleB.loss', 'chart.l3')],
  ];
  const { meta, settings } = metaAndSettings({
    title: 'CycleGAN: scenes ↔ paintings, unpaired',
    description:
      'CycleGAN between two unpaired image sets, built-in scenes and built-in swirl paintings: two ResNet generators ' +
      '(scene → painting and back) and two PatchGAN discriminators, each network called at several places with shared ' +
      'weights, trained with least-squares GAN losses plus cycle-consistency (×10) and identity (×5) L1 losses.',
    tags: ['cyclegan', 'unpaired', 'gan'],
    scales: { full: { imageSize: 64, batchSize: 1, steps: 5000 }, gallery: { imageSize: 32, batchSize: 1, steps: 600 } },
    previewEvery: 50,
    streams: { a: 1005, b: 1006 },
  });
  return graph({ meta, networks, nodes, edges, settings });
}
