/** A Preview node's latest images from the training worker, drawn on its card; a click shows them large. */
import { memo, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useEditor } from '../store/hooks';
import { ImageCanvas } from './ImageCanvas';

function PreviewImagesView({ nodeId, title }: { nodeId: string; title: string }) {
  const preview = useEditor((s) => s.run.previews[nodeId]);
  const [large, setLarge] = useState(false);
  useEffect(() => {
    if (!large) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setLarge(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [large]);
  if (!preview) return null;
  const images = (prefix: string) => preview.images.map((image, i) => <ImageCanvas key={i} image={image} label={`${prefix} ${i + 1}`} />);
  return (
    <>
      <button type="button" className="gn-preview nodrag" aria-label={`${title} images at step ${preview.step}: show large`} onClick={() => setLarge(true)}>
        {images(`${title} image`)}
      </button>
      {large
        ? createPortal(
            <div className="preview-large" role="dialog" aria-modal="true" aria-label={`${title} at step ${preview.step}`} onClick={() => setLarge(false)}>
              <div className="preview-large-body" onClick={(e) => e.stopPropagation()}>
                <header>
                  <h2>
                    {title} <span className="muted">step {preview.step}</span>
                  </h2>
                  <button type="button" aria-label="Close" onClick={() => setLarge(false)}>
                    ×
                  </button>
                </header>
                <div className="preview-large-grid">{images(`${title} large image`)}</div>
              </div>
            </div>,
            document.body,
          )
        : null}
    </>
  );
}

export const PreviewImages = memo(PreviewImagesView);
