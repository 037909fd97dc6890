/**
 * Whether two documents compile alike: the same nodes (kind, params, label — labels name nodes
 * in diagnostics), wires, networks and settings, whatever their positions. Objects an edit did
 * not touch are shared between documents, so this is mostly identity checks: moving a node costs
 * no recompile.
 */
import type { GraphDoc, GraphNode } from './schema';

const sameNodes = (a: readonly GraphNode[], b: readonly GraphNode[]) =>
  a === b ||
  (a.length === b.length &&
    a.every((n, i) => {
      const m = b[i]!;
      return n === m || (n.id === m.id && n.type === m.type && n.label === m.label && n.params === m.params);
    }));

export function sameCompileInput(a: GraphDoc, b: GraphDoc): boolean {
  if (a === b) return true;
  if (a.settings !== b.settings || a.edges !== b.edges || a.meta !== b.meta || !sameNodes(a.nodes, b.nodes)) return false;
  if (a.networks === b.networks) return true;
  return (
    a.networks.length === b.networks.length &&
    a.networks.every((n, i) => {
      const m = b.networks[i]!;
      return n === m || (n.id === m.id && n.seed === m.seed && n.frozen === m.frozen && n.label === m.label && n.template === m.template && n.edges === m.edges && sameNodes(n.nodes, m.nodes));
    })
  );
}
