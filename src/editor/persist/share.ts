/**
 * Share links: the whole graph in the URL fragment, `#g=` + base64url(deflate-raw(JSON)).
 * The fragment never reaches a server, so sharing needs none. A link is outside data like
 * any file: the payload is decompressed with a size cap and read through parseGraphDoc.
 *
 * SHARE_LIMIT: browsers take URLs of megabytes, but chat apps, mail clients and URL fields
 * of forms truncate or refuse much shorter ones, and a truncated link loses the whole graph.
 * 32,000 characters keeps every preset (a few thousand characters each) and graphs of a
 * few hundred nodes, while staying under the limits that commonly bite (Slack, for one,
 * truncates messages longer than 40,000 characters).
 */
import { diag } from '../../graph/diagnostics';
import { MAX_GRAPH_BYTES, parseGraphDoc, type ParseResult } from '../../graph/parse';
import type { GraphDoc } from '../../graph/schema';
import { say } from '../../nodes/messages';
import { orderDoc } from './files';

export const SHARE_PREFIX = '#g=';
export const SHARE_LIMIT = 32_000;

export type ShareEncoding = { ok: true; fragment: string } | { ok: false; reason: string };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** undefined unless `text` is unpadded base64url whose unused bits are zero. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (const ch of text) {
    acc = ((acc << 6) | B64.indexOf(ch)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return (acc & ((1 << bits) - 1)) === 0 ? out : undefined;
}

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The inflated bytes, or 'tooLarge' past `limit` (a small link may inflate enormously). Rejects on corrupt data. */
async function inflate(bytes: Uint8Array<ArrayBuffer>, limit: number): Promise<Uint8Array | 'tooLarge'> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      return 'tooLarge';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const hasStreams = () => typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/** `#g=…` for the document, or the sentence saying why it cannot be a link. */
export async function encodeShareFragment(doc: GraphDoc): Promise<ShareEncoding> {
  if (!hasStreams()) return { ok: false, reason: say('shareUnsupported', {}) };
  const packed = await deflate(new TextEncoder().encode(JSON.stringify(orderDoc(doc))));
  const fragment = SHARE_PREFIX + toBase64Url(packed);
  if (fragment.length > SHARE_LIMIT)
    return { ok: false, reason: say('shareTooLong', { length: fragment.length, limit: SHARE_LIMIT }) };
  return { ok: true, fragment };
}

/**
 * The graph in a location hash (with or without its '#'), through parseGraphDoc; undefined
 * when the hash carries no graph. A damaged payload gives a diagnostic; never throws.
 */
export async function decodeShareFragment(hash: string): Promise<ParseResult | undefined> {
  const m = /^#?g=(.*)$/s.exec(hash.trim());
  if (!m) return undefined;
  const corrupt = (): ParseResult => ({ diagnostics: [diag('error', 'shareCorrupt', {})] });
  const bytes = fromBase64Url(m[1]!);
  if (!bytes || bytes.length === 0) return corrupt();
  if (!hasStreams()) return { diagnostics: [diag('error', 'shareUnsupported', {})] };
  let text: string;
  try {
    const inflated = await inflate(bytes as Uint8Array<ArrayBuffer>, MAX_GRAPH_BYTES);
    if (inflated === 'tooLarge') return corrupt(); // no link Ganvas makes inflates this far
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return corrupt();
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // A link's JSON is written by Ganvas, so text that does not parse is a damaged link.
    return corrupt();
  }
  return parseGraphDoc(value);
}
