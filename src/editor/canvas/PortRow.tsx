/** One port of a graph node: its handle (coloured and shaped by type), label, and shape line. */
import { Handle, Position } from '@xyflow/react';
import type { CSSProperties } from 'react';
import type { PortView } from './node-data';
import type { PortType } from '../../nodes/types';
import { isPortType, portColors, portShapes } from './port-colors';

interface PortRowProps {
  port: PortView;
  side: 'input' | 'output';
  nodeTitle: string;
  /** Messages of the diagnostics naming this port; the row is outlined when there are any. */
  problems: readonly string[] | undefined;
  showShapes: boolean;
  isConnectable: boolean;
}

/** Ports accepting more than two types (unknown kinds' ports accept all) draw as "any". */
function shownTypes(types: readonly string[]): PortType[] {
  const known = types.filter(isPortType);
  return known.length > 2 ? [] : known;
}

function handleStyle(shown: readonly PortType[]): CSSProperties {
  const [first, second] = shown;
  // A port accepting two types shows both colours, split diagonally.
  return {
    '--pc': first ? portColors[first] : 'var(--port-unknown)',
    '--pc2': second ? portColors[second] : 'var(--pc)',
  } as CSSProperties;
}

function handleClass(shown: readonly PortType[]): string {
  const first = shown[0];
  const shape = first ? `gn-handle gn-h-${portShapes[first]}` : 'gn-handle gn-h-any';
  return shown.length > 1 ? `${shape} gn-h-multi` : shape;
}

function typeText(types: readonly string[]): string {
  if (types.length === 0 || types.length > 2) return 'any type';
  return types.join(' or ');
}

export function PortRow({ port, side, nodeTitle, problems, showShapes, isConnectable }: PortRowProps) {
  const shown = shownTypes(port.types);
  const bad = problems !== undefined && problems.length > 0;
  const detail = showShapes ? [port.shape, port.range].filter(Boolean).join(' · ') : '';
  const tip = [`${port.label}: ${typeText(port.types)}${port.optional ? ' (optional)' : ''}`, ...(problems ?? [])].join('\n');
  return (
    <div className={bad ? 'gn-port is-bad' : 'gn-port'} title={tip}>
      <Handle
        type={side === 'input' ? 'target' : 'source'}
        position={side === 'input' ? Position.Left : Position.Right}
        id={port.name}
        isConnectable={isConnectable}
        className={handleClass(shown)}
        style={handleStyle(shown)}
        aria-label={`${nodeTitle} ${side} ${port.label}`}
      />
      <span className="gn-label">
        {port.label}
        {port.optional ? <span className="gn-opt"> optional</span> : null}
      </span>
      {detail ? <span className="gn-shape">{detail}</span> : null}
    </div>
  );
}
