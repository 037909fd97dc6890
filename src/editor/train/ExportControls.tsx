/**
 * Exports of a training run: the result PNG (the Preview nodes' latest images in a grid, carrying
 * the graph, so dropping it on the canvas restores the graph) and a trained network as a folder
 * for plain TensorFlow.js (weights manifest + .bin, the network, a standalone ES module), zipped;
 * and Apply, which runs the trained network on a picture of the user's and saves the result.
 */
import { useRef, useState } from 'react';
import { exportFileName } from '../persist/files';
import { resultPng } from '../../runtime/export/result-png';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useEditorStore } from '../store/hooks';
import type { EditorState } from '../store/store';
import type { RunView } from '../store/run-slice';
import { download } from './download';
import type { TrainingClient } from './training-client';

const selectNetworks = (s: EditorState) => s.doc.networks;
const selectPreviewIds = (s: EditorState) => s.doc.nodes.filter((n) => n.type === 'preview').map((n) => n.id);

/** The latest images of every Preview node that share the first one's size, in node order. */
function resultImages(run: RunView, previewIds: string[]) {
  const all = previewIds.flatMap((id) => run.previews[id]?.images ?? []);
  const first = all[0];
  return first ? all.filter((i) => i.width === first.width && i.height === first.height) : [];
}

export function ExportControls({ client, run, now }: { client: TrainingClient; run: RunView; now: string }) {
  const store = useEditorStore();
  const networks = useEditor(selectNetworks).filter((n) => !n.frozen);
  const [picked, setPicked] = useState('');
  const picker = useRef<HTMLInputElement>(null);
  const live = run.status === 'running' || run.status === 'paused' || run.status === 'done';
  const network = networks.some((n) => n.id === picked) ? picked : (networks[0]?.id ?? '');
  const previewIds = useEditor(useShallow(selectPreviewIds));
  const images = resultImages(run, previewIds);
  // Weights exist in the worker, or in a checkpoint of this very graph.
  const trained = run.status === 'running' || run.status === 'paused' || run.status === 'done' || run.saved?.fingerprint === now;

  const savePng = () => {
    const step = Math.max(...previewIds.map((id) => run.previews[id]?.step ?? 0));
    const doc = store.getState().doc;
    const png = resultPng(images, doc) as Uint8Array<ArrayBuffer>;
    download(exportFileName(doc).replace(/\.ganvas\.json$/, `-step-${step}.png`), png, 'image/png');
  };

  return (
    <div className="train-exports" role="group" aria-label="Export results">
      <button type="button" disabled={images.length === 0} title="The previews in one PNG that carries this graph: drop it on the canvas to get the graph back" onClick={savePng}>
        Result PNG
      </button>
      {networks.length > 0 ? (
        <>
          <select aria-label="Network to export" value={network} onChange={(e) => setPicked(e.target.value)}>
            {networks.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label || n.id}
              </option>
            ))}
          </select>
          <button type="button" disabled={!trained || !network} title="The trained network for plain TensorFlow.js: weights, network definition and a standalone ES module, zipped" onClick={() => client.exportNetwork(network)}>
            Export network
          </button>
          <button type="button" disabled={!live || !network} title="Run the trained network on a picture of yours and save the result" onClick={() => picker.current?.click()}>
            Apply to a picture…
          </button>
          <input
            ref={picker}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            hidden
            aria-label="Picture to apply the network to"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void client.apply(network, file);
            }}
          />
        </>
      ) : null}
    </div>
  );
}
