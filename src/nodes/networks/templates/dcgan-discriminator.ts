import { z } from 'zod';
import { image } from '../../shape';
import { valueRanges } from '../../types';
import { convParams, defineTemplate, stage, TemplateBuilder, type Out } from '../template';
import { dcganPlan } from './dcgan-generator';

export const zDcganDiscriminatorParams = z.object({
  baseWidth: z.int().min(1).max(1024).default(64).describe('Channels of the first conv; each later conv doubles them'),
  imageSize: z.literal([28, 32, 64]).default(28).describe('Height and width of the images it judges'),
  channels: z.int().min(1).max(64).default(1).describe('Channels of the images it judges'),
  norm: z.enum(['none', 'batch']).default('none').describe('Normalisation after every conv but the first'),
  inputRange: z.enum(valueRanges).default('[-1,1]').describe('Value range of the images it takes'),
  std: z.number().gt(0).max(10).default(0.02).describe('Standard deviation of the initial kernels'),
});

export const dcganDiscriminator = defineTemplate({
  id: 'dcgan-discriminator',
  label: 'DCGAN discriminator',
  summary: 'Scores how real an image looks: strided convs, then one dense logit.',
  docs:
    'Each 5×5 stride-2 conv halves the image and doubles the channels, followed by LeakyReLU(0.2), down to 7×7 ' +
    '(28-pixel images) or 4×4. The map is flattened in NHWC order and a dense layer gives one raw score per ' +
    'image — a logit, to be used with a "with logits" adversarial loss.',
  params: zDcganDiscriminatorParams,
  ports: 'image: image → score: vector (one logit per image)',
  build(p) {
    const b = new TemplateBuilder();
    const { doublings } = dcganPlan(p.imageSize);
    b.column();
    let x: Out = b.input('input', 'image', 'image', p.inputRange);
    for (let i = 1; i <= doublings; i++) {
      b.column();
      const norm = i === 1 ? 'none' : p.norm;
      x = stage(b, `c${i}`, { in: x }, {
        type: 'conv2d',
        params: convParams(p.baseWidth * 2 ** (i - 1), 5, 2, norm === 'none', p.std),
        norm,
        act: 'leaky-relu',
        label: `Down ${i}`,
      });
    }
    b.column();
    x = b.add('flatten', 'flatten', {}, { in: x });
    x = b.add('fc', 'dense', { units: 1, bias: true, init: 'normal', std: p.std }, { in: x }, 'Score');
    b.column();
    b.output('output', 'score', x, 'vector');
    return b.graph();
  },
  nominalInputs: (p, s) => ({ image: image([s.batchSize, p.imageSize, p.imageSize, p.channels], p.inputRange) }),
});
