/**
 * The training panel under the canvas: backend choice, steps and preview cadence, the controls
 * (Train, Pause, Resume, Step, Stop), progress with steps per second and time left, the active
 * backend with the reasons for it, messages from the worker, and the loss chart.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { backendNames, type BackendChoice } from '../../runtime/protocol';
import { hasErrors } from '../../graph/diagnostics';
import { useEditor } from '../store/hooks';
import type { EditorState } from '../store/store';
import { ExportControls } from './ExportControls';
import { LossChart } from './LossChart';
import { SavedWeights } from './SavedWeights';
import type { TrainingClient } from './training-client';
import './train-panel.css';

const selectRun = (s: EditorState) => s.run;
const selectSettings = (s: EditorState) => s.runSettings;
const selectCanTrain = (s: EditorState) => !hasErrors(s.compiled.diagnostics);
const selectSetSettings = (s: EditorState) => s.setRunSettings;
const selectFingerprint = (s: EditorState) => s.fingerprint;

function timeLeft(steps: number, rate: number): string {
  if (!(rate > 0) || steps <= 0) return '';
  const s = Math.round(steps / rate);
  return s < 60 ? `${s} s left` : `${Math.floor(s / 60)} min ${s % 60} s left`;
}

export function TrainPanel({ client }: { client: TrainingClient }) {
  const run = useEditor(useShallow(selectRun));
  const settings = useEditor(selectSettings);
  const setSettings = useEditor(selectSetSettings);
  const canTrain = useEditor(selectCanTrain);
  const [smoothing, setSmoothing] = useState(0.6);
  // Folded, the panel keeps its controls and status line and gives the canvas the rest.
  const [folded, setFolded] = useState(false);
  // From the last compile, so that moving nodes does not re-render the panel.
  const now = useEditor(selectFingerprint);
  const active = run.status === 'running' || run.status === 'paused' || run.status === 'starting';
  const busy = run.status === 'running' || run.status === 'starting';
  // Paused weights of another version of the graph: Resume would train the old one.
  const stale = run.status === 'paused' && run.trained !== undefined && run.trained !== now;
  const fraction = run.end > 0 ? Math.min(1, run.step / run.end) : 0;

  return (
    <section className={folded ? 'train-panel folded' : 'train-panel'} aria-label="Training">
      <div className="train-controls">
        <button type="button" className="fold" aria-expanded={!folded} aria-label={folded ? 'Show the whole training panel' : 'Fold the training panel'} title={folded ? 'Show the chart, checkpoints and exports' : 'Fold to the controls and status, for more canvas'} onClick={() => setFolded((f) => !f)}>
          {folded ? '▸' : '▾'}
        </button>
        <label>
          Backend
          <select aria-label="Backend" value={settings.backend} disabled={busy} onChange={(e) => setSettings({ backend: e.target.value as BackendChoice })}>
            <option value="auto">auto</option>
            {backendNames.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label>
          Steps
          <input aria-label="Steps" type="number" min={1} max={1_000_000} value={settings.steps} disabled={busy} onChange={(e) => setSettings({ steps: Math.max(1, Math.round(Number(e.target.value) || 1)) })} />
        </label>
        <label>
          Preview every
          <input aria-label="Preview every" type="number" min={1} max={100_000} value={settings.previewEvery} onChange={(e) => client.setPreviewEvery(Math.max(1, Math.round(Number(e.target.value) || 1)))} />
        </label>
        <label>
          Checkpoint every
          <input aria-label="Checkpoint every" type="number" min={0} max={1_000_000} value={settings.checkpointEvery} disabled={busy} title="Steps between checkpoints; 0 saves only on pause, stop and at the end" onChange={(e) => setSettings({ checkpointEvery: Math.max(0, Math.round(Number(e.target.value) || 0)) })} />
        </label>
        <button type="button" className="primary" disabled={!canTrain || busy} title={canTrain ? 'Train from fresh weights' : 'Fix the errors in Problems first'} onClick={() => void client.train()}>
          Train
        </button>
        <button type="button" disabled={run.status !== 'running'} onClick={() => client.pause()}>
          Pause
        </button>
        <button type="button" disabled={run.status !== 'paused' || stale} title={stale ? 'The graph changed: keep the weights of unchanged networks, or train afresh' : undefined} onClick={() => client.resume()}>
          Resume
        </button>
        <button type="button" disabled={run.status !== 'paused'} onClick={() => client.step()}>
          Step
        </button>
        <button type="button" disabled={!active} onClick={() => client.stop()}>
          Stop
        </button>
      </div>
      <div className="train-status">
        <progress aria-label="Training progress" max={1} value={fraction} />
        <span role="status" aria-label="Training status">
          {run.status === 'idle' ? 'Not trained yet.' : `${run.status} · step ${run.step}${run.end ? ` of ${run.end}` : ''}`}
          {run.rate > 0 && run.status === 'running' ? ` · ${run.rate.toFixed(1)} steps/s · ${timeLeft(run.end - run.step, run.rate)}` : ''}
        </span>
        <span className="backend" aria-label="Active backend" title={run.reasons.join('\n')}>
          {run.backend ? `on ${run.backend}` : ''}
        </span>
        {run.tensors !== undefined ? <span className="muted" aria-label="Worker tensors">{run.tensors} tensors</span> : null}
        <label className="smoothing">
          Smoothing
          <input aria-label="Smoothing" type="range" min={0} max={0.95} step={0.05} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} />
        </label>
      </div>
      {folded ? null : (
        <>
          <SavedWeights client={client} run={run} canTrain={canTrain} now={now} />
          <ExportControls client={client} run={run} now={now} />
        </>
      )}
      {run.message ? (
        <p className={run.status === 'failed' ? 'train-message error' : 'train-message'} role="alert">
          {run.message}
        </p>
      ) : null}
      {run.reasons.length > 0 && run.backend && !folded ? (
        <details className="train-reasons">
          <summary>Why {run.backend}?</summary>
          <p className="muted">Not used: {run.reasons.join(' ')}</p>
        </details>
      ) : null}
      {folded ? null : <LossChart losses={run.losses} smoothing={smoothing} />}
    </section>
  );
}
