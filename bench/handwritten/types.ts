import type * as tf from '@tensorflow/tfjs';

/** A hand-written training loop over pre-generated data. */
export interface HandWritten {
  /** Step t (0-based) on data item t. Returns the step's losses by the compiled graph's loss ids; the caller disposes them. */
  step(t: number): Record<string, tf.Tensor>;
  /** Bytes of the pre-generated data (not part of the model's resident memory). */
  dataBytes: number;
  dispose(): void;
}
