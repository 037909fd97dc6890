import { z } from 'zod';
import { image } from '../../shape';
import { valueRanges, type Signal } from '../../types';
import { convParams, defineTemplate, stage, TemplateBuilder, type Out } from '../template';

export const zPatchganParams = z.object({
  conditional: z.boolean().default(true).describe('Judge (condition, image) pairs, as pix2pix does, or images alone'),
  baseWidth: z.int().min(1).max(1024).default(32).describe('Channels of the first conv; each later conv doubles them'),
  maxWidth: z.int().min(1).max(4096).default(512).describe('Channels stop doubling at this width'),
  layers: z.int().min(1).max(8).default(3).describe('Stride-2 convs: each one widens the patch every score sees'),
  norm: z.enum(['instance', 'batch', 'none']).default('instance').describe('Normalisation after every conv but the first and last'),
  channels: z.int().min(1).max(64).default(3).describe('Channels of each input image'),
  inputRange: z.enum(valueRanges).default('[-1,1]').describe('Value range of the images it takes'),
  std: z.number().gt(0).max(10).default(0.02).describe('Standard deviation of the initial kernels'),
});

export const patchgan = defineTemplate({
  id: 'patchgan',
  label: 'PatchGAN',
  summary: 'A discriminator that scores every patch of an image rather than the whole.',
  docs:
    'The pix2pix discriminator. Conditional, it concatenates the condition and the image along the channels — ' +
    'condition first — so it judges whether the image fits its input, not only whether it looks real. 4×4 ' +
    'stride-2 convs with LeakyReLU(0.2) (and a norm after all but the first) shrink the map, and a last 4×4 ' +
    'stride-1 conv gives one raw score per patch: a map of scores instead of a single number, which keeps ' +
    'textures sharp.',
  params: zPatchganParams,
  ports: 'condition: image, image: image → score: tensor (one score per patch)',
  build(p) {
    const b = new TemplateBuilder();
    const bias = p.norm === 'none';
    b.column();
    let x: Out;
    if (p.conditional) {
      const cond = b.input('input-condition', 'condition', 'image', p.inputRange);
      const img = b.input('input-image', 'image', 'image', p.inputRange);
      b.column();
      x = b.add('pair', 'concat', { count: 2 }, { in1: cond, in2: img });
    } else x = b.input('input-image', 'image', 'image', p.inputRange);
    for (let i = 1; i <= p.layers; i++) {
      b.column();
      const norm = i === 1 ? 'none' : p.norm;
      x = stage(b, `c${i}`, { in: x }, {
        type: 'conv2d',
        params: convParams(Math.min(p.baseWidth * 2 ** (i - 1), p.maxWidth), 4, 2, i === 1 || bias, p.std),
        norm,
        act: 'leaky-relu',
        label: `Down ${i}`,
      });
    }
    b.column();
    x = stage(b, `c${p.layers + 1}`, { in: x }, { type: 'conv2d', params: convParams(1, 4, 1, true, p.std), label: 'Scores' });
    b.column();
    b.output('output', 'score', x, 'tensor');
    return b.graph();
  },
  nominalInputs(p, s): Record<string, Signal> {
    const img = image([s.batchSize, s.imageSize, s.imageSize, p.channels], p.inputRange);
    return p.conditional ? { condition: img, image: img } : { image: img };
  },
});
