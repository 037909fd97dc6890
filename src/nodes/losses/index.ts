import type { AnyNodeDef } from '../types';

/** The losses of the node library, in palette order. */
export const losses: AnyNodeDef[] = [];
