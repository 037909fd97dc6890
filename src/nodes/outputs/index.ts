import type { AnyNodeDef } from '../types';

/** The outputs of the node library, in palette order. */
export const outputs: AnyNodeDef[] = [];
