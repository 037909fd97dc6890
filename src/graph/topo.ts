/** Ordering and cycles in a node graph, independent of what the nodes are. */

/**
 * Kahn's algorithm with ties broken by list position: of the nodes ready to go, the one
 * listed first goes first. Networks fill their weights in this order (WORKLOADS.md).
 * Nodes on or behind a cycle are left out of `order` and returned as `cyclic`.
 */
export function topoOrder(ids: readonly string[], edges: readonly { from: string; to: string }[]): {
  order: string[];
  cyclic: string[];
} {
  const index = new Map(ids.map((id, i) => [id, i]));
  const indeg = new Map(ids.map((id) => [id, 0]));
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!index.has(e.from) || !index.has(e.to)) continue;
    out.get(e.from)!.push(e.to);
    indeg.set(e.to, indeg.get(e.to)! + 1);
  }
  const ready = new MinHeap();
  for (const id of ids) if (indeg.get(id) === 0) ready.push(index.get(id)!);
  const order: string[] = [];
  while (ready.size > 0) {
    const id = ids[ready.pop()]!;
    order.push(id);
    for (const t of out.get(id)!) {
      const d = indeg.get(t)! - 1;
      indeg.set(t, d);
      if (d === 0) ready.push(index.get(t)!);
    }
  }
  const placed = new Set(order);
  return { order, cyclic: ids.filter((id) => !placed.has(id)) };
}

/** The cycles themselves (strongly connected components of more than one node, or self-loops). */
export function findCycles(ids: readonly string[], edges: readonly { from: string; to: string }[]): string[][] {
  const adj = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) if (adj.has(e.from) && adj.has(e.to)) adj.get(e.from)!.push(e.to);
  // Tarjan's algorithm, iterative so that long chains cannot overflow the stack.
  let next = 0;
  const num = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  for (const root of ids) {
    if (num.has(root)) continue;
    const work: { id: string; i: number }[] = [{ id: root, i: 0 }];
    num.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const succ = adj.get(top.id)!;
      if (top.i < succ.length) {
        const w = succ[top.i++]!;
        if (!num.has(w)) {
          num.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.id, Math.min(low.get(top.id)!, num.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(top.id)!));
      if (low.get(top.id) === num.get(top.id)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.id);
        const selfLoop = comp.length === 1 && adj.get(comp[0]!)!.includes(comp[0]!);
        if (comp.length > 1 || selfLoop) result.push(comp.reverse());
      }
    }
  }
  return result;
}

/** Every node upstream of `start` (inclusive), following edges backwards. */
export function ancestors(start: Iterable<string>, edges: readonly { from: string; to: string }[]): Set<string> {
  return upstreamOf(edges)(start);
}

/**
 * `ancestors` over one set of edges, asked many times: the reverse index is built once, so a
 * compile that asks for every optimizer's and tap's upstream does not rebuild it each time.
 */
export function upstreamOf(edges: readonly { from: string; to: string }[]): (start: Iterable<string>) => Set<string> {
  const into = new Map<string, string[]>();
  for (const e of edges) {
    const list = into.get(e.to);
    if (list) list.push(e.from);
    else into.set(e.to, [e.from]);
  }
  return (start) => {
    const seen = new Set<string>();
    const todo = [...start];
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const f of into.get(id) ?? []) todo.push(f);
    }
    return seen;
  };
}

class MinHeap {
  private a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  push(v: number): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= v) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
