/**
 * An Inspect node's latest look at its wire, drawn on its card: per tensor the shape, mean, std,
 * min and max, a histogram, and for feature maps a grid of the first channels.
 */
import { memo } from 'react';
import { useEditor } from '../store/hooks';
import type { InspectView } from '../store/run-slice';
import { ImageCanvas } from './ImageCanvas';

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toFixed(3)) : String(v));

function Histogram({ counts, label }: { counts: number[]; label: string }) {
  const top = Math.max(1, ...counts);
  const w = 100 / Math.max(1, counts.length);
  return (
    <svg className="gn-histogram" viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label={label}>
      {counts.map((c, i) => (
        <rect key={i} x={i * w} y={30 - (30 * c) / top} width={Math.max(0.5, w - 0.4)} height={(30 * c) / top} />
      ))}
    </svg>
  );
}

function Stats({ view, title }: { view: InspectView; title: string }) {
  return (
    <div className="gn-inspect nodrag" aria-label={`${title} at step ${view.step}`}>
      {view.stats.map((s, i) => {
        const name = view.stats.length > 1 ? `${title} tensor ${i + 1}` : title;
        return (
          <div key={i} className="gn-inspect-tensor">
            <dl>
              <dt>shape</dt>
              <dd>{s.shape.join('×')}</dd>
              <dt>mean</dt>
              <dd>{fmt(s.mean)}</dd>
              <dt>std</dt>
              <dd>{fmt(s.std)}</dd>
              <dt>min</dt>
              <dd>{fmt(s.min)}</dd>
              <dt>max</dt>
              <dd>{fmt(s.max)}</dd>
            </dl>
            <Histogram counts={s.histogram} label={`${name} histogram from ${fmt(s.min)} to ${fmt(s.max)}`} />
          </div>
        );
      })}
      {view.channels.length > 0 ? (
        <div className="gn-channels">
          {view.channels.map((c, i) => (
            <ImageCanvas key={i} image={c} label={`${title} channel ${i + 1}`} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function InspectStatsView({ nodeId, title }: { nodeId: string; title: string }) {
  const view = useEditor((s) => s.run.inspects[nodeId]);
  return view ? <Stats view={view} title={title} /> : null;
}

export const InspectStats = memo(InspectStatsView);
