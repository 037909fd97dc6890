/**
 * Renders the built-in paintings and scenes to PNG contact sheets for looking at them:
 * one row per style or scene, `count` seeds across, at `size` pixels. Also prints how long
 * one picture takes to paint. Writes test-results/builtin-<kind>.png (gitignored).
 *
 *   npx tsx scripts/builtin-images.ts [--size 256] [--count 4] [--detail 1]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { createRng } from '../src/nodes/prng';
import { paintingStyles, paintPainting } from '../src/nodes/sources/painting-styles';
import { Raster } from '../src/nodes/sources/raster';
import { sampleRng } from '../src/nodes/sources/sample-rng';
import { paintScene, sceneKinds } from '../src/nodes/sources/scene-painters';
import { encodePng } from '../src/runtime/png';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const size = arg('size', 256);
const count = arg('count', 4);
const detail = arg('detail', 1);
const gap = 4;

function sheet(name: string, rows: readonly string[], paint: (r: Raster, row: string, seed: number) => void): void {
  const w = count * (size + gap) + gap;
  const h = rows.length * (size + gap) + gap;
  const px = new Uint8Array(w * h * 4).fill(255);
  rows.forEach((row, a) => {
    const times: number[] = [];
    for (let b = 0; b < count; b++) {
      const r = new Raster(size);
      const t0 = performance.now();
      paint(r, row, b + 1);
      times.push(performance.now() - t0);
      for (let i = 0; i < size; i++)
        for (let j = 0; j < size; j++) {
          const o = ((gap + a * (size + gap) + i) * w + gap + b * (size + gap) + j) * 4;
          for (let c = 0; c < 3; c++) px[o + c] = Math.round(255 * Math.min(1, Math.max(0, r.px[(i * size + j) * 3 + c]!)));
        }
    }
    console.log(`${name} ${row}: ${times.map((t) => t.toFixed(0)).join(', ')} ms at ${size}×${size}`);
  });
  const dir = resolve('test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `builtin-${name}.png`), encodePng({ width: w, height: h, pixels: px }, (d) => deflateSync(d)));
}

sheet('painting', paintingStyles, (r, style, seed) => paintPainting(r, sampleRng(createRng(seed), 'train'), style as (typeof paintingStyles)[number], detail));
sheet('scene', sceneKinds, (r, kind, seed) => paintScene(r, sampleRng(createRng(seed), 'train'), kind as (typeof sceneKinds)[number]));
