import { z } from 'zod';
import { image } from '../../shape';
import { valueRanges } from '../../types';
import { convParams, convTParams, defineTemplate, stage, TemplateBuilder, type Out } from '../template';

export const zResnetGeneratorParams = z.object({
  baseWidth: z.int().min(1).max(1024).default(16).describe('Channels of the first conv; each downsampling doubles them'),
  downsamplings: z.int().min(0).max(5).default(2).describe('Stride-2 convs before the residual blocks (and upsamplings after)'),
  blocks: z.int().min(0).max(32).default(3).describe('Residual blocks at the lowest resolution'),
  upsampling: z
    .enum(['nearest', 'transpose'])
    .default('nearest')
    .describe('Nearest resize then conv (no checkerboard artefacts), or a transposed conv'),
  norm: z.enum(['instance', 'batch', 'none']).default('instance').describe('Normalisation after every conv but the last'),
  padding: z
    .enum(['same', 'replicate'])
    .default('same')
    .describe("How every conv pads: with zeros ('same'), which frames small images in a dark border, or with copies of the border pixels ('replicate')"),
  outerKernel: z.int().min(1).max(15).default(9).describe('Kernel of the first and last convs (9 in Johnson et al., 7 in CycleGAN)'),
  outChannels: z.int().min(1).max(64).default(3).describe('Channels of the output image'),
  inputRange: z.enum(valueRanges).default('[0,1]').describe('Value range of the images the network takes'),
  output: z.enum(['linear', 'tanh']).default('linear').describe('Last activation: none, or tanh (which gives [-1,1])'),
  outputRange: z
    .enum(valueRanges)
    .default('[0,1]')
    .describe('The range a linear output is declared to have (it is not clamped); tanh always gives [-1,1]'),
  inChannels: z.int().min(1).max(64).default(3).describe('Channels of the input image'),
  std: z.number().gt(0).max(10).default(0.02).describe('Standard deviation of the initial kernels'),
});

export const resnetGenerator = defineTemplate({
  id: 'resnet-generator',
  label: 'ResNet generator',
  summary: 'The image transformer of fast style transfer and CycleGAN: downsample, residual blocks, upsample.',
  docs:
    'A wide first conv reads the image, stride-2 3×3 convs shrink it while doubling the channels, and a chain ' +
    'of residual blocks (h + N(conv(ReLU(N(conv(h)))))) transforms it at low resolution, where it is cheap. ' +
    'Upsampling stages bring it back to full size — a nearest resize followed by a conv avoids the checkerboard ' +
    'patterns of transposed convs — and a last wide conv gives the image. Every conv is followed by a norm and ' +
    'ReLU, except the last. This is Johnson et al.’s transformer net; with 9 blocks, 7×7 outer kernels, ' +
    'transposed upsampling and tanh it is the CycleGAN generator. Padding "replicate" pads every conv with ' +
    'copies of the border pixels rather than zeros (the reflection padding of those papers does the same job): ' +
    'on small images zero padding shows as a dark or coloured frame.',
  params: zResnetGeneratorParams,
  ports: 'in: image → out: image of the same size',
  build(p) {
    const b = new TemplateBuilder();
    const bias = p.norm === 'none';
    const conv = (filters: number, kernel: number, stride: number, withBias: boolean) => ({
      ...convParams(filters, kernel, stride, withBias, p.std),
      padding: p.padding,
    });
    b.column();
    let x: Out = b.input('input', 'in', 'image', p.inputRange);
    b.column();
    x = stage(b, 'c1', { in: x }, {
      type: 'conv2d',
      params: conv(p.baseWidth, p.outerKernel, 1, bias),
      norm: p.norm,
      act: 'relu',
      label: 'In conv',
    });
    for (let i = 1; i <= p.downsamplings; i++) {
      b.column();
      x = stage(b, `c${i + 1}`, { in: x }, {
        type: 'conv2d',
        params: conv(p.baseWidth * 2 ** i, 3, 2, bias),
        norm: p.norm,
        act: 'relu',
        label: `Down ${i}`,
      });
    }
    for (let i = 1; i <= p.blocks; i++) {
      // Residual blocks are single nodes: stack them two to a column to keep the chain short.
      if (i % 2 === 1) b.column();
      x = b.add(`r${i}`, 'residual', { kernel: 3, norm: p.norm, padding: p.padding, init: 'normal', std: p.std }, { in: x }, `Residual ${i}`);
    }
    for (let i = 1; i <= p.downsamplings; i++) {
      b.column();
      const width = p.baseWidth * 2 ** (p.downsamplings - i);
      const label = `Up ${i}`;
      if (p.upsampling === 'nearest') {
        const big = b.add(`up${i}-resize`, 'upsample', { factor: 2, mode: 'nearest' }, { in: x });
        x = stage(b, `up${i}`, { in: big }, { type: 'conv2d', params: conv(width, 3, 1, bias), norm: p.norm, act: 'relu', label });
      } else {
        x = stage(b, `up${i}`, { in: x }, { type: 'conv2d-transpose', params: convTParams(width, 3, 2, bias, p.std), norm: p.norm, act: 'relu', label });
      }
    }
    b.column();
    x = stage(b, 'out', { in: x }, {
      type: 'conv2d',
      params: conv(p.outChannels, p.outerKernel, 1, true),
      act: p.output === 'tanh' ? 'tanh' : 'none',
      label: 'Out conv',
    });
    b.column();
    b.output('output', 'out', x, 'image', p.output === 'tanh' ? '[-1,1]' : p.outputRange);
    return b.graph();
  },
  nominalInputs: (p, s) => ({ in: image([s.batchSize, s.imageSize, s.imageSize, p.inChannels], p.inputRange) }),
});
