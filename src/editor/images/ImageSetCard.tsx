/**
 * The image-set node's part of its card: a few thumbnails, "image missing — drop one here"
 * when the browser lacks some of its pictures, and the whole card as a drop target for
 * picture files. What a drop refused is said on the card.
 */
import { memo, useEffect, useRef } from 'react';
import { PictureMessages } from './PictureMessages';
import { Thumbnail } from './Thumbnail';
import { carriesFiles, useAddPictures } from './use-add-pictures';
import { useNodeImages, usePictureEntries } from './use-pictures';
import './images.css';

const SHOWN = 4;

function ImageSetCardView({ nodeId, title }: { nodeId: string; title: string }) {
  const ids = useNodeImages(nodeId);
  const entries = usePictureEntries(ids);
  const { add, busy, report, dismiss } = useAddPictures(nodeId);
  const ref = useRef<HTMLDivElement>(null);
  const addRef = useRef(add);
  addRef.current = add;

  // The drop target is React Flow's node wrapper, so the whole card takes files; listeners are
  // native because the card's root belongs to the shared node component.
  useEffect(() => {
    const card = ref.current?.closest('.react-flow__node');
    if (!(card instanceof HTMLElement)) return;
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      card.classList.add('is-drop-target');
    };
    const leave = () => card.classList.remove('is-drop-target');
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      // Not the canvas's or the browser's: the files are this node's.
      e.preventDefault();
      e.stopPropagation();
      leave();
      void addRef.current(Array.from(e.dataTransfer?.files ?? []));
    };
    card.addEventListener('dragover', over);
    card.addEventListener('dragleave', leave);
    card.addEventListener('drop', drop);
    return () => {
      card.removeEventListener('dragover', over);
      card.removeEventListener('dragleave', leave);
      card.removeEventListener('drop', drop);
      leave();
    };
  }, []);

  const missing = entries.filter((e) => e.state === 'missing').length;
  const present = ids.filter((_, i) => entries[i]!.state === 'present');
  return (
    <div ref={ref} className="gn-pics">
      {present.length > 0 && (
        <div className="gn-pics-row" aria-label={`${title}: ${present.length} image${present.length === 1 ? '' : 's'}`} role="group">
          {present.slice(0, SHOWN).map((id, i) => {
            const e = entries[ids.indexOf(id)]!;
            return <Thumbnail key={`${id}-${i}`} id={id} label={e.state === 'present' ? e.meta.name : id} className="gn-pic" />;
          })}
          {present.length > SHOWN && <span className="gn-pics-more">+{present.length - SHOWN}</span>}
        </div>
      )}
      {missing > 0 ? (
        <p className="gn-pics-missing">{missing === 1 ? 'image missing — drop one here' : `${missing} images missing — drop them here`}</p>
      ) : ids.length === 0 ? (
        <p className="gn-pics-hint">no images yet — drop some here</p>
      ) : null}
      {busy > 0 && <p className="gn-pics-hint" role="status">adding {busy}…</p>}
      <PictureMessages report={report} onDismiss={dismiss} className="nodrag nowheel" />
    </div>
  );
}

export const ImageSetCard = memo(ImageSetCardView);
