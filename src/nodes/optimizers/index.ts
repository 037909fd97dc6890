import type { AnyNodeDef } from '../types';
import { adam } from './adam';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';

/** The optimizers of the node library, in palette order. */
export const optimizers: AnyNodeDef[] = [adam, sgd, rmsprop];

export { setLearningRate, learningRateOf } from './learning-rate';
export { createRmsProp } from './rmsprop-optimizer';
