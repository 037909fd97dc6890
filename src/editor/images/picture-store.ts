/**
 * The user's pictures, kept in IndexedDB by content hash: each file's original bytes with its
 * type and decoded size. Adding checks the file (size, format, header, decode) and says what
 * was wrong; loading decodes the pictures a document names for the training worker. The
 * decoder is passed in (the page's createImageBitmap; a PNG reader in Node tests).
 */
import { z } from 'zod';
import type { GraphDoc } from '../../graph/schema';
import { assetMimes, MAX_ASSET_BYTES } from '../../graph/schema';
import type { WireImage } from '../../runtime/protocol';
import type { Kv } from '../persist/kv';
import { fitWithin, sniff, type PictureMime } from './formats';
import { pictureId } from './hash';
import { formatName, pictureMessages as say } from './messages';

/** Decodes a picture to RGBA, its long side fitted within `maxSide`; throws when it cannot. */
export type Decode = (bytes: Uint8Array, mime: PictureMime, maxSide: number) => Promise<{ width: number; height: number; image: WireImage }>;

export const MAX_SIDE = 2048;
export const MAX_PIXELS = 100_000_000;

const zMeta = z.object({
  name: z.string(),
  mime: z.enum(assetMimes),
  /** The decoded picture's own size (it is used fitted within MAX_SIDE). */
  width: z.int().positive(),
  height: z.int().positive(),
  size: z.int().nonnegative(),
});
export type PictureMeta = z.infer<typeof zMeta>;

export type AddResult = { ok: true; id: string; meta: PictureMeta; note?: string } | { ok: false; message: string };

export interface PictureStore {
  /** Checks, decodes and stores a file; an existing picture with the same bytes is kept as it is. */
  add(file: Blob & { name?: string }): Promise<AddResult>;
  addBytes(name: string, bytes: Uint8Array): Promise<AddResult>;
  meta(id: string): Promise<PictureMeta | undefined>;
  /** The stored file, as the user added it. */
  file(id: string): Promise<{ meta: PictureMeta; bytes: Uint8Array } | undefined>;
  /** The picture decoded, fitted within `maxSide` (MAX_SIDE unless given); undefined if absent or undecodable. */
  decode(id: string, maxSide?: number): Promise<WireImage | undefined>;
  /** Decodes every picture the document's image-set nodes name (networks included). */
  loadImagesFor(doc: GraphDoc): Promise<{ images: Record<string, WireImage>; missing: string[] }>;
}

export interface PictureLimits {
  maxBytes: number;
  maxSide: number;
  maxPixels: number;
}

const metaKey = (id: string) => `meta:${id}`;
const dataKey = (id: string) => `data:${id}`;

/** The image ids a document names, each once, in order of appearance. */
export function pictureIdsOf(doc: GraphDoc): string[] {
  const ids = new Set<string>();
  for (const n of [...doc.nodes, ...doc.networks.flatMap((net) => net.nodes)]) {
    if (n.type !== 'image-set') continue;
    const list = n.params.images;
    if (Array.isArray(list)) for (const id of list) if (typeof id === 'string' && id) ids.add(id);
  }
  return [...ids];
}

export function createPictureStore(kv: Kv, decode: Decode, limits: Partial<PictureLimits> = {}): PictureStore {
  const { maxBytes, maxSide, maxPixels } = { maxBytes: MAX_ASSET_BYTES, maxSide: MAX_SIDE, maxPixels: MAX_PIXELS, ...limits };

  const meta = async (id: string) => {
    const r = zMeta.safeParse(await kv.get(metaKey(id)));
    return r.success ? r.data : undefined;
  };
  const file = async (id: string) => {
    const m = await meta(id);
    const bytes = m && (await kv.get(dataKey(id)));
    return m && bytes instanceof Uint8Array ? { meta: m, bytes } : undefined;
  };

  async function addBytes(name: string, bytes: Uint8Array): Promise<AddResult> {
    if (bytes.length > maxBytes) return { ok: false, message: say.tooManyBytes(name, bytes.length, maxBytes) };
    const s = sniff(bytes);
    if (s.kind === 'unknown') return { ok: false, message: say.notAPicture(name) };
    if (s.kind === 'other-picture') return { ok: false, message: say.otherFormat(name, s.format) };
    if (s.kind === 'damaged') return { ok: false, message: say.damaged(name, formatName[s.mime]!) };
    if (s.width * s.height > maxPixels) return { ok: false, message: say.tooManyPixels(name, s.width, s.height, maxPixels) };
    let size: { width: number; height: number };
    try {
      size = await decode(bytes, s.mime, maxSide);
    } catch {
      return { ok: false, message: say.damaged(name, formatName[s.mime]!) };
    }
    let id: string;
    try {
      id = await pictureId(bytes);
    } catch (e) {
      return { ok: false, message: say.noStorage((e as Error).message) };
    }
    const m: PictureMeta = { name: name.slice(0, 200), mime: s.mime, width: size.width, height: size.height, size: bytes.length };
    try {
      const existing = await meta(id);
      if (!existing) {
        // The bytes first: a meta record always has its data.
        await kv.set(dataKey(id), bytes);
        await kv.set(metaKey(id), m);
      }
    } catch (e) {
      return { ok: false, message: say.noStorage(String(e)) };
    }
    const fit = fitWithin(m.width, m.height, maxSide);
    return { ok: true, id, meta: m, ...(fit.scaled ? { note: say.downscaled(name, m.width, m.height, fit) } : {}) };
  }

  async function decodeId(id: string, side = maxSide): Promise<WireImage | undefined> {
    try {
      const f = await file(id);
      return f ? (await decode(f.bytes, f.meta.mime, side)).image : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    addBytes,
    async add(blob) {
      const name = blob.name || 'picture';
      // Refused before reading: a huge file is not loaded into memory.
      if (blob.size > maxBytes) return { ok: false, message: say.tooManyBytes(name, blob.size, maxBytes) };
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await blob.arrayBuffer());
      } catch {
        return { ok: false, message: say.unreadable(name) };
      }
      return addBytes(name, bytes);
    },
    meta: async (id) => {
      try {
        return await meta(id);
      } catch {
        return undefined;
      }
    },
    file: async (id) => {
      try {
        return await file(id);
      } catch {
        return undefined;
      }
    },
    decode: decodeId,
    async loadImagesFor(doc) {
      const images: Record<string, WireImage> = {};
      const missing: string[] = [];
      // One at a time: each decoded picture can be tens of megabytes.
      for (const id of pictureIdsOf(doc)) {
        const image = await decodeId(id);
        if (image) images[id] = image;
        else missing.push(id);
      }
      return { images, missing };
    },
  };
}
