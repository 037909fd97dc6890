/**
 * Auto-layout: dagre's layered drawing, left to right along the data flow, of a scope's
 * working nodes (all of them, or only the selected ones), at their measured sizes. The result
 * is a list of moves for `moveNodes`, so the whole layout is one undoable edit. The laid-out
 * nodes keep the top-left corner their group had; notes stay where they are when only a
 * selection moves, and otherwise follow the node they were nearest to.
 */
import dagre from '@dagrejs/dagre';
import type { GraphEdge, GraphNode } from '../../graph/schema';

export interface Size {
  width: number;
  height: number;
}

export interface Move {
  id: string;
  position: { x: number; y: number };
}

/** A node card's size before React Flow has measured it. */
export const DEFAULT_SIZE: Size = { width: 200, height: 110 };
const GRID = 8;
const NODE_GAP = 32;
const RANK_GAP = 80;
/** Parts with more nodes than this skip dagre's second ordering pass. */
const LARGE = 60;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const snap = (v: number) => Math.round(v / GRID) * GRID;
const isNote = (n: GraphNode) => n.type === 'note';

function bounds(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export function autoLayout(
  part: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] },
  o: { sizeOf: (id: string) => Size | undefined; only?: ReadonlySet<string> },
): Move[] {
  const sizeOf = (n: GraphNode): Size => o.sizeOf(n.id) ?? DEFAULT_SIZE;
  const working = part.nodes.filter((n) => !isNote(n) && (!o.only || o.only.has(n.id)));
  if (working.length === 0) return [];

  const before = new Map(working.map((n) => [n.id, { ...n.position, ...sizeOf(n) }]));
  // Each connected part is laid out on its own and the parts stacked top to bottom: dagre's
  // cost grows faster than the node count, and unrelated parts need no common layers.
  const laid = new Map<string, Box>();
  let top = 0;
  for (const group of components(working, part.edges)) {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: RANK_GAP, edgesep: 12, marginx: 0, marginy: 0 });
    g.setDefaultEdgeLabel(() => ({}));
    const inGroup = new Set(group.map((n) => n.id));
    for (const n of group) g.setNode(n.id, { ...sizeOf(n) });
    for (const e of part.edges) if (inGroup.has(e.source) && inGroup.has(e.target) && e.source !== e.target) g.setEdge(e.source, e.target);
    // The heuristic that tries a second ordering doubles the time; large parts go without it.
    dagre.layout(g, { disableOptimalOrderHeuristic: group.length > LARGE });
    const boxes = group.map((n) => {
      const p = g.node(n.id) as { x: number; y: number; width: number; height: number };
      return [n.id, { x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height }] as const;
    });
    const b = bounds(boxes.map(([, box]) => box));
    for (const [id, box] of boxes) laid.set(id, { ...box, x: box.x - b.x, y: box.y - b.y + top });
    top += b.height + RANK_GAP / 2;
  }
  // The group keeps its top-left corner, so a layout of a selection stays where it was.
  const from = bounds([...before.values()]);
  const to = bounds([...laid.values()]);
  const moves: Move[] = [];
  const after = new Map<string, Box>();
  for (const [id, b] of laid) {
    const box = { ...b, x: snap(b.x - to.x) + snap(from.x), y: snap(b.y - to.y) + snap(from.y) };
    after.set(id, box);
    moves.push({ id, position: { x: box.x, y: box.y } });
  }
  if (!o.only) moves.push(...placeNotes(part.nodes.filter(isNote), before, after, (n) => sizeOf(n)));
  return moves.filter((m) => {
    const n = part.nodes.find((x) => x.id === m.id)!;
    return n.position.x !== m.position.x || n.position.y !== m.position.y;
  });
}

/** The weakly connected parts of the nodes, each in list order, ordered by their first node. */
function components(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphNode[][] {
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  for (const e of edges) if (parent.has(e.source) && parent.has(e.target)) parent.set(find(e.source), find(e.target));
  const groups = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    const r = find(n.id);
    const list = groups.get(r);
    if (list) list.push(n);
    else groups.set(r, [n]);
  }
  return [...groups.values()];
}

/**
 * Each note keeps its offset from the working node it was nearest to; a note that would then
 * cover a node goes above the drawing instead, so it never hides a card.
 */
function placeNotes(notes: readonly GraphNode[], before: ReadonlyMap<string, Box>, after: ReadonlyMap<string, Box>, sizeOf: (n: GraphNode) => Size): Move[] {
  const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
  const cards = [...after.values()];
  const top = bounds(cards);
  const moves: Move[] = [];
  let shelfX = top.x;
  for (const note of notes) {
    const size = sizeOf(note);
    const c = centre({ ...note.position, ...size });
    let nearest: string | undefined;
    let best = Infinity;
    for (const [id, b] of before) {
      const d = Math.hypot(centre(b).x - c.x, centre(b).y - c.y);
      if (d < best) [best, nearest] = [d, id];
    }
    const was = before.get(nearest!)!;
    const now = after.get(nearest!)!;
    let box: Box = { x: snap(note.position.x - was.x + now.x), y: snap(note.position.y - was.y + now.y), ...size };
    if (cards.some((b) => overlaps(b, box))) {
      box = { x: snap(shelfX), y: snap(top.y - size.height - RANK_GAP / 2), ...size };
      shelfX += size.width + NODE_GAP;
    }
    moves.push({ id: note.id, position: { x: box.x, y: box.y } });
  }
  return moves;
}
