/**
 * Turns a node kind's zod params schema into a list of form field descriptors, through its
 * JSON Schema (zod v4's `toJSONSchema`), so the inspector renders every kind from one
 * declaration. Pure: no React, no DOM; the form components only read these descriptors.
 */
import { z } from 'zod';

/** The subset of JSON Schema that `z.toJSONSchema` emits for params schemas. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

interface FieldBase {
  /** The param's own name (the last path segment). */
  key: string;
  /** Where the value sits in the params object, e.g. ['trains', 'networks']. */
  path: string[];
  label: string;
  /** The zod description, shown beneath the control. */
  help?: string;
  /** The value a missing param takes. */
  default: unknown;
}

export interface NumberField extends FieldBase {
  widget: 'number';
  integer: boolean;
  /** HTML min/max; exclusive bounds are left to the schema check to report. */
  min?: number;
  max?: number;
  step: number;
  /** An integer named like a seed: the form adds a dice button. */
  seed: boolean;
  default: number;
}
export interface SelectField extends FieldBase {
  widget: 'select';
  options: { value: string | number; label: string }[];
}
export interface CheckboxField extends FieldBase {
  widget: 'checkbox';
  default: boolean;
}
export interface TextField extends FieldBase {
  widget: 'text';
  multiline: boolean;
  maxLength?: number;
  default: string;
}
/** A string naming one of the document's networks (a call site's `network`). */
export interface NetworkField extends FieldBase {
  widget: 'network';
  default: string;
}
/** Numbers typed as "1, 2, 3". */
export interface NumberListField extends FieldBase {
  widget: 'number-list';
  integer: boolean;
  default: number[];
}
/** Free strings, one per line. */
export interface StringListField extends FieldBase {
  widget: 'string-list';
  default: string[];
}
/** Ids picked from the document: an optimizer's `trains.networks` / `trains.images`. */
export interface IdChecklistField extends FieldBase {
  widget: 'id-checklist';
  source: 'networks' | 'trainableImages';
  default: string[];
}
export interface GroupField extends FieldBase {
  widget: 'group';
  fields: FieldDescriptor[];
}
export interface UnionVariant {
  value: string;
  label: string;
  fields: FieldDescriptor[];
  /** The variant's complete default object, discriminator included. */
  defaults: Record<string, unknown>;
}
/** A discriminated union of objects (an optimizer's `schedule`): a kind select, then its fields. */
export interface UnionField extends FieldBase {
  widget: 'union';
  discriminator: string;
  variants: UnionVariant[];
}
/** Arrays of objects (model-features `layers`): shown, not edited. */
export interface ObjectListField extends FieldBase {
  widget: 'object-list';
}
/** Anything the form has no control for: shown read-only so that nothing is hidden. */
export interface ReadonlyField extends FieldBase {
  widget: 'readonly';
}

export type FieldDescriptor =
  | NumberField
  | SelectField
  | CheckboxField
  | TextField
  | NetworkField
  | NumberListField
  | StringListField
  | IdChecklistField
  | GroupField
  | UnionField
  | ObjectListField
  | ReadonlyField;

export type WidgetKind = FieldDescriptor['widget'];

// Short param names whose words alone would not tell a designer what they are.
const labelOverrides: Record<string, string> = {
  lr: 'Learning rate',
  fn: 'Function',
  eps: 'Epsilon',
  std: 'Std deviation',
  fmax: 'Max frequency',
};

/** "drawOrder" → "Draw order", "beta1" → "Beta 1", "held-out" → "Held out". */
export function labelFromName(name: string): string {
  const override = labelOverrides[name];
  if (override) return override;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

function pow10(x: number): number {
  return Math.pow(10, Math.floor(Math.log10(x)));
}

/**
 * A spinner step for a decimal param: about a tenth of its default's magnitude and at most a
 * tenth of its range, with the minimum and the default on its grid (browsers count steps from
 * `min` and flag values off the grid).
 */
export function decimalStep(def: number, min?: number, max?: number): number {
  const range = min !== undefined && max !== undefined ? max - min : undefined;
  let step = def !== 0 ? pow10(Math.abs(def)) : range !== undefined && range > 0 ? pow10(range / 100) : 0.1;
  if (range !== undefined && range > 0) step = Math.min(step, pow10(range / 10));
  const divides = (m: number) => Math.abs(m / step - Math.round(m / step)) < 1e-9;
  const base = min ?? 0;
  while ((!divides(base) || !divides(def - base)) && step > 1e-12) step /= 10;
  // Powers of ten below 1 print as 0.30000000000000004-like floats unless rounded.
  return Number(step.toPrecision(1));
}

function emptyValue(s: JsonSchema): unknown {
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (s.const !== undefined) return s.const;
  switch (typeOf(s)) {
    case 'number':
    case 'integer':
      return s.minimum ?? 0;
    case 'boolean':
      return false;
    case 'string':
      return '';
    case 'array':
      return [];
    case 'object':
      return objectDefaults(s);
    default:
      return undefined;
  }
}

function defaultOf(s: JsonSchema): unknown {
  return s.default !== undefined ? structuredClone(s.default) : emptyValue(s);
}

function objectDefaults(s: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(s.properties ?? {})) out[k] = defaultOf(p);
  return out;
}

