/**
 * The one React Flow node component for every node kind: a card with a header (title,
 * category colour, shared-weights marker, problems badge), one row per port with its handle,
 * and a summary line. Everything comes through `data`; memoised on a content compare of it,
 * so 300 nodes stay fluid while one of them changes.
 */
import type { NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import type { GraphFlowNode, NodeDiagnostic, PortView } from './node-data';
import { categoryColor } from './node-colors';
import { DiagnosticBadge, NetworkMarker } from './NodeBadges';
import { PortRow } from './PortRow';
import { InspectStats } from '../train/InspectStats';
import { PreviewImages } from '../train/PreviewImages';
import { ImageSetCard } from '../images/ImageSetCard';
import { sameNodeData } from './same-data';
import './graph-node.css';

type Problems = ReadonlyMap<string, string[]>;

function problemsByPort(diagnostics: readonly NodeDiagnostic[]): Problems | undefined {
  let map: Map<string, string[]> | undefined;
  for (const d of diagnostics) {
    if (d.port === undefined || d.severity === 'info') continue;
    map ??= new Map();
    const list = map.get(d.port);
    if (list) list.push(d.message);
    else map.set(d.port, [d.message]);
  }
  return map;
}

interface PortColumnProps {
  ports: readonly PortView[];
  side: 'input' | 'output';
  nodeTitle: string;
  problems: Problems | undefined;
  showShapes: boolean;
  isConnectable: boolean;
}

function PortColumn({ ports, side, problems, ...rest }: PortColumnProps) {
  if (ports.length === 0) return null;
  return (
    <div className={side === 'input' ? 'gn-col gn-in' : 'gn-col gn-out'}>
      {ports.map((p) => (
        <PortRow key={p.name} port={p} side={side} problems={problems?.get(p.name)} {...rest} />
      ))}
    </div>
  );
}

function GraphNodeView({ id, data, isConnectable }: NodeProps<GraphFlowNode>) {
  const title = data.unknown ? `Unknown: ${data.kind}` : data.title;
  const problems = problemsByPort(data.diagnostics);
  const shared = { nodeTitle: title, problems, showShapes: data.showShapes, isConnectable };
  const style = { '--cat': data.unknown ? 'var(--error)' : categoryColor(data.category) } as CSSProperties;
  return (
    <div
      className={data.unknown ? 'gn gn-unknown' : 'gn'}
      style={style}
      data-category={data.category}
      role="group"
      aria-label={title}
    >
      <div className="gn-head">
        <span className="gn-title" title={data.unknown ? title : `${title} (${data.kind})`}>
          {title}
        </span>
        {data.network ? <NetworkMarker network={data.network} /> : null}
        <DiagnosticBadge diagnostics={data.diagnostics} />
      </div>
      {data.inputs.length || data.outputs.length ? (
        <div className="gn-ports">
          <PortColumn ports={data.inputs} side="input" {...shared} />
          <PortColumn ports={data.outputs} side="output" {...shared} />
        </div>
      ) : null}
      {data.summary ? (
        <div className="gn-summary" title={data.summary}>
          {data.summary}
        </div>
      ) : null}
      {data.kind === 'preview' ? <PreviewImages nodeId={id} title={title} /> : null}
      {data.kind === 'inspect' ? <InspectStats nodeId={id} title={title} /> : null}
      {data.kind === 'image-set' ? <ImageSetCard nodeId={id} title={title} /> : null}
    </div>
  );
}

// Position props change on every drag frame; the card does not show them, so only what it
// renders is compared (selection is styled through the wrapper's .selected class).
function sameProps(a: NodeProps<GraphFlowNode>, b: NodeProps<GraphFlowNode>): boolean {
  return a.id === b.id && a.isConnectable === b.isConnectable && sameNodeData(a.data, b.data);
}

export const GraphNode = memo(GraphNodeView, sameProps);
GraphNode.displayName = 'GraphNode';
