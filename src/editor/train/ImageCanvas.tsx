/** RGBA pixels from the training worker, drawn into a canvas at their own size. */
import { useEffect, useRef } from 'react';
import type { PreviewView } from '../store/run-slice';

export function ImageCanvas({ image, label }: { image: PreviewView['images'][number]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(image.pixels), image.width, image.height), 0, 0);
  }, [image]);
  return <canvas ref={ref} width={image.width} height={image.height} role="img" aria-label={label} />;
}
