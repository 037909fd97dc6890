/** A picture's thumbnail, decoded from the store (what training sees, fitted within 96 px). */
import { memo, useEffect, useRef, useState } from 'react';
import { pictureIndex } from './default';

function ThumbnailView({ id, label, className }: { id: string; label: string; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void pictureIndex()
      .thumbnail(id)
      .then((img) => {
        const c = ref.current;
        if (!live || !c) return;
        if (!img) return setFailed(true);
        c.width = img.width;
        c.height = img.height;
        c.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
      });
    return () => {
      live = false;
    };
  }, [id]);
  return <canvas ref={ref} width={1} height={1} className={`${className ?? ''}${failed ? ' is-failed' : ''}`} role="img" aria-label={label} />;
}

export const Thumbnail = memo(ThumbnailView);
