/**
 * What the page knows of the pictures graphs name: present (with its details), missing, or
 * being looked up; and small decoded thumbnails. Views subscribe to it; the picture store
 * stays the one place the pictures live.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WireImage } from '../../runtime/protocol';
import type { PictureMeta, PictureStore } from './picture-store';

export type PictureEntry = { state: 'looking' } | { state: 'present'; meta: PictureMeta } | { state: 'missing' };

export const THUMB_SIDE = 96;

export interface PictureIndex {
  entries: StoreApi<Record<string, PictureEntry>>;
  /** Looks up the ids not known yet. */
  request(ids: readonly string[]): void;
  /** A picture just stored. */
  added(id: string, meta: PictureMeta): void;
  /** Looks the ids up again (pictures stored from an imported file). */
  refresh(ids: readonly string[]): void;
  /** The picture fitted within THUMB_SIDE, decoded once. */
  thumbnail(id: string): Promise<WireImage | undefined>;
}

export const LOOKING: PictureEntry = { state: 'looking' };

export function createPictureIndex(store: PictureStore): PictureIndex {
  const entries = createStore<Record<string, PictureEntry>>(() => ({}));
  const thumbs = new Map<string, Promise<WireImage | undefined>>();
  const put = (id: string, e: PictureEntry) => entries.setState({ [id]: e });
  return {
    entries,
    request(ids) {
      for (const id of ids) {
        if (entries.getState()[id]) continue;
        put(id, LOOKING);
        void store.meta(id).then((meta) => put(id, meta ? { state: 'present', meta } : { state: 'missing' }));
      }
    },
    refresh(ids) {
      for (const id of ids) {
        thumbs.delete(id);
        void store.meta(id).then((meta) => put(id, meta ? { state: 'present', meta } : { state: 'missing' }));
      }
    },
    added(id, meta) {
      thumbs.delete(id);
      put(id, { state: 'present', meta });
    },
    thumbnail(id) {
      let t = thumbs.get(id);
      if (!t) {
        t = store.decode(id, THUMB_SIDE);
        thumbs.set(id, t);
        // A failed decode may be retried later (after the picture is added again).
        void t.then((img) => img || thumbs.delete(id));
      }
      return t;
    },
  };
}
