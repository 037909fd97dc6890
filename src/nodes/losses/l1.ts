import { tf } from '../tfjs';
import { image } from '../shape';
import { defineNode } from '../types';
import { pairLoss } from './loss-inputs';
import { meanAll } from './reduce';

export const l1 = defineNode({
  kind: 'l1',
  label: 'L1 loss',
  category: 'loss',
  summary: 'The mean absolute difference between two images, maps or vectors.',
  docs:
    'mean(|a − b|) over every value. L1 keeps a generated image close to a target without blurring as much ' +
    "as L2; pix2pix adds it to the adversarial loss with a weight of 100, and CycleGAN's cycle and identity " +
    'losses are L1 losses wired the cycle\'s way. Both inputs must have the same shape, except that a batch ' +
    'of 1 is compared with every item of the other batch. Images must use the same value range.',
  ...pairLoss,
  build: (_ctx, inputs) => ({ loss: meanAll(tf.abs(tf.sub(inputs.a as tf.Tensor, inputs.b as tf.Tensor))) }),
  summarize: () => 'mean |a − b|',
  example: { inputs: { a: image([2, 4, 4, 3], '[-1,1]'), b: image([1, 4, 4, 3], '[-1,1]') } },
});
