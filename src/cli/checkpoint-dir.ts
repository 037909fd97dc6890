/**
 * A checkpoint on disk: a directory holding `manifest.json` (format, version, step, random
 * streams, and where each tensor sits) and `tensors.bin` (every tensor, little-endian,
 * back to back). Writing goes to a sibling directory that then replaces the old one, so a
 * crash mid-write never leaves a half checkpoint where a good one was.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint, type SavedTensor } from '../runtime/state';
import { CliError } from './errors';

export const MANIFEST = 'manifest.json';
export const TENSORS = 'tensors.bin';

interface TensorEntry {
  dtype: 'float32' | 'int32';
  shape: number[];
  /** Byte offset in tensors.bin. */
  offset: number;
  /** Number of elements. */
  length: number;
}

export interface Manifest {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  step: number;
  layout: string;
  streams: Record<string, number>;
  data: { file: string; bytes: number; sha256: string };
  weights: Record<string, TensorEntry>;
  optimizers: Record<string, { name: string; tensor: TensorEntry }[]>;
  /** For people reading the file; not checked on load. */
  graph?: string;
  savedAt?: string;
}

const littleEndian = endianness() === 'LE';

export function encodeCheckpoint(c: Checkpoint, extra: Pick<Manifest, 'graph' | 'savedAt'> = {}): { manifest: Manifest; bytes: Uint8Array } {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const put = (t: SavedTensor): TensorEntry => {
    const bytes = leBytes(t.data);
    parts.push(bytes);
    const entry = { dtype: t.dtype, shape: [...t.shape], offset, length: t.data.length };
    offset += bytes.length;
    return entry;
  };
  const weights = Object.fromEntries(Object.entries(c.weights).map(([k, t]) => [k, put(t)]));
  const optimizers = Object.fromEntries(Object.entries(c.optimizers).map(([id, list]) => [id, list.map(({ name, value }) => ({ name, tensor: put(value) }))]));
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  const manifest: Manifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    step: c.step,
    layout: c.layout,
    streams: { ...c.streams },
    data: { file: TENSORS, bytes: bytes.length, sha256: sha256(bytes) },
    weights,
    optimizers,
    ...extra,
  };
  return { manifest, bytes };
}

/** Checks a manifest and its tensor file and rebuilds the checkpoint; `where` names them in errors. */
export function decodeCheckpoint(raw: unknown, bytes: Uint8Array, where: string): Checkpoint {
  const bad = (what: string) => new CliError(`${where} is damaged: ${what}.`);
  const m = raw as Partial<Manifest> | null;
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new CliError(`${where} is not a Ganvas checkpoint (its ${MANIFEST} is not a JSON object).`);
  if (m.format !== CHECKPOINT_FORMAT) throw new CliError(`${where} is not a Ganvas checkpoint (its ${MANIFEST} says format ${JSON.stringify(m.format)}, expected "${CHECKPOINT_FORMAT}").`);
  if (typeof m.version !== 'number' || !Number.isInteger(m.version)) throw bad(`its version is ${JSON.stringify(m.version)}, not a whole number`);
  if (m.version > CHECKPOINT_VERSION) throw new CliError(`${where} was written by a newer Ganvas (checkpoint version ${m.version}); this one reads version ${CHECKPOINT_VERSION}. Update Ganvas to resume it.`);
  if (m.version !== CHECKPOINT_VERSION) throw new CliError(`${where} has checkpoint version ${m.version}, which this Ganvas cannot read (it reads version ${CHECKPOINT_VERSION}).`);
  if (typeof m.step !== 'number' || !Number.isInteger(m.step) || m.step < 0) throw bad('its step is missing');
  if (typeof m.layout !== 'string') throw bad('its layout is missing');
  if (!isRecord(m.streams) || !Object.values(m.streams).every((s) => typeof s === 'number')) throw bad('its random streams are missing');
  if (!isRecord(m.data) || !isRecord(m.weights) || !isRecord(m.optimizers)) throw bad('its tensor list is missing');
  if (m.data.bytes !== bytes.length) throw bad(`${TENSORS} holds ${bytes.length} bytes, the manifest expects ${m.data.bytes}`);
  if (m.data.sha256 !== sha256(bytes)) throw bad(`${TENSORS} does not match the manifest's checksum`);
  const take = (e: TensorEntry, name: string): SavedTensor => {
    const size = e?.dtype === 'float32' || e?.dtype === 'int32' ? 4 : 0;
    const ok =
      size > 0 &&
      Array.isArray(e.shape) &&
      e.shape.every((d) => Number.isInteger(d) && d >= 0) &&
      e.shape.reduce((a, b) => a * b, 1) === e.length &&
      Number.isInteger(e.offset) &&
      e.offset >= 0 &&
      e.offset + e.length * size <= bytes.length;
    if (!ok) throw bad(`the entry for ${name} is not valid`);
    // A copy: the typed array needs its own aligned buffer.
    const slice = bytes.slice(e.offset, e.offset + e.length * size);
    const data = e.dtype === 'int32' ? new Int32Array(fromLe(slice).buffer) : new Float32Array(fromLe(slice).buffer);
    return { dtype: e.dtype, shape: [...e.shape], data };
  };
  const weights = Object.fromEntries(Object.entries(m.weights).map(([k, e]) => [k, take(e, k)]));
  const optimizers: Checkpoint['optimizers'] = {};
  for (const [id, list] of Object.entries(m.optimizers)) {
    if (!Array.isArray(list)) throw bad(`the slots of ${id} are not a list`);
    optimizers[id] = list.map((s: { name: string; tensor: TensorEntry }, i) => {
      if (typeof s?.name !== 'string') throw bad(`slot ${i} of ${id} has no name`);
      return { name: s.name, value: take(s.tensor, `${id}/${s.name}`) };
    });
  }
  return { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, layout: m.layout, step: m.step, weights, optimizers, streams: { ...m.streams } };
}

