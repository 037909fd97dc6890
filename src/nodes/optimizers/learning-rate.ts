/** Changing the learning rate of a live optimizer, for LR schedules. */
import type * as tf from '@tensorflow/tfjs';

/**
 * Sets the rate the next update uses, keeping the optimizer's state. tfjs's SGD and momentum
 * optimizers cache −lr in a tensor (`setLearningRate` renews it); Adam and our RMSProp read
 * their `learningRate` field on every update, but tfjs declares Adam's protected.
 * Not `instanceof tf.SGDOptimizer`: tfjs gives Optimizer a duck-typed Symbol.hasInstance,
 * so every optimizer passes it.
 */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  const o = opt as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** The rate an optimizer uses now (for display and tests). */
export function learningRateOf(opt: tf.Optimizer): number {
  return (opt as unknown as { learningRate: number }).learningRate;
}
