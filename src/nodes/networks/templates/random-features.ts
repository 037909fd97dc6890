import { z } from 'zod';
import { image } from '../../shape';
import { valueRanges } from '../../types';
import { defineTemplate, stage, TemplateBuilder, type Out } from '../template';

export const zRandomFeaturesParams = z.object({
  widths: z
    .array(z.int().min(1).max(1024))
    .min(1)
    .max(8)
    .default([32, 64, 128])
    .describe('Channels of each stage; each stage after the first works at half the size'),
  inChannels: z.int().min(1).max(64).default(3).describe('Channels of the input image'),
  inputRange: z.enum(valueRanges).default('[0,1]').describe('Value range of the images it takes (used as they are)'),
});

export const randomFeatures = defineTemplate({
  id: 'random-features',
  label: 'Random feature extractor',
  summary: 'A fixed network of random filters whose feature maps drive style and content losses offline.',
  docs:
    'Each stage is a 3×3 conv with bias and ReLU; between stages a 2×2 average pool halves the size. The ' +
    'filters are random (Kaiming-uniform, from the network’s seed) and never trained: random convolutional ' +
    'features capture textures well enough for Gram-matrix style losses, with nothing to download. The ' +
    'output lists the map after every stage, f1 first. Replace it with a pretrained extractor for closer ' +
    'results to the published methods.',
  params: zRandomFeaturesParams,
  frozen: true,
  ports: 'in: image → features: one feature map per stage',
  build(p) {
    const b = new TemplateBuilder();
    b.column();
    let x: Out = b.input('input', 'in', 'image', p.inputRange);
    const maps: Out[] = [];
    p.widths.forEach((filters, i) => {
      b.column();
      if (i > 0) x = b.add(`p${i}`, 'avg-pool', { size: 2, stride: 0, padding: 'valid' }, { in: x });
      x = stage(b, `c${i + 1}`, { in: x }, {
        type: 'conv2d',
        params: { filters, kernel: 3, stride: 1, padding: 'same', bias: true, init: 'kaiming-uniform', std: 0.02 },
        act: 'relu',
        label: `Stage ${i + 1}`,
      });
      maps.push(x);
    });
    b.column();
    const list = b.add('features', 'feature-list', { count: maps.length }, Object.fromEntries(maps.map((m, i) => [`f${i + 1}`, m])));
    b.column();
    b.output('output', 'features', list, 'features');
    return b.graph();
  },
  nominalInputs: (p, s) => ({ in: image([s.batchSize, s.imageSize, s.imageSize, p.inChannels], p.inputRange) }),
});
