/** A Preview node's latest images from the training worker, drawn on the node's card. */
import { memo, useEffect, useRef } from 'react';
import { useEditor } from '../store/hooks';
import type { PreviewView } from '../store/run-slice';

function ImageCanvas({ image, label }: { image: PreviewView['images'][number]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(image.pixels), image.width, image.height), 0, 0);
  }, [image]);
  return <canvas ref={ref} width={image.width} height={image.height} role="img" aria-label={label} />;
}

function PreviewImagesView({ nodeId, title }: { nodeId: string; title: string }) {
  const preview = useEditor((s) => s.run.previews[nodeId]);
  if (!preview) return null;
  return (
    <div className="gn-preview" aria-label={`${title} images at step ${preview.step}`}>
      {preview.images.map((image, i) => (
        <ImageCanvas key={i} image={image} label={`${title} image ${i + 1}`} />
      ))}
    </div>
  );
}

export const PreviewImages = memo(PreviewImagesView);
