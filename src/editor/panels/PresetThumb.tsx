/**
 * A preset's thumbnail when it has no picture: a mini-diagram of its graph drawn from the
 * node positions, each node a small card in its category's colour, each wire a line.
 */
import { memo } from 'react';
import type { GraphDoc } from '../../graph/schema';
import { registry } from '../../nodes/registry';
import { categoryColor } from '../canvas/node-colors';

const W = 240;
const H = 135;
/** A node card's size in graph units, roughly as the canvas draws it. */
const CARD = { width: 190, height: 96 };

function ThumbView({ doc }: { doc: GraphDoc }) {
  const nodes = doc.nodes.filter((n) => n.type !== 'note');
  if (nodes.length === 0) return <svg className="preset-thumb" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" />;
  const x0 = Math.min(...nodes.map((n) => n.position.x));
  const y0 = Math.min(...nodes.map((n) => n.position.y));
  const x1 = Math.max(...nodes.map((n) => n.position.x + CARD.width));
  const y1 = Math.max(...nodes.map((n) => n.position.y + CARD.height));
  const pad = 8;
  const k = Math.min((W - 2 * pad) / (x1 - x0), (H - 2 * pad) / (y1 - y0));
  const ox = (W - (x1 - x0) * k) / 2;
  const oy = (H - (y1 - y0) * k) / 2;
  const at = new Map(nodes.map((n) => [n.id, { x: ox + (n.position.x - x0) * k, y: oy + (n.position.y - y0) * k }]));
  const w = CARD.width * k;
  const h = CARD.height * k;
  return (
    <svg className="preset-thumb" viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      {doc.edges.map((e, i) => {
        const a = at.get(e.source);
        const b = at.get(e.target);
        if (!a || !b) return null;
        const [sx, sy, tx, ty] = [a.x + w, a.y + h / 2, b.x, b.y + h / 2];
        const mx = (sx + tx) / 2;
        return <path key={i} d={`M${sx},${sy} C${mx},${sy} ${mx},${ty} ${tx},${ty}`} className="pt-wire" />;
      })}
      {nodes.map((n) => {
        const p = at.get(n.id)!;
        return <rect key={n.id} x={p.x} y={p.y} width={w} height={h} rx={Math.min(4, h / 4)} fill={categoryColor(registry.get(n.type)?.category ?? 'other')} className="pt-node" />;
      })}
    </svg>
  );
}

export const PresetThumb = memo(ThumbView);
