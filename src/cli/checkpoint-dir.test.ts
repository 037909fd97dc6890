import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint } from '../runtime/state';
import { MANIFEST, readCheckpointDir, TENSORS, writeCheckpointDir } from './checkpoint-dir';
import { CliError } from './errors';

const root = mkdtempSync(join(tmpdir(), 'ganvas-ckpt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const fresh = () => join(root, `c${n++}`);

function sample(): Checkpoint {
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    layout: 'g/k:2x3;g/b:3',
    step: 42,
    weights: {
      'g/k': { dtype: 'float32', shape: [2, 3], data: Float32Array.of(1.5, -2, 3.25, Math.fround(0.1), -0, 1e-30) },
      'g/b': { dtype: 'float32', shape: [3], data: Float32Array.of(7, 8, 9) },
    },
    optimizers: {
      opt: [
        { name: 'iter', value: { dtype: 'int32', shape: [], data: Int32Array.of(42) } },
        { name: 'g/k/m', value: { dtype: 'float32', shape: [2, 3], data: Float32Array.of(0.5, 0.25, 0.125, 1, 2, 3) } },
      ],
    },
    streams: { data: 123, noise: 7 },
  };
}

function failure(dir: string): CliError {
  try {
    readCheckpointDir(dir);
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error('expected the checkpoint to be refused');
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Record<string, unknown>;

describe('checkpoint directory', () => {
  it('reads back exactly what it wrote, bit for bit', () => {
    const dir = fresh();
    writeCheckpointDir(dir, sample(), { graph: 'test' });
    const back = readCheckpointDir(dir);
    expect(back).toEqual(sample());
    expect(back.weights['g/k']!.data).toBeInstanceOf(Float32Array);
    expect(Object.is(back.weights['g/k']!.data[4], -0)).toBe(true);
    expect(back.optimizers.opt![0]!.value.data).toBeInstanceOf(Int32Array);
    // Nine float32 values and one int32 value, little-endian, back to back.
    const bytes = readFileSync(join(dir, TENSORS));
    expect(bytes.length).toBe(16 * 4);
    expect(bytes.readFloatLE(0)).toBe(1.5);
    expect(bytes.readInt32LE(9 * 4)).toBe(42);
  });

  it('replaces an older checkpoint in the same place', () => {
    const dir = fresh();
    writeCheckpointDir(dir, sample());
    const next = { ...sample(), step: 43 };
    writeCheckpointDir(dir, next);
    expect(readCheckpointDir(dir).step).toBe(43);
  });

  it("finds the checkpoint in a run's output directory", () => {
    const run = fresh();
    writeCheckpointDir(join(run, 'checkpoint'), sample());
    expect(readCheckpointDir(run).step).toBe(42);
  });

  it.each([
    ['another format', (m: Record<string, unknown>) => ({ ...m, format: 'ganvas-graph' }), /not a Ganvas checkpoint.*"ganvas-graph"/],
    ['a newer version', (m: Record<string, unknown>) => ({ ...m, version: CHECKPOINT_VERSION + 1 }), /newer Ganvas \(checkpoint version 2\)/],
    ['an older, unknown version', (m: Record<string, unknown>) => ({ ...m, version: 0 }), /version 0, which this Ganvas cannot read/],
    ['a tensor that does not fit', (m: Record<string, unknown>) => ({ ...m, weights: { 'g/k': { dtype: 'float32', shape: [100], offset: 0, length: 100 } } }), /damaged: the entry for g\/k/],
    ['a shape that disagrees with the length', (m: Record<string, unknown>) => ({ ...m, weights: { 'g/k': { dtype: 'float32', shape: [2, 2], offset: 0, length: 6 } } }), /damaged: the entry for g\/k/],
  ])('refuses a manifest with %s', (_what, edit, message) => {
    const dir = fresh();
    writeCheckpointDir(dir, sample());
    writeFileSync(join(dir, MANIFEST), JSON.stringify(edit(manifestOf(dir))));
    const e = failure(dir);
    expect(e.message).toMatch(message);
    expect(e.exitCode).toBe(2);
  });

  it('refuses tensor data that does not match the checksum', () => {
    const dir = fresh();
    writeCheckpointDir(dir, sample());
    const bytes = readFileSync(join(dir, TENSORS));
    bytes[5] = bytes[5]! ^ 0x40;
    writeFileSync(join(dir, TENSORS), bytes);
    expect(failure(dir).message).toMatch(/damaged: tensors.bin does not match the manifest's checksum/);
  });

  it('says what is missing or unreadable', () => {
    expect(failure(join(root, 'nowhere')).message).toMatch(/no checkpoint at .*does not exist/);
    const empty = fresh();
    writeCheckpointDir(empty, sample());
    rmSync(join(empty, TENSORS));
    expect(failure(empty).message).toMatch(/incomplete: tensors.bin is missing/);
    const notJson = fresh();
    writeCheckpointDir(notJson, sample());
    writeFileSync(join(notJson, MANIFEST), '{ oops');
    expect(failure(notJson).message).toMatch(/manifest.json is not valid JSON/);
    const escape = fresh();
    writeCheckpointDir(escape, sample());
    writeFileSync(join(escape, MANIFEST), JSON.stringify({ ...manifestOf(escape), data: { file: '../../etc/passwd', bytes: 0, sha256: '' } }));
    expect(failure(escape).message).toMatch(/data file name .* is not allowed/);
  });
});
