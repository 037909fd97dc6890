import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zSettings } from '../../graph/schema';
import { templates } from '../../nodes/networks/templates';
import { nodeDefs } from '../../nodes/registry';
import { decimalStep, deriveFields, type FieldDescriptor, labelFromName, type WidgetKind } from './fields';

const widgets: readonly WidgetKind[] = [
  'number',
  'select',
  'checkbox',
  'text',
  'network',
  'number-list',
  'string-list',
  'id-checklist',
  'group',
  'union',
  'object-list',
  'readonly',
];

/** Every descriptor of a field list, nested ones included. */
function walk(fields: readonly FieldDescriptor[]): FieldDescriptor[] {
  return fields.flatMap((f) => [
    f,
    ...(f.widget === 'group' ? walk(f.fields) : []),
    ...(f.widget === 'union' ? f.variants.flatMap((v) => walk(v.fields)) : []),
  ]);
}

function shapeKeys(schema: z.ZodType): string[] {
  return Object.keys((schema as z.ZodObject).shape);
}

const schemas = [
  ...nodeDefs.map((d) => ({ name: `node ${d.kind}`, schema: d.params as z.ZodType })),
  ...templates.map((t) => ({ name: `template ${t.id}`, schema: t.params as z.ZodType })),
];

describe('deriveFields over the registry', () => {
  it.each(schemas)('$name: one known widget per param, in order, with the defaults of parse({})', ({ schema }) => {
    const fields = deriveFields(schema);
    expect(fields.map((f) => f.key)).toEqual(shapeKeys(schema));
    const defaults = schema.parse({}) as Record<string, unknown>;
    for (const f of walk(fields)) {
      expect(widgets).toContain(f.widget);
      // Only shapes with no control (records, unions without a tag) fall back to read-only.
      expect(f.widget, f.path.join('.')).not.toBe('readonly');
      expect(f.label).toMatch(/^[A-Z0-9]/);
    }
    for (const f of fields) expect(f.default, f.key).toEqual(defaults[f.key]);
  });

  it.each(schemas)('$name: every param is described, and numbers carry the schema bounds', ({ schema }) => {
    for (const f of walk(deriveFields(schema))) {
      expect(f.help, f.path.join('.')).toBeTruthy();
      if (f.widget !== 'number') continue;
      for (const probe of [f.min, f.max]) if (probe !== undefined) expect(Number.isFinite(probe)).toBe(true);
      if (f.integer) expect(f.step).toBe(1);
      // The default must sit on the spinner's grid, which browsers count from min.
      const from = f.min ?? 0;
      const steps = (f.default - from) / f.step;
      expect(Math.abs(steps - Math.round(steps)), f.path.join('.')).toBeLessThan(1e-6);
    }
  });

  it('maps the kinds the inspector special-cases', () => {
    const byKind = (kind: string) => deriveFields(nodeDefs.find((d) => d.kind === kind)!.params as z.ZodType);
    const find = (kind: string, key: string) => byKind(kind).find((f) => f.key === key)!;

    expect(find('network', 'network').widget).toBe('network');
    expect(find('reshape', 'shape')).toMatchObject({ widget: 'number-list', integer: true, default: [7, 7, 128] });
    expect(find('gram-style', 'weights')).toMatchObject({ widget: 'number-list', integer: false });
    expect(find('model-features', 'layers').widget).toBe('object-list');
    expect(find('image-set', 'images').widget).toBe('string-list');
    expect(find('note', 'text')).toMatchObject({ widget: 'text', multiline: true });
    expect(find('noise', 'stream')).toMatchObject({ widget: 'text', multiline: false });
    expect(find('sinus', 'fixed')).toMatchObject({ widget: 'checkbox', default: false });
    expect(find('conv2d', 'padding')).toMatchObject({
      widget: 'select',
      default: 'same',
      options: [
        { value: 'same', label: 'same' },
        { value: 'valid', label: 'valid' },
        { value: 'replicate', label: 'replicate' },
      ],
    });
    // Number enums stay numbers, so the select commits 1 or 3, not "1" or "3".
    expect(find('grayscale', 'channels')).toMatchObject({ widget: 'select', options: [{ value: 1 }, { value: 3 }] });
    expect(find('conv2d', 'filters')).toMatchObject({ widget: 'number', integer: true, min: 1, max: 4096, step: 1, default: 64, seed: false });

    const trains = find('adam', 'trains');
    expect(trains.widget).toBe('group');
    if (trains.widget !== 'group') return;
    expect(trains.fields).toMatchObject([
      { widget: 'id-checklist', source: 'networks', path: ['trains', 'networks'], default: [] },
      { widget: 'id-checklist', source: 'trainableImages', path: ['trains', 'images'], default: [] },
    ]);
  });

  it('turns the schedule union into a kind select with each variant’s fields and defaults', () => {
    const schedule = deriveFields(nodeDefs.find((d) => d.kind === 'sgd')!.params as z.ZodType).find((f) => f.key === 'schedule')!;
    expect(schedule.widget).toBe('union');
    if (schedule.widget !== 'union') return;
    expect(schedule.discriminator).toBe('kind');
    expect(schedule.default).toEqual({ kind: 'constant' });
    expect(schedule.variants.map((v) => [v.value, v.label, v.fields.map((f) => f.key)])).toEqual([
      ['constant', 'Constant', []],
      ['linear', 'Linear', ['start', 'end', 'final']],
      ['step', 'Step', ['every', 'factor']],
    ]);
    expect(schedule.variants[1]!.defaults).toEqual({ kind: 'linear', start: 0, end: 1000, final: 0 });
    expect(schedule.variants[2]!.fields[0]!.path).toEqual(['schedule', 'every']);
    // Each variant's defaults are accepted by the node's own schema.
    const lr = nodeDefs.find((d) => d.kind === 'sgd')!.params as z.ZodType;
    for (const v of schedule.variants) expect(lr.safeParse({ schedule: v.defaults }).success).toBe(true);
  });

  it('marks integer params named like seeds, and only those, for the dice button', () => {
    const fields = deriveFields(zSettings);
    expect(fields.find((f) => f.key === 'seed')).toMatchObject({ widget: 'number', seed: true, min: 0, max: 4294967295 });
    expect(fields.find((f) => f.key === 'imageSize')).toMatchObject({ seed: false });
    expect(fields.find((f) => f.key === 'streams')?.widget).toBe('readonly');
    const s = z.object({ seedText: z.string().default('').describe('x'), randomSeed: z.int().default(3).describe('y') });
    expect(deriveFields(s).map((f) => [f.widget, f.widget === 'number' && f.seed])).toEqual([
      ['text', false],
      ['number', true],
    ]);
  });

  it('caches per schema object', () => {
    const s = nodeDefs[0]!.params as z.ZodType;
    expect(deriveFields(s)).toBe(deriveFields(s));
  });
});

describe('labelFromName', () => {
  it.each([
    ['drawOrder', 'Draw order'],
    ['stepsPerIteration', 'Steps per iteration'],
    ['inputRange', 'Input range'],
    ['beta1', 'Beta 1'],
    ['held-out', 'Held out'],
    ['size', 'Size'],
    ['kind', 'Kind'],
    ['lr', 'Learning rate'],
  ])('%s → %s', (name, label) => {
    expect(labelFromName(name)).toBe(label);
  });
});

describe('decimalStep', () => {
  it.each([
    [0.02, 0, 10, 0.01],
    [2e-4, 0, 10, 1e-4],
    [1, 0, 1, 0.1],
    [0, 0, 1, 0.01],
    [4, 0.25, 256, 0.01],
    [1e-8, 0, 1, 1e-8],
    [0, 0, undefined, 0.1],
    [0.999, 0, 1, 0.001],
  ])('default %s in [%s, %s] → %s', (def, min, max, step) => {
    expect(decimalStep(def, min, max)).toBeCloseTo(step, 15);
  });
});
