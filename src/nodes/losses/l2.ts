import { tf } from '../tfjs';
import { vector } from '../shape';
import { defineNode } from '../types';
import { pairLoss } from './loss-inputs';
import { meanAll } from './reduce';

export const l2 = defineNode({
  kind: 'l2',
  label: 'L2 loss',
  category: 'loss',
  summary: 'The mean squared difference between two images, maps or vectors.',
  docs:
    'mean((a − b)²) over every value. Squaring punishes large errors much more than small ones, which makes ' +
    'images trained with L2 alone look smooth. Both inputs must have the same shape, except that a batch of ' +
    '1 is compared with every item of the other batch. Images must use the same value range.',
  ...pairLoss,
  build: (_ctx, inputs) => ({ loss: meanAll(tf.square(tf.sub(inputs.a as tf.Tensor, inputs.b as tf.Tensor))) }),
  summarize: () => 'mean (a − b)²',
  example: { inputs: { a: vector([3, 5]), b: vector([3, 5]) } },
});
