import { describe, expect, it } from 'vitest';
import { classify, fallbackAfter, faultMessage } from './faults';

describe('fault classification', () => {
  it.each([
    ['GPU device was lost: destroyed', 'device-lost'],
    ['WebGL context lost', 'device-lost'],
    ['Failed to allocate buffer of 1 GB', 'oom'],
    ['RangeError: Array buffer allocation failed', 'oom'],
    ['Out of memory', 'oom'],
    ["Kernel 'Foo' not registered for backend 'webgl'", undefined],
    ['The loss “L1” became NaN at step 3.', undefined],
  ])('%s → %s', (message, kind) => {
    expect(classify(new Error(message))).toBe(kind);
  });

  it('falls back along the order of preference', () => {
    expect(fallbackAfter('webgpu')).toBe('webgl');
    expect(fallbackAfter('webgl')).toBe('wasm');
    expect(fallbackAfter('wasm')).toBe('cpu');
    expect(fallbackAfter('cpu')).toBeUndefined();
  });

  it('says what happened, that the graph is safe, and where training goes on', () => {
    const m = faultMessage('device-lost', 'webgpu', 'destroyed', 40, 'webgl');
    expect(m).toMatch(/webgpu device was lost \(destroyed\)/);
    expect(m).toMatch(/graph is unchanged/);
    expect(m).toMatch(/checkpoint of step 40 on webgl\.$/);
    expect(faultMessage('oom', 'wasm', 'x', undefined, 'cpu')).toMatch(/No checkpoint was saved yet, so training starts again on cpu\.$/);
  });
});
