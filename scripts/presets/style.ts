/**
 * The style presets: Gatys (optimise pixels), Johnson (train a transformer), style blending
 * (weighted Gram losses of two paintings) and the founding article's method (a generator fed
 * content and style, with a patch discriminator on the style artwork plus Gram and content
 * losses). All work in [0,1] through a frozen random-features loss network.
 */
import { graph, wire } from '../../src/graph/build';
import type { GraphDoc, NetworkDef } from '../../src/graph/schema';
import { adam, at, call, metaAndSettings, n, net, note, source } from './kit';

const lossNet = (seed: number): NetworkDef =>
  net('random-features', 'loss-net', seed, 'Loss net (random features)', { widths: [32, 64, 128], inChannels: 3, inputRange: '[0,1]' });

const painting = (id: string, style: string, row: number, label: string, stream: string) =>
  n(id, 'painting', { style, size: 0, detail: 1, range: '[0,1]', fixed: true, ...source(1, stream, 0) }, at(0, row), label);

const lossNetNote = (col: number) =>
  note('note_lossnet', col, '### Loss network\nA frozen net of **random filters** turns each image into feature maps. Which features occur together (their Gram matrices) describes a *style*; the maps themselves describe *content*. All its call sites share one set of weights, and no optimizer trains it.', 'blue');

export function neuralStyle(): GraphDoc {
  const nodes = [
    painting('style_image', 'swirls', 0, 'Style: swirls', 'style'),
    n('content_image', 'scene', { scene: 'landscape', size: 0, range: '[0,1]', fixed: true, ...source(1, 'content', 0) }, at(0, 2), 'Content: landscape'),
    n('canvas', 'trainable-image', { size: 0, channels: 3, range: '[0,1]', init: 'input' }, at(1, 1.5), 'Canvas (trained pixels)'),
    call('L_style', 'loss-net', at(2, 0), 'L(style)'),
    call('L_canvas', 'loss-net', at(2, 1), 'L(canvas)'),
    call('L_content', 'loss-net', at(2, 2), 'L(content)'),
    n('preview', 'preview', { every: 0, count: 1, columns: 0 }, at(2, 3), 'Canvas'),
    n('style', 'gram-style', { layers: [], weights: [] }, at(3, 0), 'Style (Gram, all stages)'),
    n('content', 'content', { layer: 1 }, at(3, 1), 'Content (stage 2)'),
    n('tv', 'tv', {}, at(3, 2), 'Total variation'),
    n('total', 'weighted-sum', { count: 3, weights: [1e5, 1, 0.1] }, at(4, 1), 'Total loss'),
    n('opt', 'adam', adam(0.02, 0.9, [], 0, ['canvas']), at(5, 1), 'Adam (pixels)'),
    n('chart', 'chart', { count: 2, smoothing: 0.3, title: 'Style and content losses' }, at(5, 2), 'Losses'),
    note('note_data', 0, '### 1 · Images\nA built-in **painting** gives the style and a built-in **scene** the content. Both are fixed: drawn once and kept. Swap either for your own picture with an Image set node.'),
    note('note_canvas', 1, '### 2 · Canvas\nNo network is trained here: the **canvas pixels themselves** are the weights. They start as a copy of the content picture, and every step nudges them to lower the total loss.'),
    lossNetNote(2),
    note('note_losses', 3.5, '### 3 · Losses\n**Style** compares the Gram matrices of the canvas and the painting at every stage; **content** compares stage-2 maps of canvas and scene; **total variation** smooths speckle. The weights (×100000, ×1, ×0.1) set the balance: raise the first for more paint.'),
    note('note_opt', 5, '### 4 · Optimizer\nAdam updates only the canvas (“trains: images”). Press **Train** and watch the canvas take on the swirls while keeping the hills. This is Gatys et al.’s neural style, with random features in place of VGG.', 'green'),
  ];
  const edges = [
    ...[wire('content_image.out', 'canvas.init'), wire('style_image.out', 'L_style.in'), wire('canvas.out', 'L_canvas.in'), wire('content_image.out', 'L_content.in')],
    ...[wire('canvas.out', 'preview.in'), wire('L_canvas.features', 'style.input'), wire('L_style.features', 'style.target')],
    ...[wire('L_canvas.features', 'content.input'), wire('L_content.features', 'content.target'), wire('canvas.out', 'tv.in')],
    ...[wire('style.loss', 'total.t1'), wire('content.loss', 'total.t2'), wire('tv.loss', 'total.t3'), wire('total.loss', 'opt.loss')],
    ...[wire('style.loss', 'chart.l1'), wire('content.loss', 'chart.l2')],
  ];
  const { meta, settings } = metaAndSettings({
    title: 'Neural style (Gatys): optimise a picture’s pixels',
    description:
      'Gatys et al.’s neural style transfer: the pixels of one image are optimised so that its Gram statistics match ' +
      'a painting’s (the built-in swirls) while its features keep a scene’s content (a built-in landscape), through a ' +
      'frozen random-filter feature extractor, with a little total variation.',
    tags: ['style-transfer', 'gatys', 'neural-style'],
    scales: { full: { imageSize: 128, batchSize: 1, steps: 500 }, gallery: { imageSize: 128, batchSize: 1, steps: 200 } },
    previewEvery: 25,
    streams: { style: 701, content: 702 },
  });
  return graph({ meta, networks: [lossNet(703)], nodes, edges, settings });
}

