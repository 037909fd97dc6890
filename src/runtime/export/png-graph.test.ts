import { readFileSync } from 'node:fs';
import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../tests/png-reader';
import { parseGraphDoc } from '../../graph/parse';
import type { GraphDoc } from '../../graph/schema';
import { encodePng } from '../png';
import { readPngChunks, writePngChunks } from './png-chunks';
import { embedGraph, graphChunk, readGraphFromPng, readGraphText } from './png-graph';

const preset = (name: string): GraphDoc => parseGraphDoc(readFileSync(new URL(`../../../presets/${name}`, import.meta.url), 'utf8')).doc!;
const image = () => encodePng({ width: 3, height: 2, pixels: Uint8Array.from({ length: 24 }, (_, i) => i * 10) }, (d) => deflateSync(d));
/** The well-known 1×1 PNG, made by another encoder. */
const foreign = () => new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

/** Where the graph chunk's data starts: right after IHDR (8 + 25 bytes), past its length and type. */
const ITXT_DATA = 8 + 25 + 8;

describe('PNGs that carry their graph', () => {
  it.each(['default.ganvas.json', 'bench/pix2pix-lite-64.ganvas.json'])('round-trips %s to the same document', (name) => {
    const doc = preset(name);
    const png = embedGraph(image(), doc);
    const back = readGraphFromPng(png);
    expect(back.kind).toBe('graph');
    if (back.kind !== 'graph') return;
    expect(back.parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(back.parsed.doc).toEqual(doc);
  });

  it('writes a valid PNG whose iTXt chunk an independent zlib reads', () => {
    const doc = preset('default.ganvas.json');
    const png = embedGraph(image(), doc);
    const decoded = decodePng(png); // checks every CRC with node:zlib
    expect(decoded.chunks).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND']);
    expect(Array.from(decoded.pixels)).toEqual(Array.from({ length: 24 }, (_, i) => i * 10));
    const data = png.subarray(ITXT_DATA, ITXT_DATA + new DataView(png.buffer).getUint32(33));
    const head = Buffer.from('ganvas-graph\0\x01\0\0\0', 'latin1');
    expect(Buffer.from(data.subarray(0, head.length)).equals(head)).toBe(true);
    expect(JSON.parse(inflateSync(data.subarray(head.length)).toString('utf8'))).toEqual(doc);
  });

  it('replaces the graph a PNG already carries instead of adding a second one', () => {
    const once = embedGraph(image(), preset('default.ganvas.json'));
    const twice = embedGraph(once, '{"format":"something else"}');
    expect(decodePng(twice).chunks).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND']);
    expect(readGraphText(twice)).toBe('{"format":"something else"}');
  });

  it('says a PNG from elsewhere carries no graph', () => {
    expect(readGraphFromPng(foreign())).toEqual({ kind: 'no-graph', message: 'This PNG carries no graph.' });
    // Another program's text chunk is not a graph either.
    const r = readPngChunks(foreign());
    const other = { type: 'iTXt', data: new TextEncoder().encode('Comment\0\0\0\0\0hello') };
    const withText = writePngChunks(r.ok ? [r.chunks[0]!, other, ...r.chunks.slice(1)] : []);
    expect(readGraphFromPng(withText).kind).toBe('no-graph');
  });

  it.each([
    ['a JPEG', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46), 'not-png', /not a PNG/],
    ['an empty file', new Uint8Array(0), 'not-png', /not a PNG/],
    ['a PNG cut short', embedGraph(image(), preset('default.ganvas.json')).subarray(0, 120), 'damaged', /damaged/],
    ['only a signature', foreign().subarray(0, 8), 'damaged', /does not start with an image header/],
  ])('refuses %s with a clear message', (_what, bytes, kind, message) => {
    const r = readGraphFromPng(bytes);
    expect(r.kind).toBe(kind);
    expect('message' in r && r.message).toMatch(message);
  });

  it('catches a corrupted graph chunk by its CRC', () => {
    const png = embedGraph(image(), preset('default.ganvas.json'));
    png[ITXT_DATA + 40] = png[ITXT_DATA + 40]! ^ 0x55;
    expect(readGraphFromPng(png)).toEqual({ kind: 'damaged', message: 'This PNG is damaged: the checksum of its iTXt chunk is wrong.' });
  });

  it('says so when a chunk with a right CRC holds broken compressed text, or text that is not a graph', () => {
    const data = graphChunk('{"format":"ganvas-graph"}').data.slice(0, -6);
    const broken = withChunk('iTXt', data);
    expect(readGraphFromPng(broken)).toMatchObject({ kind: 'damaged', message: expect.stringMatching(/^This PNG's graph is damaged: its compressed text does not decompress/) });
    const notJson = readGraphFromPng(withChunk('iTXt', graphChunk('not json {').data));
    expect(notJson.kind).toBe('graph');
    if (notJson.kind === 'graph') expect(notJson.parsed.diagnostics.map((d) => d.code)).toEqual(['notJson']);
    const badFlag = readGraphFromPng(withChunk('iTXt', new TextEncoder().encode('ganvas-graph\0\x07\0\0\0{}')));
    expect(badFlag).toMatchObject({ kind: 'damaged', message: expect.stringMatching(/compression flag is 7/) });
  });

  it('stops inflating a huge graph chunk at the size limit', () => {
    // 64 MB of spaces deflate to about 64 kB: a small file that would inflate past the 20 MB limit.
    const bomb = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const head = new TextEncoder().encode('ganvas-graph\0\x01\0\0\0');
    const body = deflateSync(bomb, { level: 9 });
    expect(body.length).toBeLessThan(100_000);
    const png = withChunk('iTXt', new Uint8Array([...head, ...body]));
    expect(readGraphFromPng(png)).toEqual({ kind: 'too-large', message: "This PNG's graph is larger than 20 MB, the most a graph may be; it was not read." });
    // The limit applies to uncompressed text as well, and can be set.
    const plain = withChunk('iTXt', new TextEncoder().encode(`ganvas-graph\0\0\0\0\0${' '.repeat(2000)}`));
    expect(readGraphFromPng(plain, { maxBytes: 1000 }).kind).toBe('too-large');
    expect(readGraphText(plain, { maxBytes: 3000 })).toBe(' '.repeat(2000));
  });

  it('never throws, whatever bytes of a graph PNG are changed', () => {
    const png = embedGraph(image(), preset('default.ganvas.json'));
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    for (let trial = 0; trial < 300; trial++) {
      const bytes = png.slice(0, trial % 3 === 0 ? rand(png.length) : png.length);
      for (let k = 0; k <= rand(4); k++) if (bytes.length) bytes[rand(bytes.length)] = rand(256);
      const r = readGraphFromPng(bytes);
      expect(['graph', 'no-graph', 'not-png', 'damaged', 'too-large']).toContain(r.kind);
    }
  });
});

/** The foreign PNG with one more chunk after IHDR, its CRC computed by node:zlib. */
function withChunk(type: string, data: Uint8Array): Uint8Array {
  const png = foreign();
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(Buffer.concat([head.subarray(4), data])), 0);
  return new Uint8Array(Buffer.concat([png.subarray(0, 33), head, data, crc, png.subarray(33)]));
}
