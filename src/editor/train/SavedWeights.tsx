/**
 * The training panel's line about trained weights: the open graph's checkpoint and resuming from
 * it (also after a reload), the choice to keep the weights of unchanged networks once the graph
 * was edited, deleting the weights, and going on with another backend after a lost device or
 * exhausted memory.
 */
import { useState } from 'react';
import { useEditor } from '../store/hooks';
import type { EditorState } from '../store/store';
import type { RunView } from '../store/run-slice';
import type { TrainingClient } from './training-client';

const selectSetSettings = (s: EditorState) => s.setRunSettings;

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** `now`: the fingerprint of the graph on the canvas. */
export function SavedWeights({ client, run, canTrain, now }: { client: TrainingClient; run: RunView; canTrain: boolean; now: string }) {
  const setSettings = useEditor(selectSetSettings);
  const [confirming, setConfirming] = useState(false);
  const busy = run.status === 'running' || run.status === 'starting';
  const paused = run.status === 'paused';
  const saved = run.saved;
  // The weights at hand were trained for another version of the graph.
  const stale = paused ? run.trained !== undefined && run.trained !== now : saved !== undefined && saved.fingerprint !== now;
  const offerResume = !busy && !paused && saved !== undefined && !stale;
  const fallback = (run.fault === 'device-lost' || run.fault === 'oom') && run.fallback ? run.fallback : undefined;

  return (
    <div className="saved-weights" aria-label="Trained weights">
      {saved ? (
        <span className="muted" aria-label="Checkpoint">
          Checkpoint: step {saved.step} · saved {clock(saved.savedAt)}
        </span>
      ) : null}
      {offerResume ? (
        <button type="button" disabled={!canTrain} onClick={() => void client.train('checkpoint')}>
          Resume from step {saved.step}
        </button>
      ) : null}
      {stale && !busy && saved ? (
        <span className="stale" role="note">
          The graph changed since these weights were trained.
          <button type="button" disabled={!canTrain} onClick={() => void client.train('weights')}>
            Keep weights of unchanged networks
          </button>
          <span className="muted">or Train to start afresh.</span>
        </span>
      ) : null}
      {fallback ? (
        <button
          type="button"
          className="primary"
          disabled={!canTrain}
          onClick={() => {
            setSettings({ backend: fallback });
            void client.train(saved ? 'checkpoint' : 'fresh');
          }}
        >
          Go on with {fallback}
        </button>
      ) : null}
      {confirming ? (
        <span className="confirm" role="group" aria-label="Delete the trained weights?">
          Delete the trained weights of this graph?
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirming(false);
              void client.resetWeights();
            }}
          >
            Delete weights
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep them
          </button>
        </span>
      ) : (
        <button type="button" disabled={!saved && run.status === 'idle'} title="Delete the trained weights and their checkpoint; the next run starts afresh" onClick={() => setConfirming(true)}>
          Reset weights
        </button>
      )}
      {run.notice ? (
        <span className="notice" role="status" aria-label="Training notice">
          {run.notice}
        </span>
      ) : null}
    </div>
  );
}
