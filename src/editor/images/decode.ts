/**
 * The page's picture decoder: createImageBitmap (which rejects a damaged file) drawn onto a
 * canvas and read back as RGBA. Colours are read as stored (no colour-space conversion), so
 * a PNG's pixels arrive exactly as its file holds them.
 */
import type { WireImage } from '../../runtime/protocol';
import { fitWithin } from './formats';
import type { Decode } from './picture-store';

function context(width: number, height: number): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  return canvas.getContext('2d', { willReadFrequently: true });
}

export const decodeInPage: Decode = async (bytes, mime, maxSide) => {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  try {
    const { width, height } = bitmap;
    const fit = fitWithin(width, height, maxSide);
    const ctx = context(fit.width, fit.height);
    if (!ctx) throw new Error('no 2-D canvas');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, fit.width, fit.height);
    const image: WireImage = { width: fit.width, height: fit.height, data: ctx.getImageData(0, 0, fit.width, fit.height).data };
    return { width, height, image };
  } finally {
    bitmap.close();
  }
};
