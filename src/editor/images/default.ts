/**
 * The editor's picture store: IndexedDB (a database of its own, "ganvas-pictures") and the
 * page's decoder. Opened on first use, so importing this module touches no storage.
 */
import type { GraphDoc } from '../../graph/schema';
import type { WireImage } from '../../runtime/protocol';
import { idbKv } from '../persist/kv';
import { decodeInPage } from './decode';
import { createPictureIndex, type PictureIndex } from './picture-index';
import { createPictureStore, type PictureStore } from './picture-store';

let store: PictureStore | undefined;
let index: PictureIndex | undefined;

export function pictures(): PictureStore {
  return (store ??= createPictureStore(idbKv('ganvas-pictures', 'pictures'), decodeInPage));
}

export function pictureIndex(): PictureIndex {
  return (index ??= createPictureIndex(pictures()));
}

/**
 * The user's pictures a document names, decoded for the training worker's `start` message
 * (`images`), and the ids this browser does not have (their image-set nodes give mid-grey).
 */
export function loadImagesFor(doc: GraphDoc): Promise<{ images: Record<string, WireImage>; missing: string[] }> {
  return pictures().loadImagesFor(doc);
}
