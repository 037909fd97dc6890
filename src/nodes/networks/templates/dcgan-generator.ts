import { z } from 'zod';
import { vector } from '../../shape';
import { convTParams, defineTemplate, normBlock, stage, TemplateBuilder, type Out } from '../template';

export const zDcganGeneratorParams = z.object({
  latent: z.int().min(1).max(4096).default(64).describe('Length of the noise vector z'),
  baseWidth: z.int().min(1).max(1024).default(64).describe('Channels of the last hidden stage; earlier stages double them'),
  imageSize: z.literal([28, 32, 64]).default(28).describe('Output height and width: 28 grows from 7×7, 32 and 64 from 4×4'),
  channels: z.int().min(1).max(64).default(1).describe('Channels of the output image (1: grey, 3: colour)'),
  std: z.number().gt(0).max(10).default(0.02).describe('Standard deviation of the initial kernels'),
});

/** The spatial size the generator starts from and how many times it doubles. */
export function dcganPlan(imageSize: 28 | 32 | 64): { start: number; doublings: number } {
  if (imageSize === 28) return { start: 7, doublings: 2 };
  return { start: 4, doublings: imageSize === 32 ? 3 : 4 };
}

export const dcganGenerator = defineTemplate({
  id: 'dcgan-generator',
  label: 'DCGAN generator',
  summary: 'Turns a noise vector into an image: a dense layer, then transposed convs that double the size.',
  docs:
    'A dense layer maps z to a small, wide feature map (7×7 for 28-pixel images, 4×4 otherwise), reshaped in ' +
    'NHWC order. Each 5×5 stride-2 transposed conv doubles its size and halves its channels, with batch norm and ' +
    'ReLU between them; the last gives the image through tanh, in [-1,1]. Layers followed by batch norm have no ' +
    'bias, since the norm would cancel it.',
  params: zDcganGeneratorParams,
  ports: 'z: vector → out: image in [-1,1]',
  build(p) {
    const b = new TemplateBuilder();
    const { start, doublings } = dcganPlan(p.imageSize);
    const width0 = p.baseWidth * 2 ** (doublings - 1);
    const bn = normBlock('batch')!;
    b.column();
    let x: Out = b.input('input', 'z', 'vector');
    b.column();
    x = b.add('fc', 'dense', { units: start * start * width0, bias: false, init: 'normal', std: p.std }, { in: x }, 'Project');
    x = b.add('fc-reshape', 'reshape', { shape: [start, start, width0] }, { in: x });
    x = b.add('fc-norm', bn.type, bn.params, { in: x });
    x = b.add('fc-act', 'activation', { fn: 'relu', slope: 0.2 }, { in: x });
    for (let i = 1; i <= doublings; i++) {
      b.column();
      const last = i === doublings;
      x = stage(b, `t${i}`, { in: x }, {
        type: 'conv2d-transpose',
        params: convTParams(last ? p.channels : p.baseWidth * 2 ** (doublings - 1 - i), 5, 2, last, p.std),
        norm: last ? 'none' : 'batch',
        act: last ? 'tanh' : 'relu',
        label: last ? 'To image' : `Up ${i}`,
      });
    }
    b.column();
    b.output('output', 'out', x, 'image', '[-1,1]');
    return b.graph();
  },
  nominalInputs: (p, s) => ({ z: vector([s.batchSize, p.latent]) }),
});
