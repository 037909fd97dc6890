import { z } from 'zod';
import { image } from '../../shape';
import { valueRanges } from '../../types';
import { convParams, convTParams, defineTemplate, stage, TemplateBuilder, type Out } from '../template';

export const zUnetParams = z.object({
  depth: z.int().min(1).max(8).default(4).describe('Downsamplings: the image must divide by 2^depth'),
  baseWidth: z.int().min(1).max(1024).default(32).describe('Channels of the first encoder stage; each stage doubles them'),
  maxWidth: z.int().min(1).max(4096).default(128).describe('Channels stop doubling at this width'),
  norm: z.enum(['instance', 'batch', 'none']).default('instance').describe('Normalisation after every conv but the first and last'),
  inChannels: z.int().min(1).max(64).default(3).describe('Channels of the input image'),
  outChannels: z.int().min(1).max(64).default(3).describe('Channels of the output image'),
  inputRange: z.enum(valueRanges).default('[-1,1]').describe('Value range of the images the network takes'),
  outputRange: z.enum(['[-1,1]', '[0,1]']).default('[-1,1]').describe('Output range: tanh gives [-1,1], sigmoid [0,1]'),
  std: z.number().gt(0).max(10).default(0.02).describe('Standard deviation of the initial kernels'),
});

export const unet = defineTemplate({
  id: 'unet',
  label: 'U-Net',
  summary: 'The pix2pix generator: an encoder–decoder whose skip connections carry detail across.',
  docs:
    'The encoder halves the image with 4×4 stride-2 convolutions, depth times, each followed by LeakyReLU(0.2) ' +
    '(and a norm, except the first). The decoder doubles it back with transposed convolutions, each followed by ' +
    'a norm and ReLU, and concatenates the encoder map of the same size after it — [decoder, skip] — so fine ' +
    'detail skips the bottleneck. The last transposed conv gives the output image through tanh (or sigmoid). ' +
    'The image height and width must divide by 2^depth.',
  params: zUnetParams,
  ports: 'in: image → out: image of the same size',
  build(p) {
    const b = new TemplateBuilder();
    const widths = Array.from({ length: p.depth }, (_, i) => Math.min(p.baseWidth * 2 ** i, p.maxWidth));
    const bias = p.norm === 'none';
    b.column();
    let x: Out = b.input('input', 'in', 'image', p.inputRange);
    const skips: Out[] = [];
    for (let i = 1; i <= p.depth; i++) {
      b.column(i - 1);
      x = stage(b, `d${i}`, { in: x }, {
        type: 'conv2d',
        params: convParams(widths[i - 1]!, 4, 2, i === 1 || bias, p.std),
        norm: i === 1 ? 'none' : p.norm,
        act: 'leaky-relu',
        label: `Down ${i}`,
      });
      skips.push(x);
    }
    for (let j = 1; j < p.depth; j++) {
      const level = p.depth - j;
      b.column(level - 1);
      const up = stage(b, `u${j}`, { in: x }, {
        type: 'conv2d-transpose',
        params: convTParams(widths[level - 1]!, 4, 2, bias, p.std),
        norm: p.norm,
        act: 'relu',
        label: `Up ${j}`,
      });
      x = b.add(`u${j}-cat`, 'concat', { count: 2 }, { in1: up, in2: skips[level - 1]! });
    }
    b.column();
    x = stage(b, 'out', { in: x }, {
      type: 'conv2d-transpose',
      params: convTParams(p.outChannels, 4, 2, true, p.std),
      act: p.outputRange === '[-1,1]' ? 'tanh' : 'sigmoid',
      label: 'Out',
    });
    b.column();
    b.output('output', 'out', x, 'image', p.outputRange);
    return b.graph();
  },
  nominalInputs: (p, s) => ({ in: image([s.batchSize, s.imageSize, s.imageSize, p.inChannels], p.inputRange) }),
});
