/**
 * Apply: a trained network run on a picture of the user's, as a preview pass runs it (no
 * gradients, batch norm on running statistics). The picture's centred square is resized to the
 * size the network was built for, in its input's range; one channel takes the luminance. The
 * result is RGBA pixels mapped from the output's range, as previews are.
 */
import * as tf from '@tensorflow/tfjs';
import { centreSquare, rangeMap, resampleBilinear } from '../../nodes/sources/pixels';
import type { WireImage } from '../protocol';
import { previewImages, type PreviewImage } from '../taps';
import type { Trainer } from '../trainer';

export type ApplyResult = { ok: true; image: PreviewImage } | { ok: false; message: string };

export async function applyNetwork(trainer: Trainer, networkId: string, picture: WireImage): Promise<ApplyResult> {
  const net = trainer.plan.networks.find((n) => n.id === networkId);
  if (!net) return { ok: false, message: `The graph has no network "${networkId}".` };
  const images = net.inputs.map((i) => ({ ...i, signal: net.steps.find((s) => s.id === i.node)?.outputs.out }));
  const only = images.length === 1 ? images[0] : undefined;
  const sig = only?.signal;
  if (!only || sig?.type !== 'image' || sig.shape.length !== 4 || sig.shape[1] !== sig.shape[2])
    return { ok: false, message: `Apply runs networks that take one square image; “${net.label || net.id}” takes ${images.map((i) => `“${i.name}”`).join(', ') || 'no input'}.` };
  const [, size, , channels] = sig.shape as [number, number, number, number];
  const { scale, shift } = rangeMap(sig.range === '[0,1]' ? '[0,1]' : '[-1,1]');
  const rgb = new Float32Array(size * size * 3);
  resampleBilinear(picture.data, picture.width, 4, centreSquare(picture.width, picture.height), size, 3, rgb, 0, scale / 255, shift);
  const values = channels === 3 ? rgb : luminance(rgb, channels);
  const input = tf.tensor4d(values, [1, size, size, channels]);
  const out = trainer.apply(networkId, { [only.name]: input });
  input.dispose();
  try {
    const first = net.outputs[0];
    const value = first ? out[first.name] : undefined;
    const outSig = first ? net.steps.find((s) => s.id === first.node)?.outputs.out : undefined;
    const [image] = value ? await previewImages(value, outSig, 1) : [];
    return image ? { ok: true, image } : { ok: false, message: `“${net.label || net.id}” does not give an image to show.` };
  } finally {
    tf.dispose(Object.values(out).flat());
  }
}

/** Rec. 601 luminance in the first channel, repeated if a network wants more than one but not three. */
function luminance(rgb: Float32Array, channels: number): Float32Array {
  const n = rgb.length / 3;
  const out = new Float32Array(n * channels);
  for (let i = 0; i < n; i++) {
    const y = 0.299 * rgb[3 * i]! + 0.587 * rgb[3 * i + 1]! + 0.114 * rgb[3 * i + 2]!;
    for (let c = 0; c < channels; c++) out[i * channels + c] = y;
  }
  return out;
}
