import type { AnyNodeDef } from '../types';
import { chart } from './chart';
import { inspect } from './inspect';
import { note } from './note';
import { preview } from './preview';

/** The outputs of the node library, in palette order; the note comes last. */
export const outputs: AnyNodeDef[] = [preview, chart, inspect, note];

export { note };
