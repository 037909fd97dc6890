/**
 * The pure half of the params form: parsing what people type, filling in defaults, and
 * checking a candidate params object against the kind's schema before it is committed.
 */
import type { z } from 'zod';
import type { FieldDescriptor, NumberField } from './fields';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const decimal = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** "1, 2, 3" (or "[1 2 3]") → [1, 2, 3]; empty text is the empty list. */
export function parseNumberList(text: string, integer: boolean): Parsed<number[]> {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  const tokens = inner.split(/[\s,;]+/).filter((t) => t !== '');
  const value: number[] = [];
  for (const t of tokens) {
    if (!decimal.test(t)) return { ok: false, error: `“${t}” is not a number. Separate numbers with commas, e.g. 1, 2, 3` };
    const n = Number(t);
    if (!Number.isFinite(n)) return { ok: false, error: `“${t}” is too large` };
    if (integer && !Number.isInteger(n)) return { ok: false, error: `“${t}” is not a whole number` };
    value.push(n);
  }
  return { ok: true, value };
}

export function formatNumberList(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join(', ') : String(v ?? '');
}

/** One entry per non-empty line, trimmed. */
export function parseStringList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The text of a number input → a number, or why not. */
export function parseNumber(text: string, integer: boolean): Parsed<number> {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'Enter a number' };
  if (!decimal.test(t)) return { ok: false, error: `“${t}” is not a number` };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, error: 'That number is too large' };
  if (integer && !Number.isInteger(n)) return { ok: false, error: 'Enter a whole number' };
  return { ok: true, value: n };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getAt(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const k of path) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}

/** A copy of `obj` with `path` set to `v`, creating objects on the way. */
export function setAt(obj: Record<string, unknown>, path: readonly string[], v: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const child = obj[head];
  return { ...obj, [head]: rest.length === 0 ? v : setAt(isRecord(child) ? child : {}, rest, v) };
}

function fillField(f: FieldDescriptor, stored: unknown): unknown {
  if (stored === undefined) return structuredClone(f.default);
  if (f.widget === 'group' && isRecord(stored)) return fillObject(f.fields, stored);
  if (f.widget === 'union' && isRecord(stored)) {
    const variant = f.variants.find((v) => v.value === stored[f.discriminator]);
    return variant ? fillObject(variant.fields, { ...variant.defaults, ...stored }) : stored;
  }
  return stored;
}

function fillObject(fields: readonly FieldDescriptor[], stored: Record<string, unknown>): Record<string, unknown> {
  // Unknown keys are kept: a newer file's params survive an edit made by this version.
  const out: Record<string, unknown> = { ...stored };
  for (const f of fields) out[f.key] = fillField(f, stored[f.key]);
  return out;
}

/** The params as the form shows them: the stored ones, with defaults wherever one is missing. */
export function withDefaults(fields: readonly FieldDescriptor[], value: unknown): Record<string, unknown> {
  return fillObject(fields, isRecord(value) ? value : {});
}

/** A sentence for a designer from a zod issue. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'array') return `At most ${String(issue.maximum)} values`;
      if (issue.origin === 'string') return `At most ${String(issue.maximum)} characters`;
      return issue.inclusive ? `At most ${String(issue.maximum)}` : `Must be less than ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'array') return Number(issue.minimum) === 1 ? 'Needs at least one value' : `At least ${String(issue.minimum)} values`;
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'Must not be empty' : `At least ${String(issue.minimum)} characters`;
      return issue.inclusive ? `At least ${String(issue.minimum)}` : `Must be more than ${String(issue.minimum)}`;
    case 'invalid_type':
      if (issue.expected === 'int') return 'Enter a whole number';
      if (issue.expected === 'number') return 'Enter a number';
      return `Expected ${issue.expected}`;
    case 'invalid_value':
      return `Choose one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return 'pattern' in issue && issue.pattern ? `Does not have the expected form (${issue.pattern})` : issue.message;
    default:
      return issue.message;
  }
}

function startsWith(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return b.every((k, i) => a[i] === k);
}

/** The first problem the schema finds in `params` at or under `path`, or inside what contains it. */
export function errorAt(schema: z.ZodType, params: unknown, path: readonly string[]): string | undefined {
  const r = schema.safeParse(params);
  if (r.success) return undefined;
  const issue = r.error.issues.find((i) => startsWith(i.path, path) || (i.path.length > 0 && startsWith(path, i.path)));
  return issue ? issueMessage(issue) : undefined;
}

/** Each problem of the stored params, by dotted field path, for fields to show under them. */
export function storedErrors(schema: z.ZodType, params: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const r = schema.safeParse(params);
  if (r.success) return out;
  for (const i of r.error.issues) {
    // Issues inside a list item (path [..., 2]) belong to the list's field.
    const key = i.path.filter((k) => typeof k === 'string').join('.');
    if (!out.has(key)) out.set(key, issueMessage(i));
  }
  return out;
}

export type ChangeResult = { ok: true; next: Record<string, unknown> } | { ok: false; error: string };

/**
 * The full next params with `path` set to `v`, when the schema accepts that field; other
 * fields that were already invalid do not block an edit of this one.
 */
export function tryChange(
  schema: z.ZodType,
  fields: readonly FieldDescriptor[],
  value: unknown,
  path: readonly string[],
  v: unknown,
): ChangeResult {
  const next = setAt(withDefaults(fields, value), path, v);
  const error = errorAt(schema, next, path);
  return error === undefined ? { ok: true, next } : { ok: false, error };
}

/** A random value for a seed field: 32 bits, within the field's bounds. */
export function randomSeed(f: Pick<NumberField, 'min' | 'max'>, u32: number): number {
  const lo = Math.max(0, Math.ceil(f.min ?? 0));
  const hi = Math.min(0xffffffff, Math.floor(f.max ?? 0xffffffff));
  if (hi <= lo) return lo;
  return lo + ((u32 >>> 0) % (hi - lo + 1));
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
