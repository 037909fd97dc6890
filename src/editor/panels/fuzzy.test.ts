import { describe, expect, it } from 'vitest';
import { fuzzyScore } from './fuzzy';

describe('fuzzyScore', () => {
  it('ranks prefixes over substrings over scattered letters, and refuses missing letters', () => {
    expect(fuzzyScore('conv', 'conv2d')).toBeGreaterThan(fuzzyScore('conv', 'transposed conv'));
    expect(fuzzyScore('conv', 'transposed conv')).toBeGreaterThan(fuzzyScore('cnv', 'conv2d'));
    expect(fuzzyScore('cnv', 'conv2d')).toBeGreaterThan(0);
    expect(fuzzyScore('xyz', 'conv2d')).toBe(0);
    expect(fuzzyScore('', 'anything')).toBe(1);
  });
});
