import { z } from 'zod';
import { vector } from '../../shape';
import { convParams, defineTemplate, stage, TemplateBuilder, type Out } from '../template';

export const zSpatialGeneratorParams = z.object({
  grid: z.int().min(1).max(64).default(4).describe('Height and width of the noise grid: the canvas is this many cells of independent noise across'),
  noiseChannels: z.int().min(1).max(256).default(16).describe('Noise values per grid cell; z holds grid × grid × this many'),
  doublings: z.int().min(0).max(6).default(3).describe('Nearest ×2 upsamplings, each followed by a conv: the image is grid × 2^doublings across'),
  baseWidth: z.int().min(1).max(1024).default(32).describe('Channels of the last hidden stage; earlier stages double them'),
  kernel: z.int().min(1).max(9).default(3).describe('Kernel of every conv'),
  padding: z
    .enum(['same', 'valid'])
    .default('same')
    .describe("'same': every conv keeps the size, padding with zeros (a frame at the border); 'valid': no padding, each conv trims kernel − 1 pixels, and the border is like the middle"),
  norm: z.enum(['batch', 'instance', 'none']).default('batch').describe('Normalisation after every conv but the last'),
  channels: z.int().min(1).max(64).default(3).describe('Channels of the output image (1: grey, 3: colour)'),
  std: z.number().gt(0).max(10).default(0.02).describe('Standard deviation of the initial kernels'),
});

/** Length of the noise vector the generator takes: one grid of noise, row-major [grid, grid, noiseChannels]. */
export const spatialLatent = (p: { grid: number; noiseChannels: number }) => p.grid * p.grid * p.noiseChannels;

type SizeParams = Pick<z.infer<typeof zSpatialGeneratorParams>, 'grid' | 'doublings' | 'kernel' | 'padding'>;

/**
 * Height and width of the image: grid × 2^doublings with 'same' padding; with 'valid', every conv
 * trims kernel − 1 (the first, each stage's after its ×2, and the last).
 */
export function spatialImageSize(p: SizeParams): number {
  const trim = p.padding === 'valid' ? p.kernel - 1 : 0;
  let size = p.grid - trim;
  for (let i = 0; i < p.doublings; i++) size = 2 * size - trim;
  return size - trim;
}

export const spatialGenerator = defineTemplate({
  id: 'spatial-generator',
  label: 'Spatial generator',
  summary: 'Turns a grid of noise into an image with convolutions only, so every region of it is drawn from its own noise.',
  docs:
    'The generator of Spatial GAN (Jetchev et al., 2016), for textures and single-image GANs. z is read as a ' +
    'small grid of noise (row-major, grid × grid × noise channels) instead of one code for the whole image: ' +
    'there is no dense layer, only convolutions, so each cell of the grid steers its own region of the image and ' +
    'neighbouring cells blend where their receptive fields meet. With "valid" padding no conv pads with zeros, so ' +
    'the image has no frame and its border is drawn like its middle (as in the paper); each conv then trims ' +
    'kernel − 1 pixels, so a 32×32 image from three doublings and 3×3 kernels takes an 8×8 grid rather than 4×4. ' +
    'A first conv widens the grid, then each stage ' +
    'upsamples ×2 by nearest resize and convolves (no checkerboard artefacts), halving the channels, with a norm ' +
    'and ReLU after every conv; the last conv gives the image through tanh, in [-1,1]. Different noise makes a ' +
    'different arrangement of the same local texture, which keeps a patch-judging GAN from painting one canvas ' +
    'whatever the noise.',
  params: zSpatialGeneratorParams,
  ports: "z: vector (grid × grid × noise channels) → out: image in [-1,1], grid × 2^doublings across ('same' padding)",
  build(p) {
    const b = new TemplateBuilder();
    const { norm } = p;
    const bias = norm === 'none';
    const width = (i: number) => p.baseWidth * 2 ** (p.doublings - i);
    const conv = (filters: number, withBias: boolean) => ({ ...convParams(filters, p.kernel, 1, withBias, p.std), padding: p.padding });
    b.column();
    let x: Out = b.input('input', 'z', 'vector');
    b.column();
    x = b.add('grid', 'reshape', { shape: [p.grid, p.grid, p.noiseChannels] }, { in: x }, 'Noise grid');
    b.column();
    x = stage(b, 'c0', { in: x }, { type: 'conv2d', params: conv(width(0), bias), norm, act: 'relu', label: 'Widen' });
    for (let i = 1; i <= p.doublings; i++) {
      b.column();
      const big = b.add(`up${i}-resize`, 'upsample', { factor: 2, mode: 'nearest' }, { in: x });
      x = stage(b, `up${i}`, { in: big }, { type: 'conv2d', params: conv(width(i), bias), norm, act: 'relu', label: `Up ${i}` });
    }
    b.column();
    x = stage(b, 'out', { in: x }, { type: 'conv2d', params: conv(p.channels, true), act: 'tanh', label: 'To image' });
    b.column();
    b.output('output', 'out', x, 'image', '[-1,1]');
    return b.graph();
  },
  nominalInputs: (p, s) => ({ z: vector([s.batchSize, spatialLatent(p)]) }),
});
