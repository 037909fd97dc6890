/** A small fuzzy matcher for the palette: every query letter in order, tighter runs score higher. */
export function fuzzyScore(query: string, text: string): number {
  const q = query.trim().toLowerCase();
  if (!q) return 1;
  const t = text.toLowerCase();
  const at = t.indexOf(q);
  if (at >= 0) return 100 - Math.min(at, 50) + (at === 0 ? 50 : 0);
  let score = 0;
  let last = -1;
  for (const ch of q) {
    const i = t.indexOf(ch, last + 1);
    if (i < 0) return 0;
    score += i === last + 1 ? 3 : 1;
    last = i;
  }
  return score;
}
