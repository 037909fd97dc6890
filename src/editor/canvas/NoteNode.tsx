/**
 * A sticky note on the canvas. Its text is shown as a safe Markdown subset rendered as React
 * elements (never parsed as HTML); the paper colour is one of theme.css's --note-* colours.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NoteFlowNode } from './node-data';
import { notePaper } from './node-colors';
import { sameNodeData } from './same-data';
import { Markdown } from '../markdown/Markdown';
import '../markdown/markdown.css';
import './note-node.css';

function firstLine(text: string): string {
  const line = (text.trim().split('\n')[0] ?? '').replace(/^#+\s*/, '');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function NoteNodeView({ data }: NodeProps<NoteFlowNode>) {
  const head = firstLine(data.text);
  return (
    <div
      className={`note note-${notePaper(data.color)}`}
      style={{ width: data.width, height: data.height }}
      role="note"
      aria-label={head ? `Note: ${head}` : 'Empty note'}
    >
      {/* nowheel: the wheel scrolls a long note instead of zooming the canvas. */}
      <Markdown className="note-text nowheel" text={data.text} />
    </div>
  );
}

function sameProps(a: NodeProps<NoteFlowNode>, b: NodeProps<NoteFlowNode>): boolean {
  return a.id === b.id && sameNodeData(a.data, b.data);
}

export const NoteNode = memo(NoteNodeView, sameProps);
NoteNode.displayName = 'NoteNode';
