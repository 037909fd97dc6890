/**
 * The exports, for the editor's page, the worker and the CLI: none of this loads tfjs.
 * - PNGs that carry their graph: readGraphFromPng (a drop on the canvas), embedGraph, resultPng;
 * - a trained network as a folder plain TensorFlow.js can use: exportNetwork, or as one zip.
 */
import type { TrainingPlan } from '../../graph/plan';
import { exportNetwork, type SavedWeights } from './network-export';
import { zipFiles } from './zip';

export { embedGraph, GRAPH_KEYWORD, PNG_GRAPH_MESSAGES, readGraphFromPng, readGraphText, type PngGraphResult } from './png-graph';
export { gridImage, resultPng, type GridOptions } from './result-png';
export { EXPORTABLE_KINDS, exportNetwork, type ExportFiles, type ExportResult, type SavedWeights } from './network-export';
export { zipFiles, type ZipOptions } from './zip';

/** A network's export as one zip for a download: `<network>-model.zip`, the files in a folder of that name. */
export function exportNetworkZip(
  plan: TrainingPlan,
  saved: SavedWeights,
  networkId: string,
  o: { generatedBy?: string } = {},
): { ok: true; fileName: string; zip: Uint8Array } | { ok: false; message: string } {
  const r = exportNetwork(plan, saved, networkId, o);
  if (!r.ok) return r;
  const folder = `${networkId.replace(/[^A-Za-z0-9._-]+/g, '-') || 'network'}-model`;
  return { ok: true, fileName: `${folder}.zip`, zip: zipFiles(r.files, { folder }) };
}
