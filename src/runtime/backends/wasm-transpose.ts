/**
 * A transpose for the wasm backend's heap, in front of wasm's Transpose kernel (whose loop
 * reads or writes one element per cache line: [16384,32] took 5.5 ms, more than the Gram
 * product it fed). Axes that stay neighbours are merged first; what remains is, in the cases
 * the kernels here meet, two blocks swapped, between an outer batch and an inner run kept
 * whole: [N, R, Q, run] → [N, Q, R, run]. That is copied tile by tile (so both sides stay in
 * cache) or run by run; any other permutation is left to wasm (the caller falls back).
 */
type Heap = Float32Array | Int32Array | Uint8Array;

/** The permutation with neighbouring axes merged: the merged input shape and its permutation. */
export function mergeAxes(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  // Axes of size 1 go first, so that the axes around them can merge.
  const kept = shape.flatMap((n, i) => (n === 1 ? [] : [i]));
  const dims = kept.map((i) => shape[i]!);
  const order = perm.filter((p) => shape[p] !== 1).map((p) => kept.indexOf(p));
  const groups: number[][] = [];
  for (const p of order) {
    const g = groups.at(-1);
    if (g && g.at(-1)! + 1 === p) g.push(p);
    else groups.push([p]);
  }
  const firsts = groups.map((g) => g[0]!).sort((a, b) => a - b);
  const merged = firsts.map((first) => groups.find((g) => g[0] === first)!.reduce((n, a) => n * dims[a]!, 1));
  return { shape: merged, perm: groups.map((g) => firsts.indexOf(g[0]!)) };
}

export interface SwapPlan {
  outer: number;
  r: number;
  q: number;
  run: number;
}

/** The blocks a permutation swaps, [N, R, Q, run] → [N, Q, R, run], or undefined when it is not such a swap. */
export function swapPlan(shape: readonly number[], perm: readonly number[]): SwapPlan | undefined {
  const m = mergeAxes(shape, perm);
  const p = m.perm;
  const size = (from: number, to = m.shape.length) => m.shape.slice(from, to).reduce((x, y) => x * y, 1);
  if (p.length <= 1) return { outer: 1, r: 1, q: 1, run: size(0) };
  const a = p.findIndex((v, i) => v !== i);
  if (p[a] !== a + 1 || p[a + 1] !== a || p.some((v, i) => i !== a && i !== a + 1 && v !== i)) return undefined;
  return { outer: size(0, a), r: m.shape[a]!, q: m.shape[a + 1]!, run: size(a + 2) };
}

/** Writes the swap into dst: in tiles along the rows where single elements move, run by run otherwise. */
export function transposeInto(src: Heap, dst: Heap, { outer, r, q, run }: SwapPlan): void {
  const block = r * q * run;
  if (run === 1) {
    const tile = 64;
    for (let n = 0, base = 0; n < outer; n++, base += block)
      for (let i0 = 0; i0 < r; i0 += tile) {
        const i1 = Math.min(r, i0 + tile);
        for (let j = 0; j < q; j++) {
          const to = base + j * r;
          for (let i = i0, from = base + i0 * q + j; i < i1; i++, from += q) dst[to + i] = src[from]!;
        }
      }
    return;
  }
  for (let n = 0, base = 0; n < outer; n++, base += block)
    for (let j = 0; j < q; j++)
      for (let i = 0; i < r; i++) {
        const from = base + (i * q + j) * run;
        const to = base + (j * r + i) * run;
        if (run >= 256) dst.set(src.subarray(from, from + run), to);
        else for (let k = 0; k < run; k++) dst[to + k] = src[from + k]!;
      }
}