/** The property every option of a union pins with `const`, if there is one. */
function discriminatorOf(options: JsonSchema[]): string | undefined {
  const first = options[0];
  if (!first?.properties || options.some((o) => typeOf(o) !== 'object')) return undefined;
  return Object.keys(first.properties).find((k) => options.every((o) => o.properties?.[k]?.const !== undefined));
}

function describeField(key: string, s: JsonSchema, parent: string[]): FieldDescriptor {
  const path = [...parent, key];
  const base = { key, path, label: labelFromName(key), default: defaultOf(s), ...(s.description ? { help: s.description } : {}) };
  const type = typeOf(s);
  const options = s.oneOf ?? s.anyOf;

  if (s.enum && s.enum.length > 0 && s.enum.every((v) => typeof v === 'string' || typeof v === 'number')) {
    const values = s.enum as (string | number)[];
    return { ...base, widget: 'select', options: values.map((v) => ({ value: v, label: String(v) })) };
  }
  if (options && options.length > 0) {
    const discriminator = discriminatorOf(options);
    if (discriminator === undefined) return { ...base, widget: 'readonly' };
    const variants = options.map((o): UnionVariant => {
      const value = String(o.properties![discriminator]!.const);
      const fields = Object.entries(o.properties ?? {})
        .filter(([k]) => k !== discriminator)
        .map(([k, p]) => describeField(k, p, path));
      return { value, label: labelFromName(value), fields, defaults: { ...objectDefaults(o), [discriminator]: value } };
    });
    return { ...base, widget: 'union', discriminator, variants };
  }
  switch (type) {
    case 'integer':
    case 'number': {
      const integer = type === 'integer';
      const min = s.minimum ?? s.exclusiveMinimum;
      const max = s.maximum ?? s.exclusiveMaximum;
      const def = typeof base.default === 'number' ? base.default : 0;
      return {
        ...base,
        widget: 'number',
        integer,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        step: integer ? 1 : decimalStep(def, min, max),
        seed: integer && /seed/i.test(key),
        default: def,
      };
    }
    case 'boolean':
      return { ...base, widget: 'checkbox', default: base.default === true };
    case 'string': {
      const def = typeof base.default === 'string' ? base.default : '';
      if (key === 'network') return { ...base, widget: 'network', default: def };
      const multiline = (s.maxLength ?? Infinity) > 1000;
      return { ...base, widget: 'text', multiline, ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}), default: def };
    }
    case 'array': {
      const itemType = s.items ? typeOf(s.items) : undefined;
      const def = Array.isArray(base.default) ? base.default : [];
      if (itemType === 'number' || itemType === 'integer') {
        return { ...base, widget: 'number-list', integer: itemType === 'integer', default: def as number[] };
      }
      if (itemType === 'string') {
        if (parent.at(-1) === 'trains' && (key === 'networks' || key === 'images')) {
          const source = key === 'networks' ? 'networks' : 'trainableImages';
          return { ...base, widget: 'id-checklist', source, default: def as string[] };
        }
        return { ...base, widget: 'string-list', default: def as string[] };
      }
      if (itemType === 'object') return { ...base, widget: 'object-list', default: def };
      return { ...base, widget: 'readonly' };
    }
    case 'object':
      if (!s.properties) return { ...base, widget: 'readonly' };
      return {
        ...base,
        widget: 'group',
        fields: Object.entries(s.properties).map(([k, p]) => describeField(k, p, path)),
      };
    default:
      return { ...base, widget: 'readonly' };
  }
}

const cache = new WeakMap<z.ZodType, FieldDescriptor[]>();

/** One descriptor per top-level param, in declaration order. Cached per schema object. */
export function deriveFields(schema: z.ZodType): FieldDescriptor[] {
  const hit = cache.get(schema);
  if (hit) return hit;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const fields = Object.entries(json.properties ?? {}).map(([k, p]) => describeField(k, p, []));
  cache.set(schema, fields);
  return fields;
}
