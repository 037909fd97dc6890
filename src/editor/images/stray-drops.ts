/**
 * Files dropped where nothing takes them (beside a node, on a panel) would make the browser
 * open the file in place of the editor. This stops that and says where pictures go. Views
 * that take files call preventDefault on the drop, which this guard respects.
 */
import { carriesFiles } from './use-add-pictures';

export const STRAY_DROP_TEXT = 'To add pictures, drop them on an Image set node (or use “Add images…” in its inspector).';

export function guardFileDrops(onStray: (names: string[]) => void, target: Window = window): () => void {
  const over = (e: DragEvent) => {
    if (carriesFiles(e)) e.preventDefault();
  };
  const drop = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    const taken = e.defaultPrevented;
    e.preventDefault();
    if (!taken) onStray(Array.from(e.dataTransfer?.files ?? [], (f) => f.name));
  };
  target.addEventListener('dragover', over);
  target.addEventListener('drop', drop);
  return () => {
    target.removeEventListener('dragover', over);
    target.removeEventListener('drop', drop);
  };
}
