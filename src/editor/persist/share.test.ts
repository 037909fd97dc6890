import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGraphDoc } from '../../graph/parse';
import { emptyDoc, type GraphDoc } from '../../graph/schema';
import { createRng } from '../../nodes/prng';
import { say } from '../../nodes/messages';
import { decodeShareFragment, encodeShareFragment, fromBase64Url, SHARE_LIMIT, toBase64Url } from './share';

const presetsDir = fileURLToPath(new URL('../../../presets', import.meta.url));
function presetFiles(dir = presetsDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? presetFiles(join(dir, e.name)) : e.name.endsWith('.ganvas.json') ? [join(dir, e.name)] : [],
  );
}
const presets = presetFiles().map((path) => ({ name: relative(presetsDir, path), doc: parseGraphDoc(readFileSync(path, 'utf8')).doc! }));

/** Text that deflate cannot shrink much: letters drawn from a seeded generator. */
function noise(chars: number, seed = 7): string {
  const rng = createRng(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ';
  return Array.from({ length: chars }, () => letters[Math.floor(rng.uniform() * letters.length)]).join('');
}

function withNote(text: string): GraphDoc {
  return { ...emptyDoc('Long note'), nodes: [{ id: 'note', type: 'note', position: { x: 0, y: 0 }, params: { text } }] };
}

async function fragmentOf(doc: GraphDoc): Promise<string> {
  const r = await encodeShareFragment(doc);
  if (!r.ok) throw new Error(r.reason);
  return r.fragment;
}

const codes = (r: { diagnostics: { code: string }[] } | undefined) => r?.diagnostics.map((d) => d.code);

describe('share links', () => {
  it('finds the presets', () => {
    expect(presets.length).toBeGreaterThanOrEqual(4);
  });

  it.each(presets)('round-trips $name exactly, in a short url-safe link', async ({ doc }) => {
    expect(doc).toBeDefined();
    const fragment = await fragmentOf(doc);
    expect(fragment).toMatch(/^#g=[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(8000);
    const back = await decodeShareFragment(fragment);
    expect(back?.diagnostics).toEqual([]);
    expect(back?.doc).toEqual(doc);
    // Also as `location.hash` may come without its '#', or with stray whitespace from a paste.
    expect((await decodeShareFragment(` ${fragment.slice(1)}\n`))?.doc).toEqual(doc);
  });

  it('round-trips text in any script', async () => {
    const doc = withNote('Grüße, 世界 🎨 — "quotes" \\ and \u2028 separators');
    expect((await decodeShareFragment(await fragmentOf(doc)))?.doc).toEqual(doc);
  });

  it('refuses a graph whose link would be longer than the limit, and says so', async () => {
    const r = await encodeShareFragment(withNote(noise(60_000)));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^This graph is too large for a share link: the link would be [\d,]+ characters, more than the 32,000/);
    const length = Number(/would be ([\d,]+)/.exec(r.reason)![1]!.replace(/,/g, ''));
    expect(length).toBeGreaterThan(SHARE_LIMIT);
  });

  it('accepts a graph just under the limit', async () => {
    // About 5.95 bits per noise letter after deflate, 6 per base64url character.
    const fragment = await fragmentOf(withNote(noise(28_000)));
    expect(fragment.length).toBeGreaterThan(25_000);
    expect(fragment.length).toBeLessThanOrEqual(SHARE_LIMIT);
    expect((await decodeShareFragment(fragment))?.doc).toEqual(withNote(noise(28_000)));
  });

  it('ignores a hash that carries no graph', async () => {
    for (const hash of ['', '#', '#about', '#x=abc', '#graph=abc']) expect(await decodeShareFragment(hash)).toBeUndefined();
  });
});

describe('damaged share links give a sentence, never an exception', () => {
  const corrupt = [say('shareCorrupt', {})];

  it('a truncated link', async () => {
    const fragment = await fragmentOf(presets[0]!.doc);
    for (const keep of [0.9, 0.5, 0.1]) {
      const r = await decodeShareFragment(fragment.slice(0, Math.floor(fragment.length * keep)));
      expect(r?.doc).toBeUndefined();
      expect(r?.diagnostics.map((d) => d.message)).toEqual(corrupt);
    }
  });

  it('random base64url', async () => {
    const rng = createRng(3);
    for (let i = 0; i < 40; i++) {
      const bytes = Uint8Array.from({ length: 20 + i * 37 }, () => Math.floor(rng.uniform() * 256));
      const r = await decodeShareFragment(`#g=${toBase64Url(bytes)}`);
      expect(r?.doc).toBeUndefined();
      expect(codes(r)).toEqual(['shareCorrupt']);
      expect(r?.diagnostics[0]!.severity).toBe('error');
    }
  });

  it.each([
    ['nothing after g=', '#g='],
    ['characters outside base64url', '#g=abc+def/ghi='],
    ['a length base64 cannot have', '#g=abcde'],
    ['an altered character', 'ALTER'],
  ])('%s', async (_what, hash) => {
    const h = hash === 'ALTER' ? (await fragmentOf(presets[0]!.doc)).replace(/^(#g=.{40})./, (_m, p: string) => `${p}!`) : hash;
    const r = await decodeShareFragment(h);
    expect(codes(r)).toEqual(['shareCorrupt']);
  });

  it('a payload that is not JSON, or JSON that is not a graph', async () => {
    const deflated = async (text: string) => {
      const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      return `#g=${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
    };
    expect(codes(await decodeShareFragment(await deflated('not json {')))).toEqual(['shareCorrupt']);
    expect(codes(await decodeShareFragment(await deflated('{"format":"other"}')))).toEqual(['notAGraph']);
    expect(codes(await decodeShareFragment(await deflated('{"format":"ganvas-graph","version":7,"nodes":[]}')))).toEqual(['newerVersion']);
  });

  it('a small link that would inflate past the size a graph may have', async () => {
    // A valid graph with 21 MB of spaces in a note deflates to about 20 kB: it must be stopped while inflating.
    const json = `{"format":"ganvas-graph","version":1,"nodes":[{"id":"n","type":"note","params":{"text":"${' '.repeat(21 * 1024 * 1024)}"}}]}`;
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const fragment = `#g=${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
    expect(fragment.length).toBeLessThan(SHARE_LIMIT * 2);
    expect(codes(await decodeShareFragment(fragment))).toEqual(['shareCorrupt']);
  });
});

describe('base64url', () => {
  it('agrees with Node for every length mod 3, and decodes back', () => {
    const rng = createRng(11);
    for (let n = 0; n < 50; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rng.uniform() * 256));
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('refuses non-canonical text', () => {
    expect(fromBase64Url('AB')).toBeUndefined(); // unused low bits set: 'AA' is the canonical form
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
    expect(fromBase64Url('A')).toBeUndefined();
    expect(fromBase64Url('AA==')).toBeUndefined();
  });
});
