/**
 * WORKLOADS.md transcribed for tests/templates.test.ts: the reference networks' inputs,
 * outputs, parameter counts, layer tables (one entry per node, in topological order) and
 * the appendix's kernel fingerprints, in fill order.
 */
import type { GraphSettingsView, Signal } from '../src/nodes/types';

export type Print = { shape: number[]; first3: number[]; sum: number; sumsq: number; wsum: number };
const fp = (shape: number[], first3: number[], sum: number, sumsq: number, wsum: number): Print => ({ shape, first3, sum, sumsq, wsum });

export interface Workload {
  name: string;
  template: string;
  seed: number;
  settings: GraphSettingsView;
  inputs: Record<string, Signal>;
  params: number;
  frozen?: boolean;
  outputs: Record<string, Signal>;
  /** Kernel blocks in fill order, then their fingerprints (WORKLOADS.md appendix). */
  kernels: [string, Print][];
  /** Every node in topological order (WORKLOADS.md layer tables); see `layers()`. */
  layers: string[];
}

export const img = (shape: number[], range: Signal['range']): Signal => ({ type: 'image', shape, range });
export const set = (batchSize: number, imageSize: number): GraphSettingsView => ({ batchSize, imageSize, seed: 1 });
const stage3 = (conv: string, norm: string | null, act: string) => (norm ? [conv, norm, act] : [conv, act]);

