/**
 * What can be added where the user is editing, for the palette and the canvas's quick add:
 * node kinds and (on the training graph) built-in architectures, searched fuzzily over names,
 * ids, categories and docs; placing one as a pure edit; and, for a wire dropped on empty canvas,
 * which of them have a port the wire may connect to, judged by the graph's own canConnect.
 */
import type { GraphAnalysis } from '../../graph/analyze';
import { canConnect, type Connection } from '../../graph/connect';
import { addNode, partOf, type Scope } from '../../graph/edit';
import { portEnv, resolvePorts } from '../../graph/ports';
import type { GraphDoc } from '../../graph/schema';
import { placeTemplate } from '../../graph/templates';
import { templates } from '../../nodes/networks/templates';
import { nodeDefs, registry } from '../../nodes/registry';
import { fuzzyScore } from './fuzzy';

export interface AddItem {
  /** Unique among items: the kind, or "template:<id>". */
  key: string;
  label: string;
  category: string;
  summary: string;
  docs: string;
  kind?: string;
  template?: string;
}

// Call sites are made by placing an architecture or by "Make network from selection".
const hidden = new Set(['network']);

export function addableItems(scope: Scope): AddItem[] {
  const where = scope === undefined ? 'graph' : 'network';
  const kinds = nodeDefs
    .filter((d) => !hidden.has(d.kind) && (d.where === 'both' || d.where === where))
    .map((d): AddItem => ({ key: d.kind, label: d.label, category: d.category, summary: d.summary, docs: d.docs, kind: d.kind }));
  const archs = where === 'graph' ? templates.map((t): AddItem => ({ key: `template:${t.id}`, label: t.label, category: 'network', summary: t.summary, docs: t.docs, template: t.id })) : [];
  return [...kinds, ...archs];
}

export function scoreItem(query: string, it: AddItem): number {
  const id = it.kind ?? it.template ?? '';
  const long = query.trim().length > 2;
  return Math.max(
    fuzzyScore(query, it.label) * 2,
    fuzzyScore(query, id) * 2,
    fuzzyScore(query, it.category),
    long ? fuzzyScore(query, it.summary) / 4 : 0,
    long ? fuzzyScore(query, it.docs) / 8 : 0,
  );
}

/** The items matching `query`, best first (all of them, in their order, for an empty query). */
export function searchItems<T extends AddItem>(items: readonly T[], query: string): T[] {
  const scored = items.map((it) => ({ it, score: scoreItem(query, it) })).filter((x) => x.score > 0);
  if (query.trim()) scored.sort((a, b) => b.score - a.score);
  return scored.map((x) => x.it);
}

/** Adds an item at `position`: a node, or a new network from a template with its call site. */
export function placeItem(doc: GraphDoc, it: AddItem, position: { x: number; y: number }, scope: Scope): { doc: GraphDoc; id: string } {
  if (it.template) {
    const r = placeTemplate(doc, it.template, {}, position);
    return { doc: r.doc, id: r.nodeId };
  }
  return addNode(doc, { kind: it.kind!, position }, scope);
}

/** Whether the input `end` accepts images of only some value ranges. */
function targetRanged(doc: GraphDoc, scope: Scope, end: WireEnd): boolean {
  const n = partOf(doc, scope).nodes.find((x) => x.id === end.node);
  const def = n && registry.get(n.type);
  const parsed = def?.params.safeParse(n!.params);
  if (!def || !parsed?.success) return true;
  const port = resolvePorts(def, parsed.data, portEnv(doc.networks)).inputs.find((p) => p.name === end.handle);
  return port?.ranges !== undefined;
}

/** The end of a wire being dragged: an output ("source") or an input ("target") of a node. */
export interface WireEnd {
  node: string;
  handle: string;
  side: 'source' | 'target';
}

export interface CompatibleItem extends AddItem {
  /** The new node's port the wire goes to. */
  port: string;
}

/**
 * Each item with the first port of a freshly placed one that the wire may connect to, as
 * canConnect judges it (types, value ranges, loops); items with none are left out.
 */
export function compatibleItems(doc: GraphDoc, scope: Scope, items: readonly AddItem[], end: WireEnd, analysis?: GraphAnalysis): CompatibleItem[] {
  const out: CompatibleItem[] = [];
  const rangeLimited = end.side === 'target' && targetRanged(doc, scope, end);
  for (const it of items) {
    let placed: { doc: GraphDoc; id: string };
    try {
      placed = placeItem(doc, it, { x: 0, y: 0 }, scope);
    } catch {
      continue;
    }
    const n = partOf(placed.doc, scope).nodes.find((x) => x.id === placed.id)!;
    const def = registry.get(n.type)!;
    const ports = resolvePorts(def, def.params.parse(n.params), portEnv(placed.doc.networks));
    const candidates = end.side === 'source' ? ports.inputs : ports.outputs;
    const fits = candidates.find((p) => {
      const c: Connection =
        end.side === 'source'
          ? { source: end.node, sourceHandle: end.handle, target: placed.id, targetHandle: p.name }
          : { source: placed.id, sourceHandle: p.name, target: end.node, targetHandle: end.handle };
      // The analysis of the graph as it is knows a dragged output's signal. Into an input that
      // takes only some value ranges, the new node's own signal is judged, so the graph with it
      // is analysed afresh (only then: it costs a whole inference per item).
      const quick = canConnect(placed.doc, c, { networkId: scope, ...(analysis ? { analysis } : {}) });
      if (!quick.ok || end.side === 'source' || !analysis || !rangeLimited) return quick.ok;
      return canConnect(placed.doc, c, { networkId: scope }).ok;
    });
    if (fits) out.push({ ...it, port: fits.name });
  }
  return out;
}
