/** Adding files to a node's set from a view: busy while checking, then what happened. */
import { useCallback, useState } from 'react';
import { useEditorStore } from '../store/hooks';
import { addPictures, type AddReport } from './add-pictures';
import { pictureIndex, pictures } from './default';

export function useAddPictures(nodeId: string) {
  const editor = useEditorStore();
  const [busy, setBusy] = useState(0);
  const [report, setReport] = useState<AddReport>();
  const add = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      setBusy(files.length);
      setReport(undefined);
      try {
        setReport(await addPictures(editor, nodeId, files, pictures(), pictureIndex()));
      } finally {
        setBusy(0);
      }
    },
    [editor, nodeId],
  );
  const dismiss = useCallback(() => setReport(undefined), []);
  return { add, busy, report, dismiss };
}

/** The files of a drag, if it carries any. */
export const carriesFiles = (e: { dataTransfer: DataTransfer | null }) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
