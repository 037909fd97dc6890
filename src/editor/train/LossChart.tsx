/** Loss curves: one line per loss node over the logged steps, with optional smoothing. */
import { memo } from 'react';
import type { RunView } from '../store/run-slice';

const colors = ['#56b4e9', '#e69f00', '#2cc79b', '#e08cc0', '#f0e442', '#d55e00', '#0072b2', '#cc79a7'];
const W = 420;
const H = 120;

/** Exponential moving average with factor `s` in [0, 1). */
export function smooth(values: number[], s: number): number[] {
  let prev: number | undefined;
  return values.map((v) => (prev = prev === undefined ? v : s * prev + (1 - s) * v));
}

function LossChartView({ losses, smoothing }: { losses: RunView['losses']; smoothing: number }) {
  const ids = [...new Set(losses.flatMap((l) => Object.keys(l.values)))];
  const steps = losses.map((l) => l.step);
  const series = ids.map((id) => smooth(losses.map((l) => l.values[id] ?? NaN), smoothing));
  const finite = series.flat().filter(Number.isFinite);
  // Losses of one graph differ by orders of magnitude (an L1 term ×100 beside a GAN loss):
  // a log axis keeps every curve readable whenever all values are positive.
  const log = finite.length > 0 && finite.every((v) => v > 0);
  const f = log ? Math.log10 : (v: number) => v;
  const lo = finite.length ? f(Math.min(...finite)) : 0;
  const hi = finite.length ? f(Math.max(...finite)) : 1;
  const x0 = steps[0] ?? 0;
  const x1 = steps.at(-1) ?? 1;
  const x = (s: number) => (x1 === x0 ? W / 2 : ((s - x0) / (x1 - x0)) * (W - 8) + 4);
  const y = (v: number) => (hi === lo ? H / 2 : H - 4 - ((f(v) - lo) / (hi - lo)) * (H - 8));
  return (
    <figure className="loss-chart" aria-label="Loss chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Losses over ${losses.length} logged steps`}>
        {series.map((vals, k) => (
          <polyline
            key={ids[k]}
            data-loss={ids[k]}
            fill="none"
            stroke={colors[k % colors.length]}
            strokeWidth={1.5}
            points={vals.map((v, i) => (Number.isFinite(v) ? `${x(steps[i]!).toFixed(1)},${y(v).toFixed(1)}` : '')).join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        {ids.length === 0 ? (
          <span className="muted">Loss curves appear here while training.</span>
        ) : (
          ids.map((id, k) => (
            <span key={id} className="legend">
              <span className="swatch" style={{ background: colors[k % colors.length] }} />
              {id} {series[k]!.at(-1)?.toPrecision(4)}
            </span>
          ))
        )}
        {finite.length ? (
          <span className="muted">
            {log ? 'log scale' : 'linear scale'}, {Math.min(...finite).toPrecision(3)}–{Math.max(...finite).toPrecision(3)}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

export const LossChart = memo(LossChartView);
