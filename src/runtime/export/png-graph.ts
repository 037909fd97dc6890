/**
 * PNGs that carry their graph: the graph's JSON in a compressed iTXt chunk with the keyword
 * "ganvas-graph" (PNG spec 11.3.4.5), placed right after the header so readers meet it early.
 * Reading takes PNG bytes from anywhere (a drop on the canvas) and never throws: every CRC is
 * checked, the chunk and the text it inflates to are bounded, and the JSON goes through
 * parseGraphDoc like any graph from outside. No tfjs here: the editor's page uses the reader.
 */
import { Unzlib, zlibSync } from 'fflate';
import { MAX_GRAPH_BYTES, parseGraphDoc, type ParseResult } from '../../graph/parse';
import type { GraphDoc } from '../../graph/schema';
import { readPngChunks, writePngChunks, type PngChunk } from './png-chunks';

export const GRAPH_KEYWORD = 'ganvas-graph';

/** Every sentence a reader of a PNG can get, in one place. */
export const PNG_GRAPH_MESSAGES = {
  noGraph: 'This PNG carries no graph.',
  badChunk: (detail: string) => `This PNG's graph is damaged: ${detail}.`,
  tooLarge: (limit: number) => `This PNG's graph is larger than ${mb(limit)} MB, the most a graph may be; it was not read.`,
} as const;

export type PngGraphResult =
  /** The JSON was found; `parsed` says what parseGraphDoc made of it (a document, or why not). */
  | { kind: 'graph'; parsed: ParseResult }
  | { kind: 'no-graph' | 'not-png' | 'damaged' | 'too-large'; message: string };

export interface ReadOptions {
  /** The most bytes the graph's text may have (compressed or not). */
  maxBytes?: number;
}

/** Finds the graph a PNG carries and parses it. */
export function readGraphFromPng(file: Uint8Array, o: ReadOptions = {}): PngGraphResult {
  const text = readGraphText(file, o);
  return typeof text === 'string' ? { kind: 'graph', parsed: parseGraphDoc(text) } : text;
}

/** The graph's JSON text, or why there is none. */
export function readGraphText(file: Uint8Array, o: ReadOptions = {}): string | Exclude<PngGraphResult, { kind: 'graph' }> {
  const max = o.maxBytes ?? MAX_GRAPH_BYTES;
  const read = readPngChunks(file);
  if (!read.ok) return { kind: read.reason, message: read.message };
  const chunk = read.chunks.find((c) => c.type === 'iTXt' && keywordOf(c.data) === GRAPH_KEYWORD);
  if (!chunk) return { kind: 'no-graph', message: PNG_GRAPH_MESSAGES.noGraph };
  const damaged = (detail: string) => ({ kind: 'damaged' as const, message: PNG_GRAPH_MESSAGES.badChunk(detail) });
  const tooLarge = { kind: 'too-large' as const, message: PNG_GRAPH_MESSAGES.tooLarge(max) };
  const d = chunk.data;
  let at = GRAPH_KEYWORD.length + 1;
  const flag = d[at];
  const method = d[at + 1];
  at += 2;
  if (flag !== 0 && flag !== 1) return damaged(`its compression flag is ${flag ?? 'missing'}`);
  if (flag === 1 && method !== 0) return damaged(`it uses compression method ${method}, which PNG does not define`);
  // Skip the language tag and the translated keyword, each ended by a zero byte.
  for (let k = 0; k < 2; k++) {
    const end = d.indexOf(0, at);
    if (end < 0) return damaged('its text header is cut short');
    at = end + 1;
  }
  const body = d.subarray(at);
  if (body.length > max) return tooLarge;
  let bytes: Uint8Array;
  if (flag === 0) bytes = body;
  else {
    const inflated = inflateBounded(body, max);
    if (inflated === 'too-large') return tooLarge;
    if (typeof inflated === 'string') return damaged(`its compressed text does not decompress (${inflated})`);
    bytes = inflated;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return damaged('its text is not UTF-8');
  }
}

/** The same PNG with the graph's JSON in it, replacing any graph it carried before. */
export function embedGraph(png: Uint8Array, graph: GraphDoc | string): Uint8Array {
  const read = readPngChunks(png);
  if (!read.ok) throw new Error(`Cannot put a graph into this file: ${read.message}`);
  const text = typeof graph === 'string' ? graph : JSON.stringify(graph);
  const chunks = read.chunks.filter((c) => !(c.type === 'iTXt' && keywordOf(c.data) === GRAPH_KEYWORD));
  return writePngChunks([chunks[0]!, graphChunk(text), ...chunks.slice(1)]);
}

/** keyword, 0, compression flag 1, method 0 (zlib), empty language tag, 0, empty translated keyword, 0, zlib(UTF-8 text). */
export function graphChunk(text: string): PngChunk {
  const head = new TextEncoder().encode(`${GRAPH_KEYWORD}\0\x01\0\0\0`);
  const body = zlibSync(new TextEncoder().encode(text), { level: 9 });
  const data = new Uint8Array(head.length + body.length);
  data.set(head, 0);
  data.set(body, head.length);
  return { type: 'iTXt', data };
}

/** An iTXt chunk's keyword: Latin-1 up to the first zero byte (at most 79 bytes). */
function keywordOf(data: Uint8Array): string | undefined {
  const end = data.subarray(0, 80).indexOf(0);
  return end < 1 ? undefined : String.fromCharCode(...data.subarray(0, end));
}

/**
 * zlib-inflates at most `max` bytes: the input goes in small pieces (deflate expands a piece by
 * at most about 1032×), so a small chunk that would inflate to gigabytes stops early.
 */
function inflateBounded(data: Uint8Array, max: number): Uint8Array | 'too-large' | string {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const z = new Unzlib((part, final) => {
    parts.push(part);
    total += part.length;
    ended ||= final;
  });
  const PIECE = 4096;
  try {
    for (let at = 0; at < data.length && total <= max; at += PIECE) z.push(data.subarray(at, at + PIECE), at + PIECE >= data.length);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (total > max) return 'too-large';
  if (!ended) return 'the stream ends early';
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function mb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 10) / 10);
}
