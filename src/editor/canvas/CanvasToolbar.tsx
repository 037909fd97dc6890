/**
 * The canvas's toolbar and keys for its commands: quick add (Space), auto-layout (L) and
 * "Make network from selection" (Ctrl+G). Keys typed into a field, or on a button, are left alone.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { runAutoLayout } from '../actions/layout';
import { runMakeNetwork } from '../actions/make-network';
import { useEditor, useEditorStore } from '../store/hooks';
import type { QuickAddApi } from './use-quick-add';

const within = (target: EventTarget | null, selector: string) => target instanceof Element && target.closest(selector) !== null;
const FIELDS = 'input, textarea, select, [contenteditable="true"], [role="dialog"]';
// Space also presses buttons and follows links: left to them.
const PRESSABLE = 'button, a, summary, [role="button"], [role="option"]';

export function CanvasToolbar({ quick, wrapper }: { quick: QuickAddApi; wrapper: React.RefObject<HTMLDivElement | null> }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const selected = useEditor((s) => s.selectedNodes.length);
  const inNetwork = useEditor((s) => s.scope !== undefined);

  const layout = () => {
    runAutoLayout(store, (id) => {
      const m = flow.getInternalNode(id)?.measured;
      return m?.width && m.height ? { width: m.width, height: m.height } : undefined;
    });
  };
  const commands = useRef({ layout, quick, makeNetwork: () => runMakeNetwork(store) });
  commands.current = { layout, quick, makeNetwork: () => runMakeNetwork(store) };

  useEffect(() => {
    const inCanvas = (p: { x: number; y: number } | undefined) => {
      const box = wrapper.current?.getBoundingClientRect();
      return p && box && p.x >= box.left && p.x <= box.right && p.y >= box.top && p.y <= box.bottom ? p : undefined;
    };
    // Capturing, so Space reaches quick add before React Flow reads it on a focused node.
    const onKey = (e: KeyboardEvent) => {
      if (within(e.target, FIELDS) || e.altKey) return;
      const mod = e.ctrlKey || e.metaKey;
      const c = commands.current;
      if (!mod && e.key === ' ' && !within(e.target, PRESSABLE)) c.quick.open(inCanvas(c.quick.pointer.current));
      else if (!mod && !e.shiftKey && e.key.toLowerCase() === 'l') c.layout();
      else if (mod && !e.shiftKey && e.key.toLowerCase() === 'g') c.makeNetwork();
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [wrapper]);

  return (
    <div className="canvas-tools" role="toolbar" aria-label="Canvas tools">
      <button type="button" onClick={() => quick.open()} title="Search for a node to add (Space, or double-click the canvas)">
        + Add node
      </button>
      <button type="button" onClick={layout} title={selected >= 2 ? 'Lay out the selected nodes (L)' : 'Lay out the whole graph (L)'}>
        {selected >= 2 ? 'Lay out selection' : 'Auto-layout'}
      </button>
      <button type="button" onClick={() => runMakeNetwork(store)} disabled={selected === 0 || inNetwork}
        title={inNetwork ? 'Networks cannot call other networks' : 'Make a network of the selected blocks (Ctrl+G)'}>
        Make network
      </button>
    </div>
  );
}
