import type { AnyNodeDef } from '../types';

/** The optimizers of the node library, in palette order. */
export const optimizers: AnyNodeDef[] = [];
