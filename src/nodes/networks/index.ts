import type { AnyNodeDef } from '../types';
import { networkCall, networkInput, networkOutput } from './io';
import { modelFeatures } from './model-features';

/** Network call sites, the Input/Output nodes of definitions, and pretrained extractors. */
export const networkNodes: AnyNodeDef[] = [networkCall, networkInput, networkOutput, modelFeatures];
