/**
 * The canvas's quick add: where it opens (at the pointer, or the middle of the view), for what
 * (any node, or nodes that can take or feed a wire dropped on empty canvas), and what picking
 * an item does: one undoable edit that places the node there, connected to the wire if any.
 */
import { useReactFlow, type FinalConnectionState } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { partOf } from '../../graph/edit';
import { nodeName } from '../../graph/diagnostics';
import { registry } from '../../nodes/registry';
import { runQuickAdd } from '../actions/quick-add';
import { addableItems, compatibleItems, type AddItem, type CompatibleItem, type WireEnd } from '../panels/node-search';
import { useEditor, useEditorStore } from '../store/hooks';
import { QuickAdd } from './QuickAdd';
import { DEFAULT_SIZE } from './auto-layout';

interface Open {
  /** Client (window) coordinates of the point it was opened for. */
  client: { x: number; y: number };
  /** That point from the canvas's corner, and the canvas's size then. */
  local: { x: number; y: number };
  area: { width: number; height: number };
  end?: WireEnd;
}

export interface QuickAddApi {
  element: ReactNode;
  /** Opens at a point in window coordinates, or the middle of the canvas. */
  open(client?: { x: number; y: number }, end?: WireEnd): void;
  /** The last pointer position over the canvas, if any. */
  pointer: RefObject<{ x: number; y: number } | undefined>;
  onConnectEnd(event: MouseEvent | TouchEvent, state: FinalConnectionState): void;
  onDoubleClick(event: React.MouseEvent): void;
}

const isPane = (t: EventTarget | null) => t instanceof Element && t.classList.contains('react-flow__pane');
/** Under a dropped wire: the pane, a wire or the wire being drawn, but no node or control. */
const onEmptyCanvas = (t: Element | null) =>
  t !== null && t.closest('.react-flow') !== null && t.closest('.react-flow__node, .react-flow__panel, .react-flow__controls, .react-flow__minimap, .canvas-tools') === null;

export function useQuickAdd(wrapper: RefObject<HTMLDivElement | null>): QuickAddApi {
  const store = useEditorStore();
  const flow = useReactFlow();
  const [state, setState] = useState<Open>();
  const pointer = useRef<{ x: number; y: number }>(undefined);
  const doc = useEditor((s) => s.doc);
  const scope = useEditor((s) => s.scope);
  const analysis = useEditor((s) => s.compiled.analysis);

  const open = useCallback(
    (client?: { x: number; y: number }, end?: WireEnd) => {
      const box = wrapper.current?.getBoundingClientRect();
      if (!box) return;
      const at = client ?? { x: box.left + box.width / 2 - 160, y: box.top + box.height / 4 };
      const o: Open = { client: at, local: { x: at.x - box.left, y: at.y - box.top }, area: { width: box.width, height: box.height } };
      setState(end ? { ...o, end } : o);
    },
    [wrapper],
  );
  const close = useCallback(() => {
    setState(undefined);
    // Back to the canvas, so the keyboard goes on where it was.
    wrapper.current?.querySelector<HTMLElement>('.react-flow__pane, .react-flow')?.focus({ preventScroll: true });
  }, [wrapper]);

  const end = state?.end;
  const items = useMemo<readonly (AddItem | CompatibleItem)[]>(() => {
    if (!state) return [];
    const all = addableItems(scope);
    return end ? compatibleItems(doc, scope, all, end, analysis) : all;
  }, [state, end, doc, scope, analysis]);

  const pick = useCallback(
    (it: AddItem | CompatibleItem) => {
      if (!state) return;
      const p = flow.screenToFlowPosition(state.client);
      // A node fed by the wire starts at the pointer; one feeding it ends there.
      const position = { x: Math.round(state.end?.side === 'target' ? p.x - DEFAULT_SIZE.width : p.x), y: Math.round(p.y - 20) };
      runQuickAdd(store, it, position, state.end);
      close();
    },
    [state, store, flow, close],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, c: FinalConnectionState) => {
      // Only a wire let go over empty canvas: over a handle, React Flow connects or refuses.
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (c.isValid !== null || !c.fromHandle || !point || !onEmptyCanvas(document.elementFromPoint(point.clientX, point.clientY))) return;
      open({ x: point.clientX, y: point.clientY }, { node: c.fromHandle.nodeId, handle: c.fromHandle.id ?? '', side: c.fromHandle.type });
    },
    [open],
  );

  const onDoubleClick = useCallback(
    (e: React.MouseEvent) => {
      if (isPane(e.target)) open({ x: e.clientX, y: e.clientY });
    },
    [open],
  );

  let title = 'Add a node';
  if (end) {
    const n = partOf(doc, scope).nodes.find((x) => x.id === end.node);
    const who = n ? nodeName(n, registry.get(n.type)) : end.node;
    title = end.side === 'source' ? `Add a node fed by ${who}, output “${end.handle}”` : `Add a node feeding ${who}, input “${end.handle}”`;
  }
  const element = state ? (
    <QuickAdd
      items={items}
      at={state.local}
      area={state.area}
      title={title}
      onPick={pick}
      onClose={close}
    />
  ) : null;
  return { element, open, pointer, onConnectEnd, onDoubleClick };
}
