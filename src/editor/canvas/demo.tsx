/**
 * A standalone page to look at the node components without the app: `npx vite --port 5199`,
 * then open /src/editor/canvas/demo.html. Query: ?theme=light, ?shapes=0, ?n=300 (stress grid).
 */
import { Background, Controls, MiniMap, Panel, ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import '../styles/theme.css';
import { demoEdges, demoNodes, stressNodes, type DemoNode } from './demo-data';
import { minimapNodeColor } from './node-colors';
import { nodeTypes } from './node-types';

const query = new URLSearchParams(location.search);
const stress = Number(query.get('n') ?? 0);

function initialNodes(showShapes: boolean): DemoNode[] {
  const nodes = stress > 0 ? stressNodes(stress) : demoNodes();
  return nodes.map((n) => (n.type === 'ganvas' ? { ...n, data: { ...n.data, showShapes } } : n));
}

function Demo() {
  const [theme, setTheme] = useState(query.get('theme') === 'light' ? 'light' : 'dark');
  const [showShapes, setShowShapes] = useState(query.get('shapes') !== '0');
  const [nodes, setNodes, onNodesChange] = useNodesState<DemoNode>(initialNodes(showShapes));
  const [edges, , onEdgesChange] = useEdgesState(stress > 0 ? [] : demoEdges());

  useEffect(() => {
    if (theme === 'light') document.documentElement.dataset.theme = 'light';
    else delete document.documentElement.dataset.theme;
  }, [theme]);

  useEffect(() => {
    setNodes((ns) => ns.map((n) => (n.type === 'ganvas' ? { ...n, data: { ...n.data, showShapes } } : n)));
  }, [showShapes, setNodes]);

  return (
    <ReactFlow<DemoNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      fitView
      fitViewOptions={{ padding: 0.06 }}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={16} size={1.2} />
      <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={minimapNodeColor} />
      <Controls aria-label="Zoom controls" position="bottom-right" style={{ marginRight: 232 }} />
      <Panel position="top-right" className="demo-panel">
        <button type="button" onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
          {theme === 'light' ? 'Dark theme' : 'Light theme'}
        </button>
        <label>
          <input type="checkbox" checked={showShapes} onChange={(e) => setShowShapes(e.target.checked)} /> Shapes
        </label>
      </Panel>
    </ReactFlow>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Demo />
  </StrictMode>,
);
