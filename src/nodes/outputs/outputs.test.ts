import { describe, expect, it } from 'vitest';
import { features } from '../losses/testing';
import { image, scalar, tensor, vector } from '../shape';
import type { AnyNodeDef, PortSpec, Signal } from '../types';
import { chart } from './chart';
import { outputs } from './index';
import { inspect } from './inspect';
import { note } from './note';
import { preview } from './preview';

const infer = (def: AnyNodeDef, params: unknown, inputs: Record<string, Signal | undefined>) =>
  def.infer({ params: def.params.parse(params), inputs, settings: { imageSize: 8, batchSize: 2, seed: 1 }, name: 'Out' });
const portsOf = (def: AnyNodeDef, params: unknown): PortSpec[] =>
  typeof def.inputs === 'function' ? def.inputs(def.params.parse(params), { network: () => undefined }) : def.inputs;

describe('preview', () => {
  it('takes images of any range and gives nothing back', () => {
    expect(portsOf(preview, {})).toEqual([expect.objectContaining({ name: 'in', type: 'image' })]);
    expect(portsOf(preview, {})[0]!.ranges).toBeUndefined();
    expect(infer(preview, {}, { in: image([4, 8, 8, 3], 'unbounded') })).toEqual({});
    expect(infer(preview, {}, {})).toMatchObject({ code: 'missingInput', port: 'in' });
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
    expect(infer(chart, { count: 3 }, { l2: scalar })).toEqual({});
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
      expect(infer(inspect, {}, { in: s })).toEqual({});
    expect(infer(inspect, {}, {})).toMatchObject({ code: 'missingInput' });
  });

  it('defaults to 32 bins and 16 channels', () => {
    expect(inspect.params.parse({})).toEqual({ every: 0, histogramBins: 32, maxChannels: 16 });
  });
});

describe('note', () => {
  it('is a portless note that may sit anywhere, exported from the outputs index', () => {
    expect(outputs).toContain(note);
    expect(note).toMatchObject({ kind: 'note', category: 'note', where: 'both', inputs: [], outputs: [] });
    expect(infer(note, {}, {})).toEqual({});
    expect(note.params.parse({})).toEqual({ text: '', color: 'yellow', width: 240, height: 160 });
    expect(note.params.safeParse({ color: 'red' }).success).toBe(false);
  });

  it('shows the first line of its text, without the heading marks', () => {
    expect(note.summarize!(note.params.parse({ text: '## Why λ = 100\nL1 dominates early.' }))).toBe('Why λ = 100');
  });
});