export function writeCheckpointDir(dir: string, c: Checkpoint, extra: Pick<Manifest, 'graph' | 'savedAt'> = {}): void {
  const target = resolve(dir);
  const { manifest, bytes } = encodeCheckpoint(c, extra);
  mkdirSync(dirname(target), { recursive: true });
  const fresh = `${target}.writing-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh);
  writeFileSync(join(fresh, TENSORS), bytes);
  writeFileSync(join(fresh, MANIFEST), formatManifest(manifest));
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}

/** Reads DIR, or DIR/checkpoint when DIR is a run's output directory. */
export function readCheckpointDir(dir: string): Checkpoint {
  let at = resolve(dir);
  if (!existsSync(join(at, MANIFEST)) && existsSync(join(at, 'checkpoint', MANIFEST))) at = join(at, 'checkpoint');
  if (!existsSync(at)) throw new CliError(`There is no checkpoint at ${dir}: the directory does not exist.`);
  if (!statSync(at).isDirectory()) throw new CliError(`${dir} is a file; --resume takes a checkpoint directory (one holding ${MANIFEST} and ${TENSORS}).`);
  if (!existsSync(join(at, MANIFEST))) throw new CliError(`${dir} is not a checkpoint: it has no ${MANIFEST}.`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(at, MANIFEST), 'utf8'));
  } catch (e) {
    throw new CliError(`The checkpoint at ${dir} cannot be read: ${MANIFEST} is not valid JSON (${(e as Error).message}).`);
  }
  const file = isRecord(raw) && isRecord(raw.data) && typeof raw.data.file === 'string' ? raw.data.file : TENSORS;
  // The manifest names its data file; anything but a plain name could point outside the checkpoint.
  if (file.includes('/') || file.includes('\\') || file.startsWith('.')) throw new CliError(`The checkpoint at ${dir} is damaged: its data file name ${JSON.stringify(file)} is not allowed.`);
  if (isRecord(raw) && raw.format === CHECKPOINT_FORMAT && !existsSync(join(at, file))) throw new CliError(`The checkpoint at ${dir} is incomplete: ${file} is missing.`);
  const bytes = existsSync(join(at, file)) ? new Uint8Array(readFileSync(join(at, file))) : new Uint8Array(0);
  return decodeCheckpoint(raw, bytes, `The checkpoint at ${dir}`);
}

/** Indented down to the tensor entries, each entry on one line: readable, and small. */
function formatManifest(m: Manifest): string {
  const block = (entries: [string, string][], indent: string) =>
    `{\n${entries.map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${v}`).join(',\n')}\n${indent}}`;
  const top = Object.entries(m).map(([k, v]): [string, string] => {
    if (k === 'weights') return [k, block(Object.entries(v as object).map(([id, e]) => [id, JSON.stringify(e)]), '  ')];
    if (k === 'optimizers')
      return [k, block(Object.entries(v as object).map(([id, list]: [string, unknown[]]) => [id, `[\n${list.map((e) => `      ${JSON.stringify(e)}`).join(',\n')}\n    ]`]), '  ')];
    return [k, JSON.stringify(v)];
  });
  return block(top, '') + '\n';
}

function leBytes(data: Float32Array | Int32Array): Uint8Array {
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return littleEndian ? view : swap4(view);
}

function fromLe(bytes: Uint8Array): Uint8Array {
  return littleEndian ? bytes : swap4(bytes);
}

function swap4(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i += 4) for (let k = 0; k < 4; k++) out[i + k] = b[i + 3 - k]!;
  return out;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
