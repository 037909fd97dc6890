/**
 * The equality node components are memoised with. Top level is a shallow compare; arrays and
 * plain objects inside (ports, diagnostics, the network marker) are compared by content a few
 * levels down, so a mapping that rebuilds equal arrays on every store change re-renders
 * nothing. Node data are small (a handful of ports), so this stays far cheaper than a render.
 */

const MAX_DEPTH = 3;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) return sameRecord(a, b, depth + 1);
  return false;
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>, depth: number): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue(a[k], b[k], depth)) return false;
  }
  return true;
}

/** True when two node data objects would render the same. */
export function sameNodeData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return a === b || sameRecord(a, b, 0);
}
