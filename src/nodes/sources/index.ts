import type { AnyNodeDef } from '../types';

/** The sources of the node library, in palette order. */
export const sources: AnyNodeDef[] = [];
