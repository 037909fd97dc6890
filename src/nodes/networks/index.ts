import type { AnyNodeDef } from '../types';
import { networkCall, networkInput, networkOutput } from './io';

/** Network call sites and the Input/Output nodes of definitions. */
export const networkNodes: AnyNodeDef[] = [networkCall, networkInput, networkOutput];
