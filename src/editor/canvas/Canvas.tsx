/**
 * The React Flow canvas, controlled by the store: nodes and edges are derived from the
 * document; drags, connections, deletions and selection come back as store actions.
 */
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canConnect } from '../../graph/connect';
import type { Fix } from '../../graph/diagnostics';
import { connect, insertRescale, moveNodes, partOf, removeElements } from '../../graph/edit';
import { STRAY_DROP_TEXT } from '../images/stray-drops';
import { readGraphFile } from '../persist/files';
import { useEditor, useEditorStore } from '../store/hooks';
import { createFlowMapper, type FlowNode } from './flow-mapping';
import { minimapNodeColor } from './node-colors';
import { nodeTypes } from './node-types';
import { CanvasToolbar } from './CanvasToolbar';
import { useQuickAdd } from './use-quick-add';
import './canvas.css';

interface Notice {
  text: string;
  fix?: Fix;
}

// Props React Flow compares by identity, made once: a new array on every render would reach its
// store on every frame of a drag and wake every node's subscription.
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Control', 'Meta'];
const SNAP_GRID: [number, number] = [8, 8];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: 150, height: 100 };

function toggle(set: Set<string>, id: string, on: boolean): void {
  if (on) set.add(id);
  else set.delete(id);
}

const asConnection = (c: Connection | Edge) => ({ source: c.source, sourceHandle: c.sourceHandle ?? '', target: c.target, targetHandle: c.targetHandle ?? '' });

/** A graph file dropped on the canvas: a .ganvas.json (or any .json) file, or a result PNG that carries its graph. */
const graphFile = (f: File) => /\.(json|png)$/i.test(f.name) || f.type === 'application/json' || f.type === 'image/png';
const isPng = (f: File) => /\.png$/i.test(f.name) || f.type === 'image/png';

