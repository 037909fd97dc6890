import { describe, expect, it } from 'vitest';
import { idbKv, memoryKv } from './kv';

describe('memoryKv', () => {
  it('stores, lists and deletes', async () => {
    const kv = memoryKv({ a: 1 });
    await kv.set('b', 'two');
    expect(await kv.get('b')).toBe('two');
    expect((await kv.keys()).sort()).toEqual(['a', 'b']);
    await kv.del('a');
    expect(await kv.get('a')).toBeUndefined();
    expect(await kv.keys()).toEqual(['b']);
  });

  it('copies values in and out, as IndexedDB does', async () => {
    const kv = memoryKv();
    const value = { title: 'A', tags: ['x'] };
    await kv.set('k', value);
    value.tags.push('changed after set');
    const read = (await kv.get('k')) as typeof value;
    expect(read).toEqual({ title: 'A', tags: ['x'] });
    read.tags.push('changed after get');
    expect(await kv.get('k')).toEqual({ title: 'A', tags: ['x'] });
  });
});

describe('idbKv', () => {
  it('opens no database until it is used (it is created at start-up, also where there is none)', async () => {
    expect('indexedDB' in globalThis).toBe(false);
    const kv = idbKv();
    await expect(kv.keys()).rejects.toThrow();
  });
});
