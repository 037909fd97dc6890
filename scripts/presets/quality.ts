/**
 * Quality numbers of the library presets, measured on a running Trainer: shared by the
 * training test (tests/presets-train.test.ts) and the gallery (scripts/gallery.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { StepReport, Trainer } from '../../src/runtime/trainer';
import { bicubicResize } from './bicubic';

/** The mean of a loss (or a sum of losses) over reports [from, to); negative indices count from the end. */
export function meanLoss(reports: StepReport[], ids: string[], from: number, to: number): number {
  const rs = reports.slice(from < 0 ? reports.length + from : from, to <= 0 ? reports.length + to : to).filter((r) => r.losses);
  return rs.reduce((s, r) => s + ids.reduce((a, id) => a + r.losses![id]!, 0), 0) / rs.length;
}

/** Mean loss over the first and over the last `k` logged iterations. */
export const lossEnds = (r: StepReport[], ids: string[], k = 5) => ({ first: meanLoss(r, ids, 0, k), last: meanLoss(r, ids, -k, 0) });

/** Values in [0,1] per channel of a preview tap's RGBA images. */
export async function previewValues(t: Trainer, tap: string, channels: number): Promise<number[][]> {
  const [res] = await t.taps([tap]);
  if (res?.kind !== 'preview') throw new Error(`no preview ${tap}`);
  const out: number[][] = Array.from({ length: channels }, () => []);
  for (const img of res.images) for (let k = 0; k < img.pixels.length; k += 4) for (let c = 0; c < channels; c++) out[c]!.push(img.pixels[k + c]! / 255);
  return out;
}

/** Values in [0,1] per channel of a [-1,1] data node's next value. */
export async function dataValues(t: Trainer, id: string, channels: number): Promise<number[][]> {
  const v = (await t.sample([id]))[id]!;
  const out: number[][] = Array.from({ length: channels }, () => []);
  for (let k = 0; k < v.length; k++) out[k % channels]!.push((v[k]! + 1) / 2);
  return out;
}

/**
 * The 1-D Wasserstein distance between two sets' pixel-value distributions (per channel, then
 * averaged): the mean gap between their quantiles. 0 when G's pixels are distributed as the
 * data's, about 0.47 for mid-grey images against mostly black digits.
 */
export function pixelW1(a: number[][], b: number[][]): number {
  const q = 200;
  let total = 0;
  a.forEach((ch, c) => {
    const x = [...ch].sort((m, n) => m - n);
    const y = [...b[c]!].sort((m, n) => m - n);
    let s = 0;
    for (let i = 0; i < q; i++) s += Math.abs(x[Math.floor(((i + 0.5) / q) * x.length)]! - y[Math.floor(((i + 0.5) / q) * y.length)]!);
    total += s / q;
  });
  return total / a.length;
}

/** pixelW1 of the 'preview' tap (the generator's fixed batch) against a data node. */
export async function generatedW1(t: Trainer, data: string, channels: number): Promise<number> {
  return pixelW1(await previewValues(t, 'preview', channels), await dataValues(t, data, channels));
}

const shapeOf = (t: Trainer, id: string) => t.plan.steps.find((s) => s.id === id)!.outputs.out!.shape;

/**
 * What the preset makes of `x`: G(x), or, where the graph adds G's output to its input (a node
 * `skip`, then a Rescale to [-1,1]), x + G(x) clipped to [-1,1].
 */
function made(t: Trainer, x: tf.Tensor, skip: string): tf.Tensor {
  const g = t.apply('generator', { in: x }).out as tf.Tensor;
  return t.plan.steps.some((s) => s.id === skip) ? tf.clipByValue(tf.add(x, g), -1, 1) : g;
}

/** L1 of the pix2pix generator on the held-out pairs (x_test → y_test), and of the identity x_test itself. */
export async function heldOutL1(t: Trainer): Promise<{ model: number; identity: number }> {
  const d = await t.sample(['x_test', 'y_test']);
  const shape = shapeOf(t, 'x_test');
  return tf.tidy(() => {
    const x = tf.tensor(d.x_test!, shape);
    const y = tf.tensor(d.y_test!, shape);
    const g = made(t, x, 'skip_test');
    return { model: tf.mean(tf.abs(tf.sub(g, y))).dataSync()[0]!, identity: tf.mean(tf.abs(tf.sub(x, y))).dataSync()[0]! };
  });
}

/**
 * Super-resolution PSNR (dB; images in [-1,1], so peak-to-peak 2) on the next batch: of G, of the
 * bilinear upscale it refines, and of a bicubic upscale of the low-res picture (clamped to
 * [-1,1], as G's tanh output is), the usual baseline.
 */