export const workloads: Workload[] = [
  {
    name: 'A pix2pix U-Net G',
    template: 'unet',
    seed: 101,
    settings: set(1, 64),
    inputs: { in: img([1, 64, 64, 3], '[-1,1]') },
    params: 1_021_539,
    outputs: { out: img([1, 64, 64, 3], '[-1,1]') },
    kernels: [
      ['d1', fp([4, 4, 3, 32], [0.00100290333, -0.0155337853, -0.00686078751], -1.38081335, 0.602923564, -58.099454)],
      ['d2', fp([4, 4, 32, 64], [-0.0370638333, 0.00952951703, -0.00927530229], 4.27031083, 13.0217234, 333.97237)],
      ['d3', fp([4, 4, 64, 128], [-0.0313116871, 0.0114199333, -0.00311637879], 5.58145328, 52.4489747, 245.165805)],
      ['d4', fp([4, 4, 128, 128], [0.0251426101, 0.0233357344, -0.0187937114], 0.988300964, 104.850724, 652.694583)],
      ['u1', fp([4, 4, 128, 128], [-0.0139007531, -0.000930176233, 0.00381124788], 4.47798561, 104.300272, 459.954059)],
      ['u2', fp([4, 4, 64, 256], [0.0097406283, 0.00438076677, 0.0281887501], 4.72577008, 105.023722, 633.299293)],
      ['u3', fp([4, 4, 32, 128], [-0.00862461049, -0.00754971849, -0.00467595411], -0.996808904, 26.304654, 78.6338513)],
      ['out', fp([4, 4, 3, 64], [-0.0100313984, -0.0143544646, -0.00274788565], -0.719540774, 1.14666179, -44.4930426)],
    ],
    layers: [
      ...stage3('conv4/2+b 32x32x32', null, 'lrelu'),
      ...stage3('conv4/2 16x16x64', 'IN', 'lrelu'),
      ...stage3('conv4/2 8x8x128', 'IN', 'lrelu'),
      ...stage3('conv4/2 4x4x128', 'IN', 'lrelu'),
      ...stage3('convT4/2 8x8x128', 'IN', 'relu'),
      'concat(u1-act,d3-act) 8x8x256',
      ...stage3('convT4/2 16x16x64', 'IN', 'relu'),
      'concat(u2-act,d2-act) 16x16x128',
      ...stage3('convT4/2 32x32x32', 'IN', 'relu'),
      'concat(u3-act,d1-act) 32x32x64',
      ...stage3('convT4/2+b 64x64x3', null, 'tanh'),
    ],
  },
  {
    name: 'A PatchGAN D',
    template: 'patchgan',
    seed: 102,
    settings: set(1, 64),
    inputs: { condition: img([1, 64, 64, 3], '[-1,1]'), image: img([1, 64, 64, 3], '[-1,1]') },
    params: 169_377,
    outputs: { score: { type: 'tensor', shape: [1, 8, 8, 1] } },
    kernels: [
      ['c1', fp([4, 4, 6, 32], [-0.0293724034, 0.0334714912, -0.0116539989], 2.47516263, 1.15711422, 134.459177)],
      ['c2', fp([4, 4, 32, 64], [-0.0315961353, 0.00919217244, -0.0464195311], 1.78674001, 13.0160818, 169.430204)],
      ['c3', fp([4, 4, 64, 128], [0.00290459837, -0.0333105624, -0.00634959852], 6.427987, 52.5139302, 114.039184)],
      ['c4', fp([4, 4, 128, 1], [0.0407035314, 0.0346544869, 0.0175219793], 1.08641284, 0.841619795, 20.5338522)],
    ],
    layers: [
      'concat(input-condition,input-image) 64x64x6',
      ...stage3('conv4/2+b 32x32x32', null, 'lrelu'),
      ...stage3('conv4/2 16x16x64', 'IN', 'lrelu'),
      ...stage3('conv4/2 8x8x128', 'IN', 'lrelu'),
      'conv4/1+b 8x8x1',
    ],
  },
  {
    name: 'B transformer T',
    template: 'resnet-generator',
    seed: 201,
    settings: set(2, 128),
    inputs: { in: img([2, 128, 128, 3], '[0,1]') },
    params: 276_131,
    outputs: { out: img([2, 128, 128, 3], '[0,1]') },
    kernels: [
      ['c1', fp([9, 9, 3, 16], [-0.0195803754, 0.0106503842, 0.00335210469], -1.0414875, 1.57090905, -100.89098)],
      ['c2', fp([3, 3, 16, 32], [0.0283435564, -0.0304612629, 0.0151068727], 0.85143673, 1.83701543, 9.65957825)],
      ['c3', fp([3, 3, 32, 64], [0.00559407705, 0.0241095591, 0.00347449188], -1.32762675, 7.3918274, 57.8911005)],
      ['r1', fp([3, 3, 64, 64], [0.0102644162, 0.00309501449, 0.0030702434], 6.61516933, 14.7992083, 277.975946)],
      ['r1', fp([3, 3, 64, 64], [0.0305123925, -0.0116776871, 0.0257418379], 2.84963878, 14.7667815, 269.302074)],
      ['r2', fp([3, 3, 64, 64], [-0.0194180775, 0.0310633797, -0.0182320867], -4.16040841, 14.7372145, -23.8495733)],
      ['r2', fp([3, 3, 64, 64], [-0.0321838222, 0.0311677661, 0.0177107323], -5.13770218, 14.6492454, -386.48076)],
      ['r3', fp([3, 3, 64, 64], [-0.00581574626, -0.0201054718, 0.00304057682], 2.59904061, 14.7752481, 280.39078)],
      ['r3', fp([3, 3, 64, 64], [-0.0463335924, -0.00473284116, 0.00207128725], -0.379577057, 14.65495, 26.8344994)],
      ['up1', fp([3, 3, 64, 32], [-0.0310153645, 0.0174294636, 0.0130928801], 1.05296256, 7.43800522, -79.9694302)],
      ['up2', fp([3, 3, 32, 16], [-0.0358360521, -0.0428630076, 0.00374590862], -4.74102462, 1.89163447, -233.462838)],
      ['out', fp([9, 9, 16, 3], [0.0221442021, -0.00597892702, 0.0159892086], -0.267741351, 1.52541474, 14.2555385)],
    ],
    layers: [
      ...stage3('conv9/1 128x128x16', 'IN', 'relu'),
      ...stage3('conv3/2 64x64x32', 'IN', 'relu'),
      ...stage3('conv3/2 32x32x64', 'IN', 'relu'),
      'res3 instance 32x32x64',
      'res3 instance 32x32x64',
      'res3 instance 32x32x64',
      'nearest×2 64x64x64',
      ...stage3('conv3/1 64x64x32', 'IN', 'relu'),
      'nearest×2 128x128x32',
      ...stage3('conv3/1 128x128x16', 'IN', 'relu'),
      'conv9/1+b 128x128x3',
    ],
  },
  {
    name: 'B loss net L',
    template: 'random-features',
    seed: 202,
    settings: set(2, 128),
    inputs: { in: img([2, 128, 128, 3], '[0,1]') },
    params: 93_248,
    frozen: true,
    outputs: {
      features: {
        type: 'features',
        shape: [],
        layers: [
          { name: 'f1', shape: [2, 128, 128, 32] },
          { name: 'f2', shape: [2, 64, 64, 64] },
          { name: 'f3', shape: [2, 32, 32, 128] },
        ],
      },
    },
    kernels: [
      ['c1', fp([3, 3, 3, 32], [-0.350025535, 0.436872303, -0.265062422], 0.82882246, 64.1594148, 374.773693)],
      ['c2', fp([3, 3, 32, 64], [0.130094483, 0.0543323979, -0.0919379815], -11.2225891, 128.695372, -884.618535)],
      ['c3', fp([3, 3, 64, 128], [-0.0982541367, -0.0987688228, 0.0647013262], -7.99115312, 257.932667, -381.859015)],
    ],
    layers: [
      'kconv3/1+b 128x128x32',
      'relu',
      'avgpool2 64x64x32',
      'kconv3/1+b 64x64x64',
      'relu',
      'avgpool2 32x32x64',
      'kconv3/1+b 32x32x128',
      'relu',
      'features(c1-act,c2-act,c3-act)',
    ],
  },
  {
    name: 'C DCGAN G',
    template: 'dcgan-generator',
    seed: 301,
    settings: set(64, 28),
    inputs: { z: { type: 'vector', shape: [64, 64] } },
    params: 608_193,
    outputs: { out: img([64, 28, 28, 1], '[-1,1]') },
    kernels: [
      ['fc', fp([64, 6272], [-0.00250102533, 0.0355303101, 0.01475803], -24.2730064, 160.72723, -840.370697)],
      ['t1', fp([5, 5, 64, 128], [-0.00838999078, -0.0092699388, 0.000301545544], 5.38856321, 82.3920539, 92.603974)],
      ['t2', fp([5, 5, 1, 64], [0.0291613974, -0.0188644435, 0.0475879125], 0.262052606, 0.627418361, -11.505672)],
    ],
    layers: [
      'dense 6272',
      'reshape 7x7x128',
      'BN',
      'relu',
      ...stage3('convT5/2 14x14x64', 'BN', 'relu'),
      ...stage3('convT5/2+b 28x28x1', null, 'tanh'),
    ],
  },
  {
    name: 'C DCGAN D',
    template: 'dcgan-discriminator',
    seed: 302,
    settings: set(64, 28),
    inputs: { image: img([64, 28, 28, 1], '[-1,1]') },
    params: 212_865,
    outputs: { score: { type: 'vector', shape: [64, 1] } },
    kernels: [
      ['c1', fp([5, 5, 1, 64], [0.0377920121, 0.00758907618, -0.000473441614], -0.804908267, 0.629002914, -101.281276)],
      ['c2', fp([5, 5, 64, 128], [0.00311864424, -0.0306607708, 0.0407121778], -9.73467756, 81.7316609, -682.266792)],
      ['fc', fp([6272, 1], [-0.00131044211, -0.0322827287, 0.00120361219], -1.54028823, 2.56686998, -93.4710963)],
    ],
    layers: [...stage3('conv5/2+b 14x14x64', null, 'lrelu'), ...stage3('conv5/2+b 7x7x128', null, 'lrelu'), 'flatten 6272', 'dense+b 1'],
  },
];

