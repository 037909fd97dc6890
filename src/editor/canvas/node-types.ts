/** React Flow's nodeTypes, at module scope so React Flow never sees a new object. */
import type { NodeTypes } from '@xyflow/react';
import { GraphNode } from './GraphNode';
import { NoteNode } from './NoteNode';

export const nodeTypes = { ganvas: GraphNode, note: NoteNode } satisfies NodeTypes;