export function fastStyle(): GraphDoc {
  const networks = [
    net('resnet-generator', 'transformer', 711, 'Transformer (Johnson)', {
      ...{ baseWidth: 16, downsamplings: 2, blocks: 3, upsampling: 'nearest', norm: 'instance', padding: 'replicate', outerKernel: 5 },
      ...{ inChannels: 3, outChannels: 3, inputRange: '[0,1]', output: 'tanh', outputRange: '[-1,1]', std: 0.02 },
    }),
    lossNet(712),
  ];
  const scene = (id: string, split: 'train' | 'held-out', batch: number, fixed: boolean, row: number, label: string, stream: string) =>
    n(id, 'scene', { scene: 'mixed', size: 0, range: '[0,1]', fixed, ...source(batch, stream, 0, split) }, at(0, row), label);
  const nodes = [
    painting('style_image', 'woodcut', 0, 'Style: woodcut waves', 'style'),
    scene('content_images', 'train', 0, false, 2, 'Content scenes x', 'content'),
    scene('test_images', 'held-out', 2, true, 3.5, 'Held-out scenes', 'held-out'),
    call('T', 'transformer', at(1, 2), 'T(x)'),
    call('T_test', 'transformer', at(1, 3.5), 'T(held-out)'),
    n('T01', 'rescale', { to: '[0,1]' }, at(1, 2.75), 'T(x) to [0,1]'),
    n('T_test01', 'rescale', { to: '[0,1]' }, at(1, 4.25), 'T(held-out) to [0,1]'),
    call('L_style', 'loss-net', at(2, 0), 'L(style)'),
    call('L_out', 'loss-net', at(2, 1), 'L(T(x))'),
    call('L_content', 'loss-net', at(2, 2), 'L(x)'),
    n('preview', 'preview', { every: 0, count: 2, columns: 0 }, at(2, 3), 'Stylised (training)'),
    n('preview_test', 'preview', { every: 0, count: 2, columns: 0 }, at(2, 4), 'Stylised (held-out)'),
    n('style', 'gram-style', { layers: [], weights: [] }, at(3, 0), 'Style (Gram, all stages)'),
    n('content', 'content', { layer: 1 }, at(3, 1), 'Content (stage 2)'),
    n('tv', 'tv', {}, at(3, 2), 'Total variation'),
    n('total', 'weighted-sum', { count: 3, weights: [1e5, 1, 0.1] }, at(4, 1), 'Total loss'),
    n('optT', 'adam', adam(1e-3, 0.9, ['transformer'], 0), at(5, 1), 'Adam T'),
    n('chart', 'chart', { count: 2, smoothing: 0.6, title: 'Style and content losses' }, at(5, 2), 'Losses'),
    note('note_data', 0, '### 1 · Images\nOne fixed built-in **painting** (woodcut waves) is the style. New built-in **scenes** every step are the content the network learns to repaint; the held-out scenes are never trained on.'),
    note('note_T', 1, '### 2 · Transformer\n**T** is Johnson et al.’s image transformer: downsampling convs, residual blocks, upsampling, and a tanh output that **Rescale** maps to [0,1], so its pictures cannot leave the range the loss net reads. Every conv pads with copies of the border pixels, not zeros (the paper pads by reflection), or each picture comes out framed; its outer kernels are 5×5 (9×9 in the paper, at 256 pixels). Once trained it stylises *any* picture in one pass — see **T(held-out)**, the same network on new scenes.'),
    lossNetNote(2),
    note('note_losses', 3.5, '### 3 · Losses\n**Style**: T(x)’s Gram matrices against the painting’s, at every stage. **Content**: T(x)’s stage-2 maps against x’s. **Total variation** smooths speckle. Weighted ×100000, ×1, ×0.1.'),
    note('note_opt', 5, '### 4 · Optimizer\nAdam trains T alone; the loss net stays frozen. Unlike Gatys, which paints one picture slowly, this pays once in training and then styles every new picture instantly.', 'green'),
  ];
  const edges = [
    ...[wire('content_images.out', 'T.in'), wire('test_images.out', 'T_test.in'), wire('T.out', 'T01.in'), wire('T_test.out', 'T_test01.in'), wire('T01.out', 'preview.in'), wire('T_test01.out', 'preview_test.in')],
    ...[wire('style_image.out', 'L_style.in'), wire('T01.out', 'L_out.in'), wire('content_images.out', 'L_content.in')],
    ...[wire('L_out.features', 'style.input'), wire('L_style.features', 'style.target')],
    ...[wire('L_out.features', 'content.input'), wire('L_content.features', 'content.target'), wire('T01.out', 'tv.in')],
    ...[wire('style.loss', 'total.t1'), wire('content.loss', 'total.t2'), wire('tv.loss', 'total.t3'), wire('total.loss', 'optT.loss')],
    ...[wire('style.loss', 'chart.l1'), wire('content.loss', 'chart.l2')],
  ];
  const { meta, settings } = metaAndSettings({
    title: 'Fast style transfer (Johnson): train a stylising network',
    description:
      'Johnson et al.’s fast style transfer: a feed-forward transformer network is trained to repaint built-in scenes ' +
      'in the style of one painting (the built-in woodcut waves), with Gram style, content and total-variation losses ' +
      'through a frozen random-filter feature extractor; afterwards it stylises any picture in one pass, shown on ' +
      'held-out scenes.',
    tags: ['style-transfer', 'johnson', 'fast-style'],
    scales: { full: { imageSize: 128, batchSize: 2, steps: 2000 }, gallery: { imageSize: 64, batchSize: 2, steps: 400 } },
    previewEvery: 50,
    streams: { style: 713, content: 714, 'held-out': 715 },
  });
  return graph({ meta, networks, nodes, edges, settings });
}