export function Canvas({ onImportFile }: { onImportFile?: (file: File) => void }) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const scope = useEditor((s) => s.scope);
  const compiled = useEditor((s) => s.compiled);
  const showShapes = useEditor((s) => s.showShapes);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const [notice, setNotice] = useState<Notice>();
  const generation = useEditor((s) => s.generation);
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const quick = useQuickAdd(wrapper);
  // A newly opened graph (or network) is framed once React Flow has measured its nodes: its
  // working nodes, that is — notes around them would shrink everything below reading size.
  useEffect(() => {
    const id = setTimeout(() => {
      const s = store.getState();
      const working = partOf(s.doc, s.scope).nodes.filter((n) => n.type !== 'note').map((n) => ({ id: n.id }));
      void flow.fitView({ padding: 0.08, duration: 0, ...(working.length > 0 ? { nodes: working } : {}) });
    }, 50);
    return () => clearTimeout(id);
  }, [generation, scope, flow, store]);

  // React Flow measures nodes and reports their sizes as changes; the minimap needs them back.
  const [sizes, setSizes] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const selected = useMemo(() => new Set([...selectedNodes, ...selectedEdges]), [selectedNodes, selectedEdges]);
  const mapper = useMemo(createFlowMapper, []);
  const { nodes, edges } = useMemo(
    () => mapper({ doc, scope, diagnostics: compiled.diagnostics, analysis: compiled.analysis, showShapes }, selected, sizes),
    [mapper, doc, scope, compiled, showShapes, selected, sizes],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const measured = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [{ id: c.id, size: c.dimensions }] : []));
      if (measured.length > 0)
        setSizes((prev) => {
          const next = new Map(prev);
          for (const m of measured) next.set(m.id, m.size);
          return next;
        });
      const s = store.getState();
      const moves = changes.flatMap((c) => (c.type === 'position' && c.position ? [{ id: c.id, position: c.position }] : []));
      if (moves.length > 0) s.preview((d) => moveNodes(d, moves, s.scope));
      if (changes.some((c) => c.type === 'position' && c.dragging === false)) s.commitPreview('Move');
      const picks = changes.filter((c) => c.type === 'select');
      if (picks.length > 0) {
        const next = new Set(s.selectedNodes);
        for (const c of picks) if (c.type === 'select') toggle(next, c.id, c.selected);
        s.select([...next], s.selectedEdges);
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const s = store.getState();
      const picks = changes.filter((c) => c.type === 'select');
      if (picks.length === 0) return;
      const next = new Set(s.selectedEdges);
      for (const c of picks) if (c.type === 'select') toggle(next, c.id, c.selected);
      s.select(s.selectedNodes, [...next]);
    },
    [store],
  );

  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: FlowNode[]; edges: Edge[] }) => {
      const s = store.getState();
      s.edit('Delete', (d) => removeElements(d, { nodes: ns.map((n) => n.id), edges: es.map((e) => e.id) }, s.scope));
      s.select([], []);
    },
    [store],
  );

  const verdict = useCallback(
    (c: Connection | Edge) => {
      const s = store.getState();
      return canConnect(s.doc, asConnection(c), { networkId: s.scope, analysis: s.compiled.analysis });
    },
    [store],
  );

  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      const v = verdict(c);
      // React Flow never calls onConnect for a refused wire, so the reason and its fix show here.
      if (!v.ok) setNotice({ text: v.reason, ...(v.fix ? { fix: v.fix } : {}) });
      return v.ok;
    },
    [verdict],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const v = verdict(c);
      const s = store.getState();
      if (v.ok) {
        s.edit('Connect', (d) => connect(d, asConnection(c), s.scope));
        setNotice(undefined);
      } else setNotice({ text: v.reason, ...(v.fix ? { fix: v.fix } : {}) });
    },
    [store, verdict],
  );

  const clearNotice = useCallback(() => setNotice(undefined), []);
  const openNetwork = useCallback(
    (_e: unknown, node: FlowNode) => {
      const net = node.type === 'ganvas' ? node.data.network : undefined;
      if (net) store.getState().setScope(net.id);
    },
    [store],
  );

  const applyFix = (fix: Fix) => {
    const s = store.getState();
    s.edit('Insert Rescale', (d) => insertRescale(d, fix, s.scope).doc);
    setNotice(undefined);
  };

  return (
    <div
      ref={wrapper}
      className="canvas"
      aria-label="Graph canvas"
      onPointerMove={(e) => (quick.pointer.current = { x: e.clientX, y: e.clientY })}
      onDoubleClick={quick.onDoubleClick}
      onDrop={(e) => {
        // An Image set node takes pictures dropped on it first (and prevents the default).
        if (e.defaultPrevented || !onImportFile) return;
        const file = Array.from(e.dataTransfer.files).find(graphFile);
        if (!file) return;
        e.preventDefault();
        if (!isPng(file)) return onImportFile(file);
        // A PNG opens only when Ganvas exported it with its graph; a plain picture is told where pictures go.
        void readGraphFile(file).then((r) => {
          if (r.diagnostics.some((d) => d.code === 'pngNoGraph')) store.getState().notify({ severity: 'info', text: STRAY_DROP_TEXT });
          else onImportFile(file);
        });
      }}
    >
      <ReactFlow<FlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onConnectStart={clearNotice}
        onConnectEnd={quick.onConnectEnd}
        onNodeDoubleClick={openNetwork}
        deleteKeyCode={DELETE_KEYS}
        // Space opens quick add and a double-click on empty canvas too; dragging pans anyway.
        panActivationKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        snapToGrid
        snapGrid={SNAP_GRID}
        fitView
        minZoom={0.1}
        proOptions={PRO_OPTIONS}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={minimapNodeColor} style={MINIMAP_STYLE} />
        <Controls aria-label="Zoom controls" />
      </ReactFlow>
      <CanvasToolbar quick={quick} wrapper={wrapper} />
      {quick.element}
      {notice && (
        <div className="canvas-notice" role="status">
          <span>{notice.text}</span>
          {notice.fix && (
            <button type="button" onClick={() => applyFix(notice.fix!)}>
              Insert Rescale
            </button>
          )}
          <button type="button" aria-label="Dismiss message" onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
