import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../tests/png-reader';
import { tinyPix2pix } from '../../graph/fixtures';
import { readGraphFromPng } from './png-graph';
import { gridImage, resultPng } from './result-png';

/** A w×h image whose every pixel says which image and where: (index, x, y, 255). */
const tagged = (index: number, w: number, h: number) => ({
  width: w,
  height: h,
  pixels: Uint8ClampedArray.from({ length: w * h * 4 }, (_, i) => [index, (i >> 2) % w, Math.floor((i >> 2) / w), 255][i % 4]!),
});

describe('the result PNG', () => {
  it('lays five images out in rows of three, with gaps, each pixel where it belongs', () => {
    const images = [0, 1, 2, 3, 4].map((i) => tagged(i, 4, 3));
    const png = decodePng(resultPng(images, tinyPix2pix(), { gap: 1, background: [9, 9, 9, 255] }));
    expect([png.width, png.height]).toEqual([3 * 4 + 4, 2 * 3 + 3]);
    const at = (x: number, y: number) => Array.from(png.pixels.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4));
    for (let i = 0; i < 5; i++)
      for (let y = 0; y < 3; y++)
        for (let x = 0; x < 4; x++) expect(at(1 + (i % 3) * 5 + x, 1 + Math.floor(i / 3) * 4 + y)).toEqual([i, x, y, 255]);
    // The gaps, and the empty sixth cell, are background.
    expect(at(0, 0)).toEqual([9, 9, 9, 255]);
    expect(at(5, 2)).toEqual([9, 9, 9, 255]);
    expect(at(12, 6)).toEqual([9, 9, 9, 255]);
  });

  it('carries the graph, which reads back as the same document', () => {
    const doc = tinyPix2pix();
    const r = readGraphFromPng(resultPng([tagged(0, 2, 2)], doc));
    expect(r.kind === 'graph' && r.parsed.doc).toEqual(doc);
  });

  it('picks a near-square grid by default', () => {
    const g = gridImage(Array.from({ length: 8 }, (_, i) => tagged(i, 2, 2)), { gap: 0 });
    expect([g.width, g.height]).toEqual([3 * 2, 3 * 2]);
  });

  it('refuses images of different sizes, and no images at all', () => {
    expect(() => gridImage([tagged(0, 2, 2), tagged(1, 3, 2)])).toThrow('Result images must have one size: image 0 is 2×2, image 1 is 3×2');
    expect(() => gridImage([])).toThrow(/at least one image/);
  });
});
