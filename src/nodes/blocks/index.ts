import type { AnyNodeDef } from '../types';
import { conv2d } from './conv2d';

/** The blocks of the node library, in palette order. */
export const blocks: AnyNodeDef[] = [conv2d];
