/**
 * A fingerprint of what training depends on in a document: node kinds, params and wires,
 * networks and settings, but not the run's length and cadences, positions, labels, notes, metadata or attached pictures.
 * Moving a node or editing a note leaves it unchanged; the editor compares fingerprints to
 * tell whether saved weights still belong to the graph on the canvas.
 */
import type { GraphDoc, GraphEdge, GraphNode } from './schema';

/** Text already in canonical form, put in verbatim. */
class Canonical {
  constructor(readonly text: string) {}
}

/**
 * Remembers the canonical text of params objects and network definitions between fingerprints
 * of successive documents that share them (the editor's: edits copy what they change). Keyed by
 * identity, so only for documents that are never mutated in place.
 */
export type FingerprintMemo = WeakMap<object, Canonical>;

function remembered(v: object, memo: FingerprintMemo | undefined, make: () => unknown): Canonical {
  const hit = memo?.get(v);
  if (hit) return hit;
  const c = new Canonical(canonical(make()));
  memo?.set(v, c);
  return c;
}

const nodes = (list: readonly GraphNode[], memo?: FingerprintMemo) =>
  list
    .filter((n) => n.type !== 'note')
    .map((n) => [n.id, n.type, remembered(n.params, memo, () => n.params)] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));

const edges = (list: readonly GraphEdge[]) =>
  list.map((e) => `${e.source}.${e.sourceHandle ?? ''}>${e.target}.${e.targetHandle ?? ''}`).sort();

/** JSON with object keys sorted, so the same content always gives the same text. */
function canonical(v: unknown): string {
  if (v instanceof Canonical) return v.text;
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** cyrb53: a fast 53-bit string hash (not cryptographic; change detection only). */
function cyrb53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The fingerprint; with a memo, parts unchanged since an earlier call are not rendered again (same result). */
export function trainingFingerprint(doc: GraphDoc, memo?: FingerprintMemo): string {
  return cyrb53(
    canonical({
      nodes: nodes(doc.nodes, memo),
      edges: edges(doc.edges),
      networks: doc.networks
        .map((n) => [n.id, remembered(n, memo, () => ({ id: n.id, seed: n.seed, frozen: n.frozen, nodes: nodes(n.nodes, memo), edges: edges(n.edges) }))] as const)
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([, text]) => text),
      // How long and how often to look do not change what the weights mean.
      settings: { ...doc.settings, steps: 0, previewEvery: 0, logEvery: 0, backend: 'auto' },
    }),
  );
}
