/**
 * Presets that make images from images without pairs of two sets: SRGAN-lite super-resolution
 * and single-artwork replication from random crops.
 */
import { graph, wire } from '../../src/graph/build';
import type { GraphDoc } from '../../src/graph/schema';
import { spatialLatent } from '../../src/nodes/networks/templates/spatial-generator';
import { adam, at, call, metaAndSettings, n, net, note, source } from './kit';

export function superResolution(): GraphDoc {
  const networks = [
    net('resnet-generator', 'generator', 1101, 'Generator (ResNet, full size)', {
      ...{ baseWidth: 32, downsamplings: 1, blocks: 4, upsampling: 'nearest', norm: 'none', outerKernel: 5 },
      ...{ outChannels: 3, inputRange: '[-1,1]', output: 'tanh', outputRange: '[-1,1]', inChannels: 3, std: 0.02 },
    }),
    net('patchgan', 'discriminator', 1102, 'Discriminator (PatchGAN)', { conditional: false, baseWidth: 32, maxWidth: 256, layers: 3, norm: 'instance', channels: 3, inputRange: '[-1,1]', std: 0.02 }),
    net('random-features', 'loss-net', 1103, 'Loss net (random features)', { widths: [32, 64, 128], inChannels: 3, inputRange: '[0,1]' }),
  ];
  const nodes = [
    n('hr', 'scene', { scene: 'mixed', size: 0, range: '[-1,1]', fixed: false, ...source(0, 'data', 0) }, at(0, 0), 'High-res scenes'),
    n('low', 'resize', { mode: 'factor', size: 0, factor: 0.25, filter: 'area' }, at(0, 1), 'Low-res (¼ size)'),
    n('up', 'resize', { mode: 'factor', size: 0, factor: 4, filter: 'bilinear' }, at(1, 1), 'Bilinear ×4'),
    call('G', 'generator', at(2, 1), 'G(upscaled)'),
    n('skip', 'add', { count: 2 }, at(2, 1.75), 'upscaled + G'),
    n('sr', 'rescale', { to: '[-1,1]' }, at(2, 2.75), 'clip to [-1,1]'),
    n('preview_up', 'preview', { every: 0, count: 2, columns: 0 }, at(1, 2), 'Bilinear'),
    n('preview', 'preview', { every: 0, count: 2, columns: 0 }, at(3, 3), 'Super-resolved'),
    call('D_real', 'discriminator', at(3, 0), 'D(high-res)'),
    call('D_fake', 'discriminator', at(3, 1), 'D(G)'),
    n('hr01', 'rescale', { to: '[0,1]' }, at(3, 4), 'to [0,1]'),
    n('sr01', 'rescale', { to: '[0,1]' }, at(3, 5), 'to [0,1]'),
    call('L_hr', 'loss-net', at(4, 4), 'L(high-res)'),
    call('L_sr', 'loss-net', at(4, 5), 'L(G)'),
    n('lossD_real', 'adversarial', { loss: 'lsgan', side: 'real' }, at(4, 0), 'D: real → 1'),
    n('lossD_fake', 'adversarial', { loss: 'lsgan', side: 'fake' }, at(4, 1), 'D: fake → 0'),
    n('lossG_gan', 'adversarial', { loss: 'lsgan', side: 'generator' }, at(4, 2), 'G: fool D'),
    n('pixel', 'l1', {}, at(4, 3), 'Pixel L1 |G − high-res|'),
    n('content', 'content', { layer: 1 }, at(5, 4.5), 'Content (stage 2)'),
    n('lossD', 'weighted-sum', { count: 2, weights: [0.5, 0.5] }, at(5, 0.5), 'D loss'),
    n('lossG', 'weighted-sum', { count: 3, weights: [0.01, 1, 1] }, at(6, 2.5), 'G loss'),
    n('optD', 'adam', adam(2e-4, 0.5, ['discriminator'], 0), at(7, 0.5), 'Adam D'),
    n('optG', 'adam', adam(5e-4, 0.9, ['generator'], 1), at(7, 2.5), 'Adam G'),
    n('chart', 'chart', { count: 2, smoothing: 0.6, title: 'Pixel L1 and content loss' }, at(7, 4), 'Losses'),
    note('note_data', 0, '### 1 · Data\nNew built-in **scenes** every step are the high-resolution truth; **Resize** shrinks them to a quarter of the size: the low-res input.'),
    note('note_up', 1, '### 2 · Upscale\nA plain **bilinear ×4** resize brings the low-res picture back to full size, blurry. It is the baseline G must beat.'),
    note('note_G', 2, '### 3 · Generator\n**G** (a ResNet) restores the detail of the upscaled picture at full size. It learns only what is missing: its output is *added* to the upscaled picture (**Add**) and **Rescale** clips the sum to [-1,1], so untrained it leaves the bilinear picture as it is. SRGAN proper upsamples inside the network; here a resize does it first, which keeps G small.'),
    note('note_D', 3, '### 4 · Critic\n**D** (PatchGAN) tells real high-res patches from G’s. The **Rescale** nodes feed [0,1] pictures to the frozen loss net.', 'blue'),
    note('note_losses', 4.5, '### 5 · Losses\nG’s loss: fool D (×0.01, as in SRGAN), pixel L1 (×1) and the content loss on loss-net features (×1).'),
    note('note_opt', 6.5, '### 6 · Optimizers\nAdam D, then Adam G. Compare the previews: G’s pictures should come out sharper than the bilinear ones.', 'green'),
  ];
  const edges = [
    ...[wire('hr.out', 'low.in'), wire('low.out', 'up.in'), wire('up.out', 'G.in'), wire('up.out', 'preview_up.in'), wire('sr.out', 'preview.in')],
    ...[wire('up.out', 'skip.in1'), wire('G.out', 'skip.in2'), wire('skip.out', 'sr.in')],
    ...[wire('hr.out', 'D_real.image'), wire('sr.out', 'D_fake.image'), wire('hr.out', 'hr01.in'), wire('sr.out', 'sr01.in')],
    ...[wire('hr01.out', 'L_hr.in'), wire('sr01.out', 'L_sr.in'), wire('L_sr.features', 'content.input'), wire('L_hr.features', 'content.target')],
    ...[wire('D_real.score', 'lossD_real.scores'), wire('D_fake.score', 'lossD_fake.scores'), wire('D_fake.score', 'lossG_gan.scores')],
    ...[wire('sr.out', 'pixel.a'), wire('hr.out', 'pixel.b')],
    ...[wire('lossD_real.loss', 'lossD.t1'), wire('lossD_fake.loss', 'lossD.t2')],
    ...[wire('lossG_gan.loss', 'lossG.t1'), wire('pixel.loss', 'lossG.t2'), wire('content.loss', 'lossG.t3')],
    ...[wire('lossD.loss', 'optD.loss'), wire('lossG.loss', 'optG.loss'), wire('pixel.loss', 'chart.l1'), wire('content.loss', 'chart.l2')],
  ];
  const { meta, settings } = metaAndSettings({
    title: 'Super-resolution (SRGAN-lite): low-res → high-res',
    description:
      'SRGAN-lite: built-in scenes are shrunk to a quarter of their size and a generator learns to restore them from a ' +
      'bilinear upscale (it adds the missing detail to it), trained with an adversarial loss from a PatchGAN, a pixel L1 loss and a content loss on ' +
      'frozen random-filter features; the bilinear upscale is the baseline to beat.',
    tags: ['super-resolution', 'srgan', 'gan'],
    scales: { full: { imageSize: 64, batchSize: 4, steps: 3000 }, gallery: { imageSize: 64, batchSize: 2, steps: 400 } },
    previewEvery: 50,
    streams: { data: 1104 },
  });
  return graph({ meta, networks, nodes, edges, settings });
}

