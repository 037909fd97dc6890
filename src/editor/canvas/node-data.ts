/**
 * What the canvas components receive. The lead maps the store's document into React Flow
 * nodes carrying these data; the components read nothing else (no store subscriptions), so a
 * node re-renders only when its own data change.
 */
import type { Node } from '@xyflow/react';

export interface PortView {
  /** Handle id: the port name saved in graph files. */
  name: string;
  label: string;
  /** 'image' | 'tensor' | 'vector' | 'scalar' | 'features'; an input may accept several. */
  types: string[];
  /** "2×64×64×3" when known. */
  shape?: string;
  range?: string;
  optional?: boolean;
}

export interface NodeDiagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  port?: string;
}

export interface GraphNodeData {
  kind: string;
  title: string;
  category: string;
  summary: string;
  inputs: PortView[];
  outputs: PortView[];
  diagnostics: NodeDiagnostic[];
  /** A kind this version does not know: red placeholder, ports from its wires. */
  unknown: boolean;
  /** Call sites: the network and how many call sites share its weights. */
  network?: { id: string; label: string; sharedBy: number };
  showShapes: boolean;
  [key: string]: unknown;
}
export type GraphFlowNode = Node<GraphNodeData, 'ganvas'>;

export interface NoteNodeData {
  text: string;
  color: string;
  width: number;
  height: number;
  [key: string]: unknown;
}
export type NoteFlowNode = Node<NoteNodeData, 'note'>;
