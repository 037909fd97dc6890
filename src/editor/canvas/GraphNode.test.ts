import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GraphNode } from './GraphNode';
import type { GraphFlowNode, GraphNodeData, NoteFlowNode, NoteNodeData } from './node-data';
import { NoteNode } from './NoteNode';

// Handles outside a rendered flow warn that they have no node id; that is expected here.
beforeAll(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
afterAll(() => vi.restoreAllMocks());

function props<N extends GraphFlowNode | NoteFlowNode>(type: N['type'], data: N['data']): NodeProps<N> {
  return {
    id: 'n1', type, data, selected: false, selectable: true, deletable: true, draggable: true, isConnectable: true,
    dragging: false, zIndex: 0, positionAbsoluteX: 0, positionAbsoluteY: 0,
  } as NodeProps<N>;
}

const inFlow = (node: ReactElement) => renderToStaticMarkup(createElement(ReactFlowProvider, null, node));
const renderGraph = (data: GraphNodeData) => inFlow(createElement(GraphNode, props<GraphFlowNode>('ganvas', data)));
const renderNote = (data: NoteNodeData) => inFlow(createElement(NoteNode, props<NoteFlowNode>('note', data)));

function graphData(over: Partial<GraphNodeData> = {}): GraphNodeData {
  return {
    kind: 'adversarial', title: 'Adversarial loss', category: 'loss', summary: 'BCE · generator',
    inputs: [{ name: 'scores', label: 'scores', types: ['tensor', 'vector'], shape: '2×1' }],
    outputs: [{ name: 'loss', label: 'loss', types: ['scalar'], shape: 'scalar' }],
    diagnostics: [], unknown: false, showShapes: true, ...over,
  };
}

const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('GraphNode', () => {
  it('names the node and every handle, with handle ids from port names', () => {
    const html = renderGraph(graphData());
    expect(html).toMatch(/role="group" aria-label="Adversarial loss"/);
    expect(attr(html, 'aria-label')).toEqual(expect.arrayContaining(['Adversarial loss input scores', 'Adversarial loss output loss']));
    expect(html).toMatch(/data-handleid="scores"[^>]*data-handlepos="left"|data-handlepos="left"[^>]*data-handleid="scores"/);
    expect(html).toMatch(/data-handleid="loss"[^>]*data-handlepos="right"|data-handlepos="right"[^>]*data-handleid="loss"/);
  });

  it('shows shapes only when asked', () => {
    expect(renderGraph(graphData())).toContain('2×1');
    expect(renderGraph(graphData({ showShapes: false }))).not.toContain('2×1');
  });

  it('counts errors and warnings in a badge named by their messages, and outlines the port they name', () => {
    const html = renderGraph(graphData({
      diagnostics: [
        { severity: 'error', message: 'Scores are missing', port: 'scores' },
        { severity: 'warning', message: 'Nothing trains on this loss.' },
        { severity: 'info', message: 'A note.' },
      ],
    }));
    expect(html).toContain('aria-label="1 error, 1 warning: Scores are missing. Nothing trains on this loss. A note."');
    expect(html).toMatch(/gn-badge gn-badge-error[^>]*>.*?<\/span>2<\/span>/);
    expect(html.match(/gn-port is-bad/g)).toHaveLength(1);
    expect(html).toMatch(/class="gn-port is-bad" title="scores: tensor or vector\nScores are missing"/);
  });

  it('marks call sites that share weights', () => {
    const html = renderGraph(graphData({ network: { id: 'd', label: 'Discriminator', sharedBy: 2 } }));
    expect(html).toContain('aria-label="Weights shared by 2 call sites of Discriminator"');
    expect(html).toContain('<span class="gn-net-dot" aria-hidden="true"></span>shared ×2</span>');
    const single = renderGraph(graphData({ network: { id: 'd', label: 'Discriminator', sharedBy: 1 } }));
    expect(single).toContain('aria-label="Weights of Discriminator, used by this call site only"');
    expect(single).toContain('<span class="gn-net-dot" aria-hidden="true"></span></span>');
  });

  it('draws unknown kinds as a named placeholder that keeps the handles of its wires', () => {
    const all = ['image', 'tensor', 'vector', 'scalar', 'features'];
    const html = renderGraph(graphData({
      kind: 'fancy-upscaler', title: 'fancy-upscaler', category: 'unknown', unknown: true,
      inputs: [{ name: 'in', label: 'in', types: all }], outputs: [{ name: 'out', label: 'out', types: all }],
    }));
    expect(html).toContain('class="gn gn-unknown"');
    expect(html).toContain('aria-label="Unknown: fancy-upscaler"');
    expect(attr(html, 'data-handleid')).toEqual(['in', 'out']);
    expect(html).toContain('gn-h-any');
  });

  it('renders text from the graph as text, never as HTML', () => {
    const html = renderGraph(graphData({ title: '<img src=x onerror=alert(1)>', summary: '<b>bold</b>' }));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('NoteNode', () => {
  const note = (over: Partial<NoteNodeData> = {}): NoteNodeData => ({ text: '# Title\n  indented <i>x</i>', color: 'blue', width: 240, height: 120, ...over });

  it('shows its text as Markdown, with markup in it as text, in its paper and size', () => {
    const html = renderNote(note());
    expect(html).toContain('class="note note-blue"');
    expect(html).toContain('width:240px;height:120px');
    expect(html).toContain('<h3 class="md-h1">Title</h3><p>  indented &lt;i&gt;x&lt;/i&gt;</p>');
    expect(html).toContain('aria-label="Note: Title"');
  });

  it('falls back to yellow paper for a colour it does not know', () => {
    expect(renderNote(note({ color: 'url(javascript:x)' }))).toContain('class="note note-yellow"');
  });
});
