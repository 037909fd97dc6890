/**
 * Adding pictures to an image-set node and taking them out: each file is checked and stored,
 * then one undoable edit appends the new ids to the node's params.images. Nothing the user
 * had changes when a file is refused; the sentences say what happened.
 */
import { setParams } from '../../graph/edit';
import type { GraphDoc } from '../../graph/schema';
import type { EditorStore } from '../store/store';
import { pictureMessages as say } from './messages';
import type { PictureIndex } from './picture-index';
import type { PictureStore } from './picture-store';

export interface AddReport {
  /** Ids appended to the set. */
  added: string[];
  /** Refusals: shown as errors. */
  errors: string[];
  /** Remarks: a picture downscaled, one already in the set. */
  notes: string[];
}

const imagesOf = (doc: GraphDoc, nodeId: string): string[] => {
  const list = doc.nodes.find((n) => n.id === nodeId)?.params.images;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
};

export async function addPictures(editor: EditorStore, nodeId: string, files: readonly File[], pictures: PictureStore, index: PictureIndex): Promise<AddReport> {
  const report: AddReport = { added: [], errors: [], notes: [] };
  const have = new Set(imagesOf(editor.getState().doc, nodeId));
  // One file at a time: each is decoded whole to check it.
  for (const file of files) {
    const r = await pictures.add(file);
    if (!r.ok) {
      report.errors.push(r.message);
      continue;
    }
    const wasMissing = index.entries.getState()[r.id]?.state === 'missing';
    index.added(r.id, r.meta);
    if (r.note) report.notes.push(r.note);
    if (have.has(r.id)) report.notes.push(wasMissing ? say.foundMissing(file.name || r.meta.name) : say.alreadyInSet(file.name || r.meta.name));
    else {
      have.add(r.id);
      report.added.push(r.id);
    }
  }
  if (report.added.length > 0) {
    const n = report.added.length;
    editor.getState().edit(n === 1 ? 'Add image' : `Add ${n} images`, (d) => {
      const node = d.nodes.find((x) => x.id === nodeId);
      if (!node) return d;
      const current = imagesOf(d, nodeId);
      const fresh = report.added.filter((id) => !current.includes(id));
      return setParams(d, nodeId, { ...node.params, images: [...current, ...fresh] });
    });
  }
  return report;
}

/** Takes the picture at `position` out of the set (it stays stored: undo brings it back). */
export function removePicture(editor: EditorStore, nodeId: string, position: number): void {
  editor.getState().edit('Remove image', (d) => {
    const node = d.nodes.find((x) => x.id === nodeId);
    if (!node) return d;
    const list = imagesOf(d, nodeId);
    if (position < 0 || position >= list.length) return d;
    return setParams(d, nodeId, { ...node.params, images: list.filter((_, i) => i !== position) });
  });
}
