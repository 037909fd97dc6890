/**
 * The result PNG: preview images of one size laid out in a grid, as one PNG that carries the
 * graph (dropping it on the canvas restores the graph). Pure: no tfjs, no DOM; fflate deflates.
 */
import { zlibSync } from 'fflate';
import type { GraphDoc } from '../../graph/schema';
import { encodePng, type RgbaImage } from '../png';
import { embedGraph } from './png-graph';

export interface GridOptions {
  /** Images per row (default: the smallest that makes the grid at least as wide as tall). */
  columns?: number;
  /** Pixels between images and around the grid. */
  gap?: number;
  /** RGBA of the gaps. */
  background?: readonly [number, number, number, number];
}

/** The images in rows of `columns`, left to right, top to bottom. */
export function gridImage(images: readonly RgbaImage[], o: GridOptions = {}): RgbaImage {
  const first = images[0];
  if (!first) throw new RangeError('A result grid needs at least one image');
  const { width: w, height: h } = first;
  images.forEach((img, i) => {
    if (img.width !== w || img.height !== h) throw new RangeError(`Result images must have one size: image 0 is ${w}×${h}, image ${i} is ${img.width}×${img.height}`);
    if (img.pixels.length !== w * h * 4) throw new RangeError(`Image ${i} should hold ${w * h * 4} RGBA bytes, not ${img.pixels.length}`);
  });
  const n = images.length;
  const columns = Math.min(n, o.columns ?? Math.ceil(Math.sqrt(n)));
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`A grid needs a whole number of columns, not ${o.columns}`);
  const rows = Math.ceil(n / columns);
  const gap = o.gap ?? 2;
  const width = columns * w + (columns + 1) * gap;
  const height = rows * h + (rows + 1) * gap;
  const pixels = new Uint8Array(width * height * 4);
  const bg = o.background ?? [24, 24, 27, 255];
  for (let i = 0; i < pixels.length; i += 4) pixels.set(bg, i);
  images.forEach((img, i) => {
    const x0 = gap + (i % columns) * (w + gap);
    const y0 = gap + Math.floor(i / columns) * (h + gap);
    for (let y = 0; y < h; y++) pixels.set(img.pixels.subarray(y * w * 4, (y + 1) * w * 4), ((y0 + y) * width + x0) * 4);
  });
  return { width, height, pixels };
}

/** The grid of `images` as a PNG carrying `graph`. */
export function resultPng(images: readonly RgbaImage[], graph: GraphDoc | string, o: GridOptions = {}): Uint8Array {
  const png = encodePng(gridImage(images, o), (d) => zlibSync(d, { level: 6 }));
  return embedGraph(png, graph);
}
