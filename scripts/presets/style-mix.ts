/**
 * Style blending (two paintings' Gram losses mixed by weights the user sets) and the founding
 * article's method (a generator fed a content and a style image, trained with a patch
 * discriminator on the style artwork plus Gram style and content losses).
 */
import { graph, wire } from '../../src/graph/build';
import type { GraphDoc, NetworkDef } from '../../src/graph/schema';
import { templateNetwork } from '../../src/graph/templates';
import { adam, at, call, metaAndSettings, n, net, note, source } from './kit';

const lossNet = (seed: number): NetworkDef =>
  net('random-features', 'loss-net', seed, 'Loss net (random features)', { widths: [32, 64, 128], inChannels: 3, inputRange: '[0,1]' });

const painting = (id: string, style: string, row: number, label: string, stream: string) =>
  n(id, 'painting', { style, size: 0, detail: 1, range: '[0,1]', fixed: true, ...source(1, stream, 0) }, at(0, row), label);

export function styleBlend(): GraphDoc {
  const nodes = [
    painting('style_a', 'swirls', 0, 'Style A: swirls', 'style-a'),
    painting('style_b', 'mosaic', 1, 'Style B: mosaic', 'style-b'),
    n('content_image', 'scene', { scene: 'buildings', size: 0, range: '[0,1]', fixed: true, ...source(1, 'content', 0) }, at(0, 2.5), 'Content: buildings'),
    n('canvas', 'trainable-image', { size: 0, channels: 3, range: '[0,1]', init: 'input' }, at(1, 2.5), 'Canvas (trained pixels)'),
    call('L_a', 'loss-net', at(2, 0), 'L(style A)'),
    call('L_b', 'loss-net', at(2, 1), 'L(style B)'),
    call('L_canvas', 'loss-net', at(2, 2), 'L(canvas)'),
    call('L_content', 'loss-net', at(2, 3), 'L(content)'),
    n('preview', 'preview', { every: 0, count: 1, columns: 0 }, at(2, 4), 'Canvas'),
    n('style_a_loss', 'gram-style', { layers: [], weights: [] }, at(3, 0), 'Style A (Gram)'),
    n('style_b_loss', 'gram-style', { layers: [], weights: [] }, at(3, 1), 'Style B (Gram)'),
    n('content', 'content', { layer: 1 }, at(3, 2), 'Content (stage 2)'),
    n('tv', 'tv', {}, at(3, 3), 'Total variation'),
    n('blend', 'weighted-sum', { count: 2, weights: [0.5, 0.5] }, at(4, 0.5), 'Blend: A and B weights'),
    n('total', 'weighted-sum', { count: 3, weights: [1e5, 1, 0.1] }, at(5, 1.5), 'Total loss'),
    n('opt', 'adam', adam(0.02, 0.9, [], 0, ['canvas']), at(6, 1.5), 'Adam (pixels)'),
    n('chart', 'chart', { count: 3, smoothing: 0.3, title: 'Style A, style B, content' }, at(6, 2.5), 'Losses'),
    note('note_data', 0, '### 1 · Images\nTwo fixed built-in **paintings** give two styles (swirls and mosaic); a built-in **scene** gives the content. Swap any of them for another style, scene or your own picture.'),
    note('note_canvas', 1, '### 2 · Canvas\nAs in neural style, the **canvas pixels** are what is trained. They start as the content picture.'),
    note('note_lossnet', 2, '### Loss network\nOne frozen net of random filters, four call sites sharing its weights: both paintings, the canvas and the scene.', 'blue'),
    note('note_losses', 3, '### 3 · Two style losses\nEach **Gram** loss pulls the canvas’s feature statistics towards one painting. Content and total variation keep the buildings and smooth speckle.'),
    note('note_blend', 4.5, '### 4 · Blend — set the mix here\nSelect **Blend** and change its two weights: 0.5 / 0.5 mixes both styles evenly; 0.9 / 0.1 leans to swirls, 0.1 / 0.9 to mosaic. More than two styles? Add a painting, a Gram loss and raise the count.', 'pink'),
    note('note_opt', 6, '### 5 · Optimizer\nAdam updates only the canvas. Train twice with different blend weights and compare the canvases: the heavier style wins.', 'green'),
  ];
  const edges = [
    ...[wire('content_image.out', 'canvas.init'), wire('style_a.out', 'L_a.in'), wire('style_b.out', 'L_b.in'), wire('canvas.out', 'L_canvas.in')],
    ...[wire('content_image.out', 'L_content.in'), wire('canvas.out', 'preview.in')],
    ...[wire('L_canvas.features', 'style_a_loss.input'), wire('L_a.features', 'style_a_loss.target')],
    ...[wire('L_canvas.features', 'style_b_loss.input'), wire('L_b.features', 'style_b_loss.target')],
    ...[wire('L_canvas.features', 'content.input'), wire('L_content.features', 'content.target'), wire('canvas.out', 'tv.in')],
    ...[wire('style_a_loss.loss', 'blend.t1'), wire('style_b_loss.loss', 'blend.t2')],
    ...[wire('blend.loss', 'total.t1'), wire('content.loss', 'total.t2'), wire('tv.loss', 'total.t3'), wire('total.loss', 'opt.loss')],
    ...[wire('style_a_loss.loss', 'chart.l1'), wire('style_b_loss.loss', 'chart.l2'), wire('content.loss', 'chart.l3')],
  ];
  const { meta, settings } = metaAndSettings({
    title: 'Style blending: two paintings mixed by weights you set',
    description:
      'Neural style with two style targets: the canvas is optimised against the Gram statistics of two built-in ' +
      'paintings (swirls and mosaic) at once, mixed by the weights of the Blend node, while keeping a built-in scene’s ' +
      'content. Raising a style’s weight moves the result’s Gram statistics towards that painting.',
    tags: ['style-transfer', 'blending', 'gatys'],
    scales: { full: { imageSize: 128, batchSize: 1, steps: 500 }, gallery: { imageSize: 128, batchSize: 1, steps: 200 } },
    previewEvery: 25,
    streams: { 'style-a': 801, 'style-b': 802, content: 803 },
  });
  return graph({ meta, networks: [lossNet(804)], nodes, edges, settings });
}

