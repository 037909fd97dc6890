import { describe, expect, it } from 'vitest';
import { countParams, fillWeights } from './init';

// WORKLOADS.md §0 test vectors.
const uniforms1 = [0.6270739405881613, 0.002735721180215478, 0.5274470399599522];
const normals1 = [1.4043387784152637, 1.2157546192705377, -0.5103768768108126];
const uniforms42 = [0.6011037519201636, 0.44829055899754167, 0.8524657934904099];
const normals42 = [-1.2848381576290195, -0.9453528099747296, -0.6112802846514629];

describe('fillWeights', () => {
  it('fills normal weights with float32(std·normal) from the seeded stream', () => {
    const [w] = fillWeights([{ shape: [3], init: 'normal', std: 0.02 }], 1);
    expect(Array.from(w!)).toEqual(normals1.map((n) => Math.fround(0.02 * n)));
  });

  it('fills Kaiming-uniform weights with (2u−1)·sqrt(6/fanIn)', () => {
    const [w] = fillWeights([{ shape: [1, 3], init: 'kaiming-uniform', fanIn: 27 }], 42);
    expect(Array.from(w!)).toEqual(uniforms42.map((u) => Math.fround((2 * u - 1) * Math.sqrt(6 / 27))));
  });

  it('takes the fan-in from the shape when none is given', () => {
    const [w] = fillWeights([{ shape: [1, 1, 6, 3], init: 'kaiming-uniform' }], 1);
    expect(Array.from(w!.slice(0, 3))).toEqual(uniforms1.map((u) => Math.fround((2 * u - 1) * Math.sqrt(6 / 6))));
  });

  it('continues one stream across weights; zeros and ones draw nothing', () => {
    const out = fillWeights(
      [
        { shape: [2], init: 'zeros' },
        { shape: [1], init: 'normal', std: 1 },
        { shape: [2], init: 'ones' },
        { shape: [2], init: 'normal', std: 0.5 },
      ],
      42,
    );
    expect(out.map((a) => Array.from(a))).toEqual([
      [0, 0],
      [Math.fround(normals42[0]!)],
      [1, 1],
      [Math.fround(0.5 * normals42[1]!), Math.fround(0.5 * normals42[2]!)],
    ]);
  });

  it('a normal consumes two uniforms, so a Kaiming weight after one normal starts at the third', () => {
    const [, k] = fillWeights(
      [
        { shape: [1], init: 'normal' },
        { shape: [1], init: 'kaiming-uniform', fanIn: 6 },
      ],
      1,
    );
    expect(k![0]).toBe(Math.fround(2 * uniforms1[2]! - 1));
  });

  it('fills rank-4 kernels row-major, all values from the stream', () => {
    const [w] = fillWeights([{ shape: [2, 2, 2, 2], init: 'normal', std: 1 }], 1);
    expect(w!.length).toBe(16);
    expect(Array.from(w!.slice(0, 3))).toEqual(normals1.map(Math.fround));
    expect(new Set(w).size).toBe(16);
  });
});

describe('countParams', () => {
  const specs = [
    { shape: [4, 4, 3, 32], trainable: true },
    { shape: [32], trainable: true },
    { shape: [32], trainable: false },
    { shape: [], trainable: true },
  ];
  it('counts every value, or only the trainable ones', () => {
    expect(countParams(specs, false)).toBe(4 * 4 * 3 * 32 + 32 + 32 + 1);
    expect(countParams(specs, true)).toBe(4 * 4 * 3 * 32 + 32 + 1);
  });
});
