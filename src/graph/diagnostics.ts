/** Diagnostics: what the compiler and the document reader say about a graph. */
import { say, type MessageArgs, type MessageCode } from '../nodes/messages';
import type { AnyNodeDef, ValueRange } from '../nodes/types';

export type Severity = 'error' | 'warning' | 'info';

/** A one-click repair the editor can offer. */
export type Fix = {
  kind: 'insert-rescale';
  from: { node: string; port: string };
  to: { node: string; port: string };
  range: ValueRange;
};

export interface Diagnostic {
  severity: Severity;
  code: MessageCode;
  message: string;
  /** The node concerned; inside a network when `networkId` is set. */
  nodeId?: string;
  port?: string;
  networkId?: string;
  edgeId?: string;
  /** For document errors: where in the file, e.g. "nodes.3.position". */
  path?: string;
  fix?: Fix;
}

export type Where = Pick<Diagnostic, 'nodeId' | 'port' | 'networkId' | 'edgeId' | 'path' | 'fix'>;

export function diag<C extends MessageCode>(severity: Severity, code: C, args: MessageArgs<C>, where: Where = {}): Diagnostic {
  const d: Diagnostic = { severity, code, message: say(code, args) };
  for (const [k, v] of Object.entries(where)) if (v !== undefined) (d as unknown as Record<string, unknown>)[k] = v;
  return d;
}

/** How a node is named in sentences: its label, or its kind and id. */
export function nodeName(node: { id: string; type: string; label?: string | undefined }, def?: AnyNodeDef): string {
  if (node.label) return `“${node.label}”`;
  return `${def?.label ?? 'Node'} “${node.id}”`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}
