import type { AnyNodeDef } from '../types';

/** The transforms of the node library, in palette order. */
export const transforms: AnyNodeDef[] = [];
