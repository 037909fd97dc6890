import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { portTypes } from '../../nodes/types';
import { portColors, portColorValues } from './port-colors';

const css = readFileSync(new URL('../styles/theme.css', import.meta.url), 'utf8');

/** The declarations of one theme block of theme.css, as a name → value map. */
function themeVars(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, `theme.css has a "${selector}" block`).toBeGreaterThanOrEqual(0);
  const body = css.slice(start, css.indexOf('\n}', start));
  return new Map([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const themes = { dark: themeVars(':root'), light: themeVars(":root[data-theme='light']") };

// Colour maths written out here, independent of the code under test: sRGB → linear → XYZ → Lab,
// and Machado et al. (2009) full-severity matrices for the three dichromacies.
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex: string) => [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255)) as [number, number, number];
const luminance = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
function lab(c: number[]): number[] {
  const [r, g, b] = c.map((v) => Math.min(1, Math.max(0, v))) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const vision: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
const seenAs = (hex: string, m: number[][]) => lab(m.map((row) => row.reduce((s, k, i) => s + k * rgb(hex)[i]!, 0)));

describe('port colours', () => {
  it('refer to the theme variables', () => {
    for (const t of portTypes) expect(portColors[t]).toBe(`var(--port-${t})`);
  });

  for (const theme of ['dark', 'light'] as const) {
    const vars = themes[theme];

    it(`match theme.css in the ${theme} theme`, () => {
      for (const t of portTypes) expect(vars.get(`--port-${t}`)?.toLowerCase(), `--port-${t}`).toBe(portColorValues[theme][t]);
    });

    it(`stand out from the ${theme} node background (WCAG 3:1 for graphics)`, () => {
      const bg = vars.get('--node-bg')!;
      for (const t of portTypes) expect(contrast(portColorValues[theme][t], bg), t).toBeGreaterThanOrEqual(3);
    });

    it.each(Object.keys(vision))(`stay apart from each other in the ${theme} theme with %s`, (v) => {
      const seen = portTypes.map((t) => [t, seenAs(portColorValues[theme][t], vision[v]!)] as const);
      for (let i = 0; i < seen.length; i++)
        for (let j = i + 1; j < seen.length; j++) {
          const [a, la] = seen[i]!;
          const [b, lb] = seen[j]!;
          const deltaE = Math.hypot(la[0]! - lb[0]!, la[1]! - lb[1]!, la[2]! - lb[2]!);
          expect(deltaE, `${a} vs ${b}`).toBeGreaterThan(10);
        }
    });
  }

  it('give both themes every variable the components use', () => {
    const needed = ['--bg', '--panel', '--panel-2', '--text', '--muted', '--border', '--accent', '--error', '--warning', '--info',
      ...portTypes.map((t) => `--port-${t}`), '--note-yellow', '--note-blue', '--note-green', '--note-pink', '--note-grey', '--note-text',
      '--node-bg', '--node-border', '--cat-source', '--cat-transform', '--cat-block', '--cat-network', '--cat-loss',
      '--cat-optimizer', '--cat-output', '--cat-note', '--cat-other', ...Array.from({ length: 8 }, (_, i) => `--net-${i}`)];
    for (const theme of ['dark', 'light'] as const) for (const v of needed) expect(themes[theme].has(v), `${theme} ${v}`).toBe(true);
  });
});
