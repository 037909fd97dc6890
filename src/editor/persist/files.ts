/**
 * Graph files: the name an export gets, the text it holds, and reading a file the user
 * picked or dropped. Reading always ends in parseGraphDoc: a file is outside data.
 */
import type { z } from 'zod';
import { diag } from '../../graph/diagnostics';
import { MAX_GRAPH_BYTES, parseGraphDoc, type ParseResult } from '../../graph/parse';
import { PNG_SIGNATURE } from '../../runtime/export/png-chunks';
import { readGraphFromPng } from '../../runtime/export/png-graph';
import { zEdge, zGraphDoc, zMeta, zNetwork, zNode, zPosition, zSettings, type GraphDoc } from '../../graph/schema';

export const GRAPH_FILE_SUFFIX = '.ganvas.json';

/** "Colourise: grey → colour" → "colourise-grey-colour.ganvas.json". Letters of any script are kept. */
export function exportFileName(doc: GraphDoc): string {
  let slug = doc.meta.title
    // Accents on Latin letters come apart under NFKD and are dropped; other scripts' marks
    // (Japanese dakuten, Devanagari vowels) are put back together by NFC.
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]+/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // By code points, so that a letter outside the BMP is not cut in half.
  slug = Array.from(slug).slice(0, 60).join('').replace(/-+$/, '');
  if (!slug) slug = 'graph';
  // Windows refuses these names whatever the extension.
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/.test(slug)) slug = `${slug}-graph`;
  return `${slug}${GRAPH_FILE_SUFFIX}`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object's keys in the schema's order, then any others in their own order (nothing is lost). */
function ordered(value: unknown, schema: z.ZodObject, nested: Record<string, (v: unknown) => unknown> = {}): unknown {
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const key of [...Object.keys(schema.shape), ...Object.keys(value)]) {
    if (key in out || !(key in value)) continue;
    const f = nested[key];
    out[key] = f ? f(value[key]) : value[key];
  }
  return out;
}

const each = (f: (v: unknown) => unknown) => (v: unknown) => (Array.isArray(v) ? v.map(f) : v);
const node = (v: unknown) => ordered(v, zNode, { position: (p) => ordered(p, zPosition) });
const edge = (v: unknown) => ordered(v, zEdge);
const network = (v: unknown) => ordered(v, zNetwork, { nodes: each(node), edges: each(edge) });

/**
 * The document with its keys in the schema's order, so that saving the same graph always
 * gives the same text whatever order edits left the keys in. Params keep their own order.
 */
export function orderDoc(doc: GraphDoc): GraphDoc {
  return ordered(doc, zGraphDoc, {
    meta: (m) => ordered(m, zMeta),
    nodes: each(node),
    edges: each(edge),
    networks: each(network),
    settings: (s) => ordered(s, zSettings),
  }) as GraphDoc;
}

/** The text of a .ganvas.json file: 2-space JSON and a final newline, as the presets are written. */
export function serializeDoc(doc: GraphDoc): string {
  return `${JSON.stringify(orderDoc(doc), null, 2)}\n`;
}

const imageNames = /\.(png|jpe?g|gif|webp|avif|bmp|svg|ico|heic|tiff?)$/i;

/** PNG, JPEG, GIF and WebP by their first bytes, for files whose name and type say nothing. */
function looksLikeImage(b: Uint8Array): boolean {
  const at = (i: number, ...bytes: number[]) => bytes.every((x, j) => b[i + j] === x);
  return (
    at(0, 0x89, 0x50, 0x4e, 0x47) ||
    at(0, 0xff, 0xd8, 0xff) ||
    at(0, 0x47, 0x49, 0x46, 0x38) ||
    (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50))
  );
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A graph file that carries its pictures (`assets`) may be this large; the graph in it, MAX_GRAPH_BYTES. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** A result PNG is a grid of previews: 50 MB is far more than one needs. */
export const MAX_PNG_BYTES = 50 * 1024 * 1024;

export interface GraphFileResult extends ParseResult {
  /** The file's `assets` field as it was, for the picture store to check and keep. */
  assets?: unknown;
}

/**
 * Reads a picked or dropped file. Images and files over MAX_FILE_BYTES are refused before
 * the whole file is read; a file over MAX_GRAPH_BYTES is read only for the pictures it
 * carries. The graph goes through parseGraphDoc. Never throws.
 */
const isPng = (head: Uint8Array) => PNG_SIGNATURE.every((b, i) => head[i] === b);

/** A result PNG exported by Ganvas carries its graph in a chunk; other PNGs say they carry none. */
async function readPngFile(file: Blob, name: string): Promise<GraphFileResult> {
  if (file.size > MAX_PNG_BYTES) return { diagnostics: [diag('error', 'tooLarge', { size: mb(file.size), limit: mb(MAX_PNG_BYTES) })] };
  const r = readGraphFromPng(new Uint8Array(await file.arrayBuffer()));
  if (r.kind === 'graph') return r.parsed;
  if (r.kind === 'no-graph') return { diagnostics: [diag('error', 'pngNoGraph', { name })] };
  return { diagnostics: [diag('error', 'pngGraphUnreadable', { name, detail: r.message })] };
}

export async function readGraphFile(file: Blob & { name?: string }): Promise<GraphFileResult> {
  const name = file.name || 'untitled file';
  const tooLarge = (limit: number): GraphFileResult => ({ diagnostics: [diag('error', 'tooLarge', { size: mb(file.size), limit: mb(limit) })] });
  try {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    if (isPng(head)) return await readPngFile(file, name);
    if (file.type.startsWith('image/') || imageNames.test(name) || looksLikeImage(head))
      return { diagnostics: [diag('error', 'imageNotGraph', { name })] };
    if (file.size > MAX_FILE_BYTES) return tooLarge(MAX_FILE_BYTES);
    // Blob.text() decodes UTF-8 and drops a byte-order mark, which JSON.parse would refuse.
    const text = await file.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // parseGraphDoc words the syntax error.
      return file.size > MAX_GRAPH_BYTES ? tooLarge(MAX_GRAPH_BYTES) : parseGraphDoc(text);
    }
    if (isObj(raw) && raw.assets !== undefined) {
      const { assets, ...graph } = raw;
      if (file.size > MAX_GRAPH_BYTES && JSON.stringify(graph).length > MAX_GRAPH_BYTES) return tooLarge(MAX_GRAPH_BYTES);
      const r = parseGraphDoc(graph);
      return r.doc ? { ...r, assets } : r;
    }
    return file.size > MAX_GRAPH_BYTES ? tooLarge(MAX_GRAPH_BYTES) : parseGraphDoc(raw);
  } catch {
    return { diagnostics: [diag('error', 'fileUnreadable', { name })] };
  }
}
