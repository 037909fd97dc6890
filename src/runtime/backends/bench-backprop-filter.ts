/**
 * What spreading the columns (wasm-backprop-filter.ts) does to Conv2DBackpropFilter on wasm:
 * each weight gradient of the reference workloads timed in the plain rewrite (batch alone per
 * tap), with the input's columns spread and with the gradient's, with GFLOP/s, and which form
 * `auto` picks. A measurement,
 * not a test: `npx tsx src/runtime/backends/bench-backprop-filter.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from './node';
import { columnsForm, wasmFilterOptions } from './wasm-backprop-filter';

type Shape4 = [number, number, number, number];
/** A conv layer: its input [B,H,W,C], square kernel, output channels, stride ('same' padding). */
const layers: { name: string; x: Shape4; k: number; f: number; s: number }[] = [
  { name: 'fast-style c1 9×9 3→16', x: [2, 128, 128, 3], k: 9, f: 16, s: 1 },
  { name: 'fast-style c2 3×3/2 16→32', x: [2, 128, 128, 16], k: 3, f: 32, s: 2 },
  { name: 'fast-style c3 3×3/2 32→64', x: [2, 64, 64, 32], k: 3, f: 64, s: 2 },
  { name: 'fast-style r 3×3 64→64', x: [2, 32, 32, 64], k: 3, f: 64, s: 1 },
  { name: 'fast-style up1 3×3 64→32', x: [2, 64, 64, 64], k: 3, f: 32, s: 1 },
  { name: 'fast-style up2 3×3 32→16', x: [2, 128, 128, 32], k: 3, f: 16, s: 1 },
  { name: 'fast-style out 9×9 16→3', x: [2, 128, 128, 16], k: 9, f: 3, s: 1 },
  { name: 'fast-style L.c2 3×3 32→64 (frozen)', x: [2, 64, 64, 32], k: 3, f: 64, s: 1 },
  { name: 'pix2pix G d1 4×4/2 3→32', x: [1, 64, 64, 3], k: 4, f: 32, s: 2 },
  { name: 'pix2pix G d2 4×4/2 32→64', x: [1, 32, 32, 32], k: 4, f: 64, s: 2 },
  { name: 'pix2pix G d3 4×4/2 64→128', x: [1, 16, 16, 64], k: 4, f: 128, s: 2 },
  { name: 'pix2pix G d4 4×4/2 128→128', x: [1, 8, 8, 128], k: 4, f: 128, s: 2 },
  { name: 'pix2pix D c1 4×4/2 6→32', x: [1, 64, 64, 6], k: 4, f: 32, s: 2 },
  { name: 'dcgan D c1 5×5/2 1→64 (B64)', x: [64, 28, 28, 1], k: 5, f: 64, s: 2 },
  { name: 'dcgan D c2 5×5/2 64→128 (B64)', x: [64, 14, 14, 64], k: 5, f: 128, s: 2 },
];

/** Median milliseconds of `run` after a warm-up, its result read back. */
function time(run: () => tf.Tensor, reps = 9): number {
  const once = () => {
    const t0 = performance.now();
    const out = run();
    out.dataSync();
    out.dispose();
    return performance.now() - t0;
  };
  for (let i = 0; i < 2; i++) once();
  const ms = Array.from({ length: reps }, once).sort((a, b) => a - b);
  return ms[Math.floor(reps / 2)]!;
}

async function main(): Promise<void> {
  await initNodeBackend('wasm');
  console.log('Conv2DBackpropFilter, median ms (GFLOP/s): batch alone per tap, input spread by columns, gradient spread (stride 1); the form auto picks');
  for (const l of layers) {
    const x = tf.randomNormal(l.x);
    const dy = tf.randomNormal([l.x[0], Math.ceil(l.x[1] / l.s), Math.ceil(l.x[2] / l.s), l.f]);
    const attrs = { strides: l.s, pad: 'same', dataFormat: 'NHWC', filterShape: [l.k, l.k, l.x[3], l.f] };
    const run = () => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    const gflop = (2 * dy.size * l.k * l.k * l.x[3]) / 1e9;
    const ms = (['never', 'input', 'gradient'] as const).map((form) => {
      wasmFilterOptions.columns = form;
      return time(run);
    });
    wasmFilterOptions.columns = 'auto';
    const info = tf.backend_util.computeConv2DInfo(l.x, [l.k, l.k, l.x[3], l.f], l.s, 1, 'same');
    const picked = columnsForm(x, dy, info) ?? 'batch';
    const at = (m: number) => `${m.toFixed(1)} ms (${(gflop / (m / 1000)).toFixed(1)})`;
    console.log(`${l.name.padEnd(36)} batch ${at(ms[0]!)}, input ${at(ms[1]!)}, gradient ${l.s === 1 ? at(ms[2]!) : '-'}; auto: ${picked}`);
    tf.dispose([x, dy]);
  }
}

void main();
