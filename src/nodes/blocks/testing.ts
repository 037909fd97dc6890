/**
 * The blocks' own test helper, beside the shared harness in ../testing: NHWC views of tensors
 * for the plain-JS reference loops in ./reference. Imported by tests only.
 */
import type { Value } from '../types';
import type { Arr4 } from './reference';

/** A rank-4 tensor's values with its shape, for the reference loops. */
export function toArr4(t: Value | undefined): Arr4 {
  if (!t || Array.isArray(t) || t.rank !== 4) throw new Error('expected a rank-4 tensor');
  return { data: t.dataSync(), shape: t.shape as Arr4['shape'] };
}