/**
 * A U-Net whose input is a content and a style image side by side in the channels: the
 * template's single Input is replaced by two, concatenated content first.
 */
function contentStyleUnet(id: string, seed: number): NetworkDef {
  const base = templateNetwork('unet', {
    ...{ depth: 4, baseWidth: 32, maxWidth: 128, norm: 'instance', inChannels: 6, outChannels: 3 },
    ...{ inputRange: '[0,1]', outputRange: '[0,1]', std: 0.02 },
  }, { id, seed, label: 'Stylist (U-Net on content + style)' });
  const input = base.nodes.find((x) => x.id === 'input')!;
  const { x, y } = input.position;
  const inputs = [
    { id: 'input-content', type: 'network.input', position: { x, y: y - 110 }, params: { name: 'content', type: 'image', range: '[0,1]' } },
    { id: 'input-style', type: 'network.input', position: { x, y }, params: { name: 'style', type: 'image', range: '[0,1]' } },
    { id: 'pair', type: 'concat', position: { x, y: y + 110 }, params: { count: 2 }, label: 'content | style' },
  ];
  const edges = [
    { source: 'input-content', sourceHandle: 'out', target: 'pair', targetHandle: 'in1' },
    { source: 'input-style', sourceHandle: 'out', target: 'pair', targetHandle: 'in2' },
    ...base.edges.map((e) => (e.source === 'input' ? { ...e, source: 'pair' } : e)),
  ];
  // No template: the network is the U-Net's body behind a new front, which re-placing the template would lose.
  const { template: _template, ...rest } = base;
  return { ...rest, nodes: [...inputs, ...base.nodes.filter((v) => v.id !== 'input')], edges };
}

