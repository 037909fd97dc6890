import { describe, expect, it } from 'vitest';
import { image, scalar, tensor, vector } from '../shape';
import { expectDescribed, expectExampleOnPorts, features, inferNode, portsOf } from '../testing';
import { chart } from './chart';
import { outputs } from './index';
import { inspect } from './inspect';
import { note } from './note';
import { preview } from './preview';

describe('preview', () => {
  it('takes images of any range and gives nothing back', () => {
    expect(portsOf(preview, {})).toEqual([expect.objectContaining({ name: 'in', type: 'image' })]);
    expect(portsOf(preview, {})[0]!.ranges).toBeUndefined();
    expect(inferNode(preview, {}, { in: image([4, 8, 8, 3], 'unbounded') })).toEqual({});
    expect(inferNode(preview, {}, {})).toMatchObject({ code: 'missingInput', port: 'in' });
  });

  it("defaults to the graph's cadence and 8 images", () => {
    expect(preview.params.parse({})).toEqual({ every: 0, count: 8, columns: 0 });
  });
});

describe('chart', () => {
  it('has count optional scalar ports l1…lN', () => {
    expect(portsOf(chart, { count: 3 }).map((p) => [p.name, p.type, p.optional])).toEqual([
      ['l1', 'scalar', true],
      ['l2', 'scalar', true],
      ['l3', 'scalar', true],
    ]);
    expect(inferNode(chart, { count: 3 }, { l2: scalar })).toEqual({});
  });

  it('limits smoothing to 0…0.99', () => {
    expect(chart.params.safeParse({ smoothing: 1 }).success).toBe(false);
    expect(chart.params.safeParse({ smoothing: 0.99 }).success).toBe(true);
  });
});

describe('inspect', () => {
  it('accepts every port type', () => {
    expect(portsOf(inspect, {})[0]!.type).toEqual(['image', 'tensor', 'vector', 'scalar', 'features']);
    for (const s of [image([1, 4, 4, 3], '[0,1]'), tensor([1, 4, 4, 8]), vector([2, 16]), scalar, features([1, 4, 4, 2])])
      expect(inferNode(inspect, {}, { in: s })).toEqual({});
    expect(inferNode(inspect, {}, {})).toMatchObject({ code: 'missingInput' });
  });

  it('defaults to 32 bins and 16 channels', () => {
    expect(inspect.params.parse({})).toEqual({ every: 0, histogramBins: 32, maxChannels: 16 });
  });
});

describe('note', () => {
  it('is a portless note that may sit anywhere, exported from the outputs index', () => {
    expect(outputs).toContain(note);
    expect(note).toMatchObject({ kind: 'note', category: 'note', where: 'both', inputs: [], outputs: [] });
    expect(inferNode(note, {}, {})).toEqual({});
    expect(note.params.parse({})).toEqual({ text: '', color: 'yellow', width: 240, height: 160 });
    expect(note.params.safeParse({ color: 'red' }).success).toBe(false);
  });

  it('shows the first line of its text, without the heading marks', () => {
    expect(note.summarize!(note.params.parse({ text: '## Why λ = 100\nL1 dominates early.' }))).toBe('Why λ = 100');
  });
});

// Beyond tests/registry-contract.test.ts, which builds each example.
describe.each(outputs.map((d) => [d.kind, d] as const))('%s', (_kind, def) => {
  it('describes every field, under a kebab-case kind', () => expectDescribed(def));

  it('has an example on its own ports that infers exactly its declared outputs, and a summary', () => expectExampleOnPorts(def));
});
