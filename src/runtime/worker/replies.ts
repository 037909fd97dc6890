/**
 * The session's answers to requests about a trained network — Apply and the network export —
 * and preview pixels made ready to transfer. Each returns the message to post and what it
 * transfers; a refusal is a notice, not a failure.
 */
import { compile } from '../../graph/compile';
import type { GraphDoc } from '../../graph/schema';
import type { CheckpointStore } from '../checkpoint-store';
import { exportNetworkZip } from '../export';
import type { FromWorker, WireImage, WirePreview } from '../protocol';
import type { PreviewImage } from '../taps';
import type { Trainer } from '../trainer';
import { applyNetwork } from './apply';

export interface Reply {
  message: FromWorker;
  transfer: Transferable[];
}

const notice = (text: string): Reply => ({ message: { type: 'notice', text }, transfer: [] });

/** Preview pixels as they cross to the page; each image owns its buffer, which is transferred. */
export function toWire(image: PreviewImage): WirePreview {
  const p = image.pixels;
  const own = p.byteOffset === 0 && p.byteLength === p.buffer.byteLength ? p : new Uint8ClampedArray(p);
  return { width: image.width, height: image.height, pixels: own.buffer as ArrayBuffer };
}

export async function applyReply(trainer: Trainer | undefined, network: string, picture: WireImage): Promise<Reply> {
  if (!trainer) return notice('Apply needs trained weights at hand: train the graph, or resume it, first.');
  const r = await applyNetwork(trainer, network, picture);
  if (!r.ok) return notice(r.message);
  const image = toWire(r.image);
  return { message: { type: 'applied', network, step: trainer.step, image }, transfer: [image.pixels] };
}

/** The network's export folder, zipped: from the run's weights, or with no run from the checkpoint saved for `doc`. */
export async function exportReply(
  trainer: Trainer | undefined,
  network: string,
  saved: { doc: GraphDoc | undefined; key: string | undefined; store: CheckpointStore | undefined },
): Promise<Reply> {
  let plan = trainer?.plan;
  let weights = trainer ? await trainer.checkpoint() : undefined;
  if (!trainer && saved.doc && saved.key && saved.store) {
    plan = compile(saved.doc).plan;
    weights = (await saved.store.load(saved.key))?.checkpoint;
  }
  if (!plan || !weights) return notice('There are no trained weights to export yet: train the graph first.');
  const r = exportNetworkZip(plan, weights, network, { generatedBy: 'Ganvas' });
  if (!r.ok) return notice(r.message);
  const bytes = r.zip.buffer.slice(r.zip.byteOffset, r.zip.byteOffset + r.zip.byteLength) as ArrayBuffer;
  return { message: { type: 'exported', name: r.fileName, bytes }, transfer: [bytes] };
}