export function articleMethod(): GraphDoc {
  const networks = [
    contentStyleUnet('stylist', 901),
    net('patchgan', 'critic', 902, 'Patch critic (PatchGAN)', { conditional: false, baseWidth: 32, maxWidth: 256, layers: 2, norm: 'instance', channels: 3, inputRange: '[0,1]', std: 0.02 }),
    lossNet(903),
  ];
  const nodes = [
    painting('style_image', 'swirls', 0, 'Style artwork', 'style'),
    n('content_images', 'scene', { scene: 'mixed', size: 0, range: '[0,1]', fixed: false, ...source(0, 'content', 0) }, at(0, 2), 'Content scenes'),
    call('G', 'stylist', at(1, 2), 'G(content, style)'),
    n('crop_real', 'random-crop', { size: 32 }, at(1, 0), 'Style patches'),
    n('crop_fake', 'random-crop', { size: 32 }, at(2, 1), 'Generated patches'),
    n('preview', 'preview', { every: 0, count: 2, columns: 0 }, at(2, 3), 'Generated'),
    call('D_real', 'critic', at(3, 0), 'D(style patch)'),
    call('D_fake', 'critic', at(3, 1), 'D(generated patch)'),
    call('L_style', 'loss-net', at(3, 2), 'L(style)'),
    call('L_out', 'loss-net', at(3, 3), 'L(G)'),
    call('L_content', 'loss-net', at(3, 4), 'L(content)'),
    n('lossD_real', 'adversarial', { loss: 'lsgan', side: 'real' }, at(4, 0), 'D: artwork → 1'),
    n('lossD_fake', 'adversarial', { loss: 'lsgan', side: 'fake' }, at(4, 1), 'D: generated → 0'),
    n('lossG_gan', 'adversarial', { loss: 'lsgan', side: 'generator' }, at(4, 2), 'G: fool D'),
    n('style', 'gram-style', { layers: [], weights: [] }, at(4, 3), 'Style (Gram)'),
    n('content', 'content', { layer: 1 }, at(4, 4), 'Content (stage 2)'),
    n('lossD', 'weighted-sum', { count: 2, weights: [0.5, 0.5] }, at(5, 0.5), 'D loss'),
    n('lossG', 'weighted-sum', { count: 3, weights: [1, 1e5, 1] }, at(5, 3), 'G loss'),
    n('optD', 'adam', adam(2e-4, 0.5, ['critic'], 0), at(6, 0.5), 'Adam D'),
    n('optG', 'adam', adam(1e-3, 0.5, ['stylist'], 1), at(6, 3), 'Adam G'),
    n('chart', 'chart', { count: 3, smoothing: 0.6, title: 'D loss, style, content' }, at(6, 4), 'Losses'),
    note('note_data', 0, '### 1 · Images\nA fixed built-in **painting** is the style artwork; new built-in **scenes** every step are the content. Swap either for your own pictures.'),
    note('note_G', 1, '### 2 · Generator\n**G** takes *both* pictures: its first block stacks content and style along the channels, then a U-Net paints the result. Open it to see the two inputs.'),
    note('note_patches', 2, '### 3 · Patches\n**Random crop** cuts 32×32 patches from the artwork and from G’s output, so D learns what the painting’s brushwork looks like up close.'),
    note('note_D', 3, '### 4 · Critic and loss net\n**D** (a PatchGAN) scores patches: artwork or generated? Both D nodes share weights. The frozen **loss net** gives the features of the Gram style and content losses.', 'blue'),
    note('note_losses', 4.5, '### 5 · Losses\nG’s loss adds three goals: fool D on patches (×1), match the painting’s Gram statistics (×100000), keep the scene’s content (×1). D’s loss is the least-squares GAN loss on real and generated patches.'),
    note('note_opt', 6, '### 6 · Optimizers\nFirst Adam D updates the critic, then Adam G the generator. This is the method of the article Ganvas was founded on: adversarial plus perceptual losses.', 'green'),
  ];
  const edges = [
    ...[wire('content_images.out', 'G.content'), wire('style_image.out', 'G.style'), wire('style_image.out', 'crop_real.in'), wire('G.out', 'crop_fake.in')],
    ...[wire('G.out', 'preview.in'), wire('crop_real.out', 'D_real.image'), wire('crop_fake.out', 'D_fake.image')],
    ...[wire('style_image.out', 'L_style.in'), wire('G.out', 'L_out.in'), wire('content_images.out', 'L_content.in')],
    ...[wire('D_real.score', 'lossD_real.scores'), wire('D_fake.score', 'lossD_fake.scores'), wire('D_fake.score', 'lossG_gan.scores')],
    ...[wire('L_out.features', 'style.input'), wire('L_style.features', 'style.target'), wire('L_out.features', 'content.input'), wire('L_content.features', 'content.target')],
    ...[wire('lossD_real.loss', 'lossD.t1'), wire('lossD_fake.loss', 'lossD.t2')],
    ...[wire('lossG_gan.loss', 'lossG.t1'), wire('style.loss', 'lossG.t2'), wire('content.loss', 'lossG.t3')],
    ...[wire('lossD.loss', 'optD.loss'), wire('lossG.loss', 'optG.loss')],
    ...[wire('lossD.loss', 'chart.l1'), wire('style.loss', 'chart.l2'), wire('content.loss', 'chart.l3')],
  ];
  const { meta, settings } = metaAndSettings({
    title: 'The founding article’s method: content + style → artwork',
    description:
      'The method of the article Ganvas started from: a generator fed a content image (built-in scenes) and a style ' +
      'image (the built-in swirls), trained with an adversarial loss — a PatchGAN critic judging random patches of ' +
      'the style artwork against patches of the generated images — plus Gram style and content losses through a ' +
      'frozen random-filter feature extractor.',
    tags: ['style-transfer', 'gan', 'article'],
    scales: { full: { imageSize: 64, batchSize: 2, steps: 3000 }, gallery: { imageSize: 64, batchSize: 2, steps: 400 } },
    previewEvery: 50,
    streams: { style: 904, content: 905 },
  });
  return graph({ meta, networks, nodes, edges, settings });
}