export async function superResolutionPsnr(t: Trainer): Promise<{ model: number; bilinear: number; bicubic: number }> {
  const d = await t.sample(['hr', 'low', 'up']);
  const hrShape = shapeOf(t, 'hr');
  const bicubic = bicubicResize(d.low!, shapeOf(t, 'low'), hrShape[1]!, hrShape[2]!).map((v) => Math.min(1, Math.max(-1, v)));
  return tf.tidy(() => {
    const hr = tf.tensor(d.hr!, hrShape);
    const up = tf.tensor(d.up!, shapeOf(t, 'up'));
    const g = made(t, up, 'skip');
    const psnr = (a: tf.Tensor) => 10 * Math.log10(4 / tf.mean(tf.square(tf.sub(a, hr))).dataSync()[0]!);
    return { model: psnr(g), bilinear: psnr(up), bicubic: psnr(tf.tensor(bicubic, hrShape)) };
  });
}

/**
 * Replication: the mean over generated canvases (the 'preview' tap) of the mean absolute
 * difference, in [0,1] units, to their nearest crop of the artwork (every crop position on a
 * stride-2 grid). Near 0 would mean G copies pieces of the painting; new canvases stay apart.
 */
export async function nearestCropL1(t: Trainer, artwork: string): Promise<number> {
  const art = (await t.sample([artwork]))[artwork]!;
  const [, H, W] = shapeOf(t, artwork) as [number, number, number, number];
  const [res] = await t.taps(['preview']);
  if (res?.kind !== 'preview') throw new Error('no preview');
  let total = 0;
  for (const img of res.images) {
    const s = img.width;
    let best = Infinity;
    for (let top = 0; top + s <= H; top += 2)
      for (let left = 0; left + s <= W; left += 2) {
        let d = 0;
        for (let i = 0; i < s && d < best * s * s * 3; i++)
          for (let j = 0; j < s; j++)
            for (let c = 0; c < 3; c++) d += Math.abs(img.pixels[(i * s + j) * 4 + c]! / 255 - (art[((top + i) * W + left + j) * 3 + c]! + 1) / 2);
        best = Math.min(best, d / (s * s * 3));
      }
    total += best;
  }
  return total / res.images.length;
}

/** The mean over all pairs of images (equal-length arrays of values in [0,1]) of their mean absolute difference. */
export function meanPairwiseL1(images: ArrayLike<number>[]): number {
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < images.length; a++)
    for (let b = a + 1; b < images.length; b++) {
      const x = images[a]!;
      const y = images[b]!;
      let d = 0;
      for (let k = 0; k < x.length; k++) d += Math.abs(x[k]! - y[k]!);
      total += d / x.length;
      pairs++;
    }
  return pairs === 0 ? 0 : total / pairs;
}

/**
 * The s×s RGB crops of an [H,W,3] picture in [-1,1] at every position on a `stride` grid, in
 * [0,1]: the positions Random crop draws uniformly from, evenly covered.
 */
export function cropsOf(art: ArrayLike<number>, H: number, W: number, s: number, stride: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let top = 0; top + s <= H; top += stride)
    for (let left = 0; left + s <= W; left += stride) {
      const c = new Float32Array(s * s * 3);
      for (let i = 0; i < s; i++) for (let j = 0; j < s * 3; j++) c[i * s * 3 + j] = (art[((top + i) * W + left) * 3 + j]! + 1) / 2;
      out.push(c);
    }
  return out;
}

/**
 * Replication's diversity: the mean pairwise L1 between the generated canvases (the 'preview'
 * tap's fixed batch), against the mean pairwise L1 between crops of the artwork of the same size
 * (every position on a stride-4 grid). ratio = canvases ÷ crops: near 1, the canvases differ from
 * one another as much as pieces of the painting do; near 0, G makes one canvas (mode collapse).
 */
export async function canvasDiversity(t: Trainer, artwork: string): Promise<{ canvases: number; crops: number; ratio: number }> {
  const art = (await t.sample([artwork]))[artwork]!;
  const [, H, W] = shapeOf(t, artwork) as [number, number, number, number];
  const [res] = await t.taps(['preview']);
  if (res?.kind !== 'preview') throw new Error('no preview');
  const rgb = res.images.map((img) => Float32Array.from({ length: img.width * img.height * 3 }, (_, k) => img.pixels[Math.floor(k / 3) * 4 + (k % 3)]! / 255));
  const canvases = meanPairwiseL1(rgb);
  const crops = meanPairwiseL1(cropsOf(art, H, W, res.images[0]!.width, 4));
  return { canvases, crops, ratio: canvases / crops };
}
