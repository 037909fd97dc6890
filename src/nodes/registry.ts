/** The node library: one explicit array of every kind, and lookups over it. */
import { blocks } from './blocks';
import { losses } from './losses';
import { networkNodes } from './networks';
import { optimizers } from './optimizers';
import { outputs } from './outputs';
import { sources } from './sources';
import { transforms } from './transforms';
import type { AnyNodeDef } from './types';

export const nodeDefs: readonly AnyNodeDef[] = [
  ...sources,
  ...transforms,
  ...blocks,
  ...networkNodes,
  ...losses,
  ...optimizers,
  ...outputs,
];

export type Registry = ReadonlyMap<string, AnyNodeDef>;

export function createRegistry(defs: readonly AnyNodeDef[]): Registry {
  const map = new Map<string, AnyNodeDef>();
  for (const d of defs) {
    if (map.has(d.kind)) throw new Error(`Node kind "${d.kind}" is declared twice`);
    map.set(d.kind, d);
  }
  return map;
}

export const registry: Registry = createRegistry(nodeDefs);