// How much G is rewarded for canvases from different noise differing (the mode-seeking term).
const DIVERSITY_WEIGHT = 0.3;
// G's noise: an 8×8 grid of 8 values per cell, grown by three ×2 stages of unpadded convs to a 32×32 canvas.
const SPATIAL = { grid: 8, noiseChannels: 8, doublings: 3, baseWidth: 16, kernel: 3, padding: 'valid' } as const;
const LATENT = spatialLatent(SPATIAL);
// Weight of the texture (Gram) loss against the whole painting, as in the article's method preset.
const TEXTURE_WEIGHT = 1e5;

export function replication(): GraphDoc {
  const networks = [
    net('spatial-generator', 'generator', 1201, 'Generator (spatial, 32×32)', { ...SPATIAL, norm: 'batch', channels: 3, std: 0.02 }),
    net('patchgan', 'discriminator', 1202, 'Patch discriminator (PatchGAN)', { conditional: false, baseWidth: 32, maxWidth: 256, layers: 3, norm: 'none', channels: 3, inputRange: '[-1,1]', std: 0.02 }),
    net('random-features', 'loss-net', 1205, 'Loss net (random features)', { widths: [32, 64, 128], inChannels: 3, inputRange: '[0,1]' }),
  ];
  const nodes = [
    n('artwork', 'painting', { style: 'brushstrokes', size: 128, detail: 1, range: '[-1,1]', fixed: true, ...source(1, 'artwork', 0) }, at(0, 0), 'The artwork (128×128)'),
    n('z', 'noise', { ...source(0, 'noise', 0), dim: LATENT, distribution: 'normal' }, at(0, 2), 'Noise z (8×8 grid)'),
    n('z2', 'noise', { ...source(0, 'noise', 1), dim: LATENT, distribution: 'normal' }, at(0, 4), 'Other noise z′'),
    n('crops', 'random-crop', { size: 32 }, at(1, 0), 'Random 32×32 crops'),
    call('G', 'generator', at(1, 2), 'G(z): new canvas'),
    call('G2', 'generator', at(1, 4), 'G(z′): another canvas'),
    n('preview_crops', 'preview', { every: 0, count: 1, columns: 0 }, at(2, 5), 'A real crop'),
    n('preview', 'preview', { every: 0, count: 8, columns: 4 }, at(2, 6), 'New canvases'),
    call('D_real', 'discriminator', at(2, 0), 'D(crop)'),
    call('D_fake', 'discriminator', at(2, 1), 'D(G(z))'),
    n('coarse', 'resize', { mode: 'factor', size: 0, factor: 0.25, filter: 'area' }, at(2, 2.5), 'G(z) at 8×8'),
    n('coarse2', 'resize', { mode: 'factor', size: 0, factor: 0.25, filter: 'area' }, at(2, 4), 'G(z′) at 8×8'),
    n('spread', 'l1', {}, at(3, 3.5), 'Spread |G(z) − G(z′)| at 8×8'),
    n('lossD_real', 'adversarial', { loss: 'lsgan', side: 'real' }, at(3, 0), 'D: crop → 1'),
    n('lossD_fake', 'adversarial', { loss: 'lsgan', side: 'fake' }, at(3, 1), 'D: canvas → 0'),
    n('lossG_gan', 'adversarial', { loss: 'lsgan', side: 'generator' }, at(3, 2), 'G: fool D'),
    n('lossD', 'weighted-sum', { count: 2, weights: [0.5, 0.5] }, at(4, 0.5), 'D loss'),
    n('art01', 'rescale', { to: '[0,1]' }, at(1, 7), 'to [0,1]'),
    n('canvas01', 'rescale', { to: '[0,1]' }, at(2, 8), 'to [0,1]'),
    call('L_art', 'loss-net', at(2, 7), 'L(artwork)'),
    call('L_canvas', 'loss-net', at(2, 8.75), 'L(G(z))'),
    n('texture', 'gram-style', { layers: [], weights: [] }, at(3, 7.75), 'Texture (Gram) vs the artwork'),
    n('lossG', 'weighted-sum', { count: 3, weights: [1, -DIVERSITY_WEIGHT, TEXTURE_WEIGHT] }, at(4, 2.5), 'G loss: fool D − spread + texture'),
    n('optD', 'adam', adam(2e-4, 0.5, ['discriminator'], 0), at(5, 0.5), 'Adam D'),
    n('optG', 'adam', adam(2e-4, 0.5, ['generator'], 1), at(5, 2.5), 'Adam G'),
    n('chart', 'chart', { count: 4, smoothing: 0.6, title: 'D and G losses, spread, texture' }, at(5, 4), 'Losses'),
    note('note_data', 0, '### 1 · One artwork\nA single fixed built-in **painting** (brushstrokes) is the whole dataset. Two independent batches of noise, **z** and **z′**, seed the new canvases.'),
    note('note_crops', 1, '### 2 · Crops and generator\n**Random crop** cuts a new 32×32 piece of the artwork every step, so the brushwork is seen everywhere. **G** is a *spatial* generator (Jetchev et al., 2016): it reads z as an 8×8 grid of noise and grows it into a 32×32 canvas with ×2 resizes and convolutions only, so each cell of noise paints its own region and different noise rearranges the strokes. Its convs do not pad (valid), so a canvas has no frame: its border is painted like its middle, as every crop’s is. Its two call sites share one set of weights.'),
    note('note_D', 2, '### 3 · Patch discriminator and spread\n**D** is a PatchGAN with three stride-2 convs: each score sees most of a canvas, so it judges brushwork — stroke size, direction, palette — and how strokes sit together. **Spread** is the L1 between canvases made from different noise, each first shrunk to 8×8 (**Resize**, area): they must differ in layout and colour, not in pixel-sized speckle, which would be the cheapest way to differ.', 'blue'),
    note('note_losses', 3.5, `### 4 · Losses\nLeast-squares GAN losses: D wants crops → 1 and canvases → 0. G’s loss has three terms: be scored 1 by D; *minus* ${DIVERSITY_WEIGHT} × spread, a mode-seeking term (Mao et al., 2019) — without it G learns to paint one canvas whatever the noise (mode collapse), which fools a patch critic well enough; *plus* ${TEXTURE_WEIGHT.toLocaleString('en')} × **texture**: the Gram matrices of frozen random-filter features (**Loss net**) of each canvas against those of the whole painting, the texture statistics of Gatys et al. (2015) with which Ulyanov et al.’s texture networks (2016) train a generator. The critic judges how strokes sit together; the texture term holds palette and stroke statistics to the painting’s from the first steps.`),
    note('note_opt', 5, '### 5 · Optimizers\nAdam D, then Adam G. The new canvases should take on the painting’s strokes and colours, differ from one another, and copy no one crop.', 'green'),
  ];
  const edges = [
    ...[wire('artwork.out', 'crops.in'), wire('z.out', 'G.z'), wire('z2.out', 'G2.z'), wire('crops.out', 'preview_crops.in'), wire('G.out', 'preview.in')],
    ...[wire('crops.out', 'D_real.image'), wire('G.out', 'D_fake.image'), wire('G.out', 'coarse.in'), wire('G2.out', 'coarse2.in'), wire('coarse.out', 'spread.a'), wire('coarse2.out', 'spread.b')],
    ...[wire('D_real.score', 'lossD_real.scores'), wire('D_fake.score', 'lossD_fake.scores'), wire('D_fake.score', 'lossG_gan.scores')],
    ...[wire('lossD_real.loss', 'lossD.t1'), wire('lossD_fake.loss', 'lossD.t2'), wire('lossG_gan.loss', 'lossG.t1'), wire('spread.loss', 'lossG.t2')],
    ...[wire('artwork.out', 'art01.in'), wire('G.out', 'canvas01.in'), wire('art01.out', 'L_art.in'), wire('canvas01.out', 'L_canvas.in')],
    ...[wire('L_canvas.features', 'texture.input'), wire('L_art.features', 'texture.target'), wire('texture.loss', 'lossG.t3')],
    ...[wire('lossD.loss', 'optD.loss'), wire('lossG.loss', 'optG.loss')],
    ...[wire('lossD.loss', 'chart.l1'), wire('lossG_gan.loss', 'chart.l2'), wire('spread.loss', 'chart.l3'), wire('texture.loss', 'chart.l4')],
  ];
  const { meta, settings } = metaAndSettings({
    title: 'Single-artwork replication: new canvases from one painting',
    description:
      'Learning one painting’s brushwork: random 32×32 crops of a single built-in painting (brushstrokes, 128×128) are ' +
      'the real data, a spatial generator grows an 8×8 grid of noise into new 32×32 canvases (unpadded convolutions only, so each cell paints its own region and there is no frame), and a PatchGAN discriminator judges ' +
      'patches, with least-squares GAN losses; a texture loss (Gram matrices of random-filter features, canvas against the whole painting) ' +
      'holds palette and stroke statistics to the painting’s, and a mode-seeking term (G rewarded for the L1 between 8×8 shrunk canvases ' +
      'from different noise) keeps the canvases from all coming out alike.',
    tags: ['replication', 'single-image', 'gan'],
    scales: { full: { imageSize: 32, batchSize: 8, steps: 4000 }, gallery: { imageSize: 32, batchSize: 8, steps: 600 } },
    previewEvery: 100,
    streams: { artwork: 1203, noise: 1204 },
  });
  return graph({ meta, networks, nodes, edges, settings });
}
