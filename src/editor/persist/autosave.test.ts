import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDoc, type GraphDoc } from '../../graph/schema';
import { say } from '../../nodes/messages';
import { createAutosave } from './autosave';
import { memoryKv } from './kv';
import { createLibrary, GraphTooLargeError, type Library } from './library';

const doc = (title: string): GraphDoc => emptyDoc(title);

/** A library that records every save and can be told to fail. */
function recorder(fail?: (id: string) => unknown) {
  const saves: [string, string][] = [];
  const lib: Pick<Library, 'save'> = {
    save: async (id, d) => {
      await Promise.resolve();
      const error = fail?.(id);
      if (error) throw error;
      saves.push([id, d.meta.title]);
    },
  };
  return { lib, saves };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createAutosave', () => {
  it('writes once edits pause, and only the last document', async () => {
    const { lib, saves } = recorder();
    const a = createAutosave(lib, { delayMs: 500 });
    a.schedule('g', doc('v1'));
    await vi.advanceTimersByTimeAsync(300);
    a.schedule('g', doc('v2'));
    await vi.advanceTimersByTimeAsync(300);
    a.schedule('g', doc('v3'));
    await vi.advanceTimersByTimeAsync(499);
    expect(saves).toEqual([]);
    expect(a.pending()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual([['g', 'v3']]);
    expect(a.pending()).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toHaveLength(1);
  });

  it('keeps the last document of each graph when several are edited', async () => {
    const { lib, saves } = recorder();
    const a = createAutosave(lib, { delayMs: 100 });
    a.schedule('a', doc('a1'));
    a.schedule('b', doc('b1'));
    a.schedule('a', doc('a2'));
    await vi.advanceTimersByTimeAsync(100);
    expect(saves).toEqual([
      ['a', 'a2'],
      ['b', 'b1'],
    ]);
  });

  it('does not let a steady stream of edits postpone saving past maxWaitMs', async () => {
    const { lib, saves } = recorder();
    const a = createAutosave(lib, { delayMs: 100, maxWaitMs: 1000 });
    for (let t = 0; t < 1500; t += 50) {
      a.schedule('g', doc(`at ${t}`));
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(saves[0]).toEqual(['g', 'at 950']);
    expect(saves).toHaveLength(1);
  });

  it('flushes on demand, without waiting for the timer', async () => {
    const { lib, saves } = recorder();
    const a = createAutosave(lib, { delayMs: 10_000 });
    a.schedule('g', doc('now'));
    await a.flush();
    expect(saves).toEqual([['g', 'now']]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(saves).toHaveLength(1);
    await a.flush(); // nothing scheduled: nothing written
    expect(saves).toHaveLength(1);
  });

  it('writes in order: a document scheduled during a slow write waits for it', async () => {
    const started: string[] = [];
    const saves: string[] = [];
    let release = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const lib: Pick<Library, 'save'> = {
      save: async (_id, d) => {
        started.push(d.meta.title);
        if (d.meta.title === 'old') await slow;
        saves.push(d.meta.title);
      },
    };
    const a = createAutosave(lib, { delayMs: 10 });
    a.schedule('g', doc('old'));
    const first = a.flush();
    await vi.advanceTimersByTimeAsync(0);
    a.schedule('g', doc('new'));
    const second = a.flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['old']);
    expect(a.pending()).toBe(true);
    release();
    await Promise.all([first, second]);
    expect(saves).toEqual(['old', 'new']);
    expect(a.pending()).toBe(false);
  });

  it('forgets a cancelled graph', async () => {
    const { lib, saves } = recorder();
    const a = createAutosave(lib, { delayMs: 10 });
    a.schedule('gone', doc('x'));
    a.schedule('kept', doc('y'));
    a.cancel('gone');
    await vi.advanceTimersByTimeAsync(10);
    expect(saves).toEqual([['kept', 'y']]);
  });

  it('reports a full quota as a sentence, never rejects, and keeps saving other graphs', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const { lib, saves } = recorder((id) => (id === 'full' ? quota : undefined));
    const errors: [string, string][] = [];
    const a = createAutosave(lib, { delayMs: 10, onError: (m, id) => errors.push([m, id]) });
    a.schedule('full', doc('My GAN'));
    a.schedule('fine', doc('Other'));
    await expect(a.flush()).resolves.toBeUndefined();
    expect(errors).toEqual([[say('saveFailed', { title: 'My GAN', reason: 'quota' }), 'full']]);
    expect(errors[0]![0]).toMatch(/“My GAN” could not be saved: this browser's storage for Ganvas is full/);
    expect(saves).toEqual([['fine', 'Other']]);
  });

  it('says which failure it was: too large, or anything else', async () => {
    const errors: string[] = [];
    const failures: Record<string, unknown> = { big: new GraphTooLargeError(30 * 1024 * 1024), odd: new Error('disk on fire') };
    const { lib } = recorder((id) => failures[id]);
    const a = createAutosave(lib, { delayMs: 10, onError: (m) => errors.push(m) });
    a.schedule('big', doc('Big'));
    a.schedule('odd', doc('Odd'));
    await vi.advanceTimersByTimeAsync(10);
    await a.flush();
    expect(errors).toEqual([
      say('saveFailed', { title: 'Big', reason: 'tooLarge', size: '30.0 MB', limit: '20.0 MB' }),
      say('saveFailed', { title: 'Odd', reason: 'other' }),
    ]);
    expect(errors[0]).toContain('30.0 MB');
  });

  it('survives an error callback that throws', async () => {
    const { lib, saves } = recorder((id) => (id === 'bad' ? new Error('x') : undefined));
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const a = createAutosave(lib, {
      delayMs: 10,
      onError: () => {
        throw new Error('UI bug');
      },
    });
    a.schedule('bad', doc('A'));
    await expect(a.flush()).resolves.toBeUndefined();
    a.schedule('good', doc('B'));
    await a.flush();
    expect(saves).toEqual([['good', 'B']]);
    expect(err).toHaveBeenCalledTimes(1);
    err.mockRestore();
  });

  it('saves into a real library on memory storage', async () => {
    const kv = memoryKv();
    const lib = createLibrary(kv);
    const saved: string[] = [];
    const a = createAutosave(lib, { delayMs: 200, onSaved: (id) => saved.push(id) });
    const id = await lib.create(doc('Start'));
    a.schedule(id, doc('Edited'));
    expect((await lib.load(id)).doc?.meta.title).toBe('Start');
    await vi.advanceTimersByTimeAsync(200);
    expect((await lib.load(id)).doc?.meta.title).toBe('Edited');
    expect(saved).toEqual([id]);
  });
});
