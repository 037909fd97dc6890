import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { nodeDefs } from '../../nodes/registry';
import { deriveFields } from './fields';
import {
  formatNumberList,
  parseNumber,
  parseNumberList,
  parseStringList,
  randomSeed,
  setAt,
  storedErrors,
  tryChange,
  withDefaults,
} from './form-values';
import { paragraphs } from './NodeDocs';

const paramsOf = (kind: string) => nodeDefs.find((d) => d.kind === kind)!.params as z.ZodType;

describe('parseNumberList', () => {
  it.each([
    ['1, 2, 3', [1, 2, 3]],
    ['1,2,3', [1, 2, 3]],
    ['  7 7 128 ', [7, 7, 128]],
    ['[7, 7, 128]', [7, 7, 128]],
    ['1, 2,', [1, 2]],
    ['', []],
    ['   ', []],
    ['-1.5, .5, 2e3', [-1.5, 0.5, 2000]],
  ])('%j → %j', (text, list) => {
    expect(parseNumberList(text, false)).toEqual({ ok: true, value: list });
  });

  it.each([
    ['1, two, 3', false, '“two” is not a number'],
    ['1, 0x10', false, '“0x10” is not a number'],
    ['1, 2.5', true, '“2.5” is not a whole number'],
    ['1e400', false, '“1e400” is too large'],
    ['NaN', false, '“NaN” is not a number'],
  ])('%j (integers: %s) is refused: %s', (text, integer, message) => {
    const r = parseNumberList(text, integer);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it('round-trips through formatNumberList', () => {
    expect(formatNumberList([7, 7, 128])).toBe('7, 7, 128');
    expect(parseNumberList(formatNumberList([0.25, 1e-8, 3]), false)).toEqual({ ok: true, value: [0.25, 1e-8, 3] });
  });
});

describe('parseNumber and parseStringList', () => {
  it('reads numbers and refuses what is not one', () => {
    expect(parseNumber(' 0.02 ', false)).toEqual({ ok: true, value: 0.02 });
    expect(parseNumber('3', true)).toEqual({ ok: true, value: 3 });
    expect(parseNumber('3.5', true)).toMatchObject({ ok: false, error: 'Enter a whole number' });
    expect(parseNumber('', false)).toMatchObject({ ok: false, error: 'Enter a number' });
    expect(parseNumber('1e', false).ok).toBe(false);
  });
  it('reads one string per non-empty line', () => {
    expect(parseStringList(' a \n\nb\n')).toEqual(['a', 'b']);
  });
});

describe('withDefaults', () => {
  it('fills missing params, nested ones and a union variant’s fields, and keeps unknown keys', () => {
    const fields = deriveFields(paramsOf('adam'));
    const shown = withDefaults(fields, { lr: 0.001, trains: { networks: ['g'] }, schedule: { kind: 'step' }, extra: 1 });
    expect(shown).toMatchObject({
      lr: 0.001,
      beta1: 0.9,
      trains: { networks: ['g'], images: [] },
      schedule: { kind: 'step', every: 1000, factor: 0.5 },
      extra: 1,
    });
    expect(paramsOf('adam').parse(shown)).toMatchObject({ lr: 0.001, trains: { networks: ['g'], images: [] } });
  });
  it('treats a stored value that is not an object as empty', () => {
    const fields = deriveFields(paramsOf('conv2d'));
    expect(withDefaults(fields, null)).toEqual(paramsOf('conv2d').parse({}));
  });
});

describe('tryChange', () => {
  const conv = paramsOf('conv2d');
  const convFields = deriveFields(conv);

  it('returns the full next params when the field is valid', () => {
    const r = tryChange(conv, convFields, { filters: 8 }, ['kernel'], 5);
    expect(r).toEqual({ ok: true, next: { ...(conv.parse({}) as object), filters: 8, kernel: 5 } });
  });

  it.each([
    [['kernel'], 16, 'At most 15'],
    [['kernel'], 0, 'At least 1'],
    [['kernel'], 2.5, 'Enter a whole number'],
    [['std'], 0, 'Must be more than 0'],
    [['padding'], 'full', 'Choose one of same, valid, replicate'],
  ])('refuses %j = %j: %s', (path, v, message) => {
    expect(tryChange(conv, convFields, {}, path, v)).toEqual({ ok: false, error: message });
  });

  it('is not blocked by another field that was already invalid', () => {
    const r = tryChange(conv, convFields, { filters: -3 }, ['kernel'], 5);
    expect(r).toMatchObject({ ok: true, next: { filters: -3, kernel: 5 } });
  });

  it('checks nested fields and list lengths', () => {
    const adam = paramsOf('adam');
    const fields = deriveFields(adam);
    const stepped = { schedule: { kind: 'step', every: 10, factor: 0.5 } };
    expect(tryChange(adam, fields, stepped, ['schedule', 'factor'], 2)).toEqual({ ok: false, error: 'At most 1' });
    expect(tryChange(adam, fields, stepped, ['schedule', 'factor'], 0.1)).toMatchObject({
      ok: true,
      next: { schedule: { kind: 'step', every: 10, factor: 0.1 } },
    });
    expect(tryChange(adam, fields, {}, ['trains', 'networks'], ['g', 'd'])).toMatchObject({
      ok: true,
      next: { trains: { networks: ['g', 'd'], images: [] } },
    });
    const reshape = paramsOf('reshape');
    expect(tryChange(reshape, deriveFields(reshape), {}, ['shape'], [])).toEqual({ ok: false, error: 'Needs at least one value' });
    expect(tryChange(reshape, deriveFields(reshape), {}, ['shape'], [1, 2, 3, 4])).toEqual({ ok: false, error: 'At most 3 values' });
    expect(tryChange(reshape, deriveFields(reshape), {}, ['shape'], [0])).toEqual({ ok: false, error: 'At least 1' });
  });

  it('explains a refused pattern', () => {
    const input = paramsOf('network.input');
    const r = tryChange(input, deriveFields(input), {}, ['name'], '9 lives');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/expected form/);
  });
});

describe('storedErrors', () => {
  it('names each invalid stored param by its path', () => {
    const adam = paramsOf('adam');
    const shown = withDefaults(deriveFields(adam), { lr: -1, trains: { networks: [3] } });
    const errors = storedErrors(adam, shown);
    expect(errors.get('lr')).toBe('Must be more than 0');
    expect(errors.get('trains.networks')).toBe('Expected string');
    expect(errors.size).toBe(2);
    expect(storedErrors(adam, adam.parse({})).size).toBe(0);
  });
});

describe('setAt', () => {
  it('copies along the path and leaves the original alone', () => {
    const a = { trains: { networks: ['g'], images: [] }, lr: 1 };
    const b = setAt(a, ['trains', 'images'], ['t']);
    expect(b).toEqual({ trains: { networks: ['g'], images: ['t'] }, lr: 1 });
    expect(a.trains.images).toEqual([]);
    expect(setAt({}, ['x', 'y'], 1)).toEqual({ x: { y: 1 } });
  });
});

describe('randomSeed', () => {
  it('maps 32 random bits into the field’s bounds', () => {
    expect(randomSeed({ min: 0, max: 4294967295 }, 0xdeadbeef)).toBe(0xdeadbeef);
    expect(randomSeed({}, 0xffffffff)).toBe(0xffffffff);
    expect(randomSeed({ min: 10, max: 19 }, 25)).toBe(15);
    expect(randomSeed({ min: -5, max: 3 }, 7)).toBe(3);
    expect(randomSeed({ min: 4, max: 4 }, 99)).toBe(4);
  });
});

describe('paragraphs', () => {
  it('splits docs on blank lines and folds the rest', () => {
    expect(paragraphs('One\nline.\n\n  Two.  \n\n\n')).toEqual(['One line.', 'Two.']);
    expect(paragraphs('<b>x</b>')).toEqual(['<b>x</b>']);
  });
});
