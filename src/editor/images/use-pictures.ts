/** React access to the picture index: the entries of some ids, looked up on first sight. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/hooks';
import { pictureIndex } from './default';
import { LOOKING, type PictureEntry } from './picture-index';

const NONE: readonly string[] = [];

/** The ids a training-graph node's params.images holds (a stable array while they do not change). */
export function useNodeImages(nodeId: string): readonly string[] {
  const list = useEditor((s) => s.doc.nodes.find((n) => n.id === nodeId)?.params.images);
  return Array.isArray(list) ? (list as string[]) : NONE;
}

export function usePictureEntries(ids: readonly string[]): PictureEntry[] {
  const index = pictureIndex();
  useEffect(() => index.request(ids), [index, ids]);
  return useStore(index.entries, useShallow((s) => ids.map((id) => s[id] ?? LOOKING)));
}
