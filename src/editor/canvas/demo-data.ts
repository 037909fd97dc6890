/**
 * Sample nodes for the canvas demo page (demo.html): every category, an unknown kind, a node
 * with problems, a network called twice with shared weights, a note. Hand-written so the demo
 * loads without the node library (and tfjs); labels and ports mirror the real kinds.
 */
import type { Edge } from '@xyflow/react';
import type { GraphFlowNode, GraphNodeData, NoteFlowNode, PortView } from './node-data';

export type DemoNode = GraphFlowNode | NoteFlowNode;

const p = (name: string, types: string[], shape?: string, range?: string, label = name): PortView => ({
  name,
  label,
  types,
  ...(shape ? { shape } : {}),
  ...(range ? { range } : {}),
});

function node(id: string, x: number, y: number, data: Partial<GraphNodeData> & Pick<GraphNodeData, 'kind' | 'title' | 'category'>): GraphFlowNode {
  return {
    id,
    type: 'ganvas',
    position: { x, y },
    data: { summary: '', inputs: [], outputs: [], diagnostics: [], unknown: false, showShapes: true, ...data },
  };
}

export function demoNodes(): DemoNode[] {
  return [
    node('digits', 40, 40, {
      kind: 'digits', title: 'Handwritten digits', category: 'source', summary: 'train split · 28×28 · batch 64',
      outputs: [p('out', ['image'], '64×28×28×1', '[-1,1]', 'images'), p('label', ['vector'], '64×10')],
    }),
    node('noise', 40, 250, {
      kind: 'noise', title: 'Noise', category: 'source', summary: '100 · normal',
      outputs: [p('out', ['vector'], '64×100', undefined, 'z')],
    }),
    node('G', 300, 230, {
      kind: 'network', title: 'Generator', category: 'network', summary: 'DCGAN generator · 28×28×1',
      network: { id: 'generator', label: 'Generator', sharedBy: 1 },
      inputs: [p('z', ['vector'], '64×100')],
      outputs: [p('image', ['image'], '64×28×28×1', '[-1,1]')],
    }),
    node('D-real', 600, 40, {
      kind: 'network', title: 'Discriminator', category: 'network', summary: 'DCGAN discriminator',
      network: { id: 'discriminator', label: 'Discriminator', sharedBy: 2 },
      inputs: [p('image', ['image'], '64×28×28×1', '[-1,1]')],
      outputs: [p('score', ['vector'], '64×1')],
    }),
    node('D-fake', 600, 250, {
      kind: 'network', title: 'Discriminator', category: 'network', summary: 'DCGAN discriminator',
      network: { id: 'discriminator', label: 'Discriminator', sharedBy: 2 },
      inputs: [p('image', ['image'], '64×28×28×1', '[-1,1]')],
      outputs: [p('score', ['vector'], '64×1')],
    }),
    node('loss-d', 880, 40, {
      kind: 'adversarial', title: 'Adversarial loss', category: 'loss', summary: 'BCE · discriminator',
      inputs: [p('real', ['tensor', 'vector'], '64×1', undefined, 'real scores'), p('fake', ['tensor', 'vector'], '64×1', undefined, 'fake scores')],
      outputs: [p('loss', ['scalar'], 'scalar')],
    }),
    node('loss-g', 880, 250, {
      kind: 'adversarial', title: 'Adversarial loss', category: 'loss', summary: 'BCE · generator',
      inputs: [p('scores', ['tensor', 'vector'])],
      outputs: [p('loss', ['scalar'])],
      diagnostics: [
        { severity: 'error', port: 'scores', message: 'Adversarial loss needs its “scores” input: wire a discriminator’s output to it.' },
        { severity: 'warning', message: 'Nothing trains on this loss: wire it to an optimizer.' },
      ],
    }),
    node('adam-d', 1140, 40, {
      kind: 'adam', title: 'Adam', category: 'optimizer', summary: 'lr 0.0002 · β 0.5, 0.999',
      inputs: [p('loss', ['scalar'], 'scalar')],
    }),
    node('rescale', 600, 440, {
      kind: 'rescale', title: 'Rescale', category: 'transform', summary: '→ [0,1]',
      inputs: [p('in', ['image'], '64×28×28×1', '[-1,1]')],
      outputs: [p('out', ['image'], '64×28×28×1', '[0,1]')],
    }),
    node('preview', 1180, 460, {
      kind: 'preview', title: 'Preview', category: 'output', summary: '16 images · every 50',
      inputs: [p('in', ['image'], '64×28×28×1', '[0,1]')],
    }),
    node('mystery', 900, 440, {
      kind: 'fancy-upscaler', title: 'fancy-upscaler', category: 'unknown', unknown: true,
      summary: 'Made with a newer Ganvas: kept as it is, but it cannot run.',
      inputs: [p('in', ['image', 'tensor', 'vector', 'scalar', 'features'])],
      outputs: [p('out', ['image', 'tensor', 'vector', 'scalar', 'features'])],
      diagnostics: [{ severity: 'error', message: 'This graph uses a node kind this version does not know: “fancy-upscaler”.' }],
    }),
    node('conv', 40, 610, {
      kind: 'conv2d', title: 'Conv2D', category: 'block', summary: '64 · 4×4 /2',
      inputs: [p('in', ['tensor'], '64×28×28×1')],
      outputs: [p('out', ['tensor'], '64×14×14×64')],
    }),
    node('features', 300, 630, {
      kind: 'feature-list', title: 'Feature list', category: 'block', summary: '2 maps',
      inputs: [p('f1', ['tensor'], '64×14×14×64'), p('f2', ['tensor'], '64×7×7×128')],
      outputs: [p('out', ['features'], '2 maps')],
    }),
    node('gram', 600, 640, {
      kind: 'gram-style', title: 'Style loss (Gram)', category: 'loss', summary: 'weight 1',
      inputs: [p('input', ['features'], '2 maps'), p('target', ['features'])],
      outputs: [p('loss', ['scalar'], 'scalar')],
      diagnostics: [{ severity: 'info', port: 'target', message: 'The target is computed once and kept.' }],
    }),
    node('chart', 880, 640, {
      kind: 'chart', title: 'Chart', category: 'output', summary: '2 curves',
      inputs: [p('l1', ['scalar'], 'scalar'), { ...p('l2', ['scalar']), optional: true }],
    }),
    {
      id: 'note',
      type: 'note',
      position: { x: 1140, y: 230 },
      data: {
        text: '# DCGAN on digits\nG turns noise into digits; D tells them from real ones.\n\n  • both D call sites share weights (×2)\n  • <b>tags</b> stay text, never HTML',
        color: 'yellow',
        width: 250,
        height: 150,
      },
    },
    {
      id: 'note-2',
      type: 'note',
      position: { x: 40, y: 420 },
      data: { text: 'Try a lower learning rate if D wins too fast.', color: 'blue', width: 250, height: 70 },
    },
  ];
}

function edge(source: string, sourceHandle: string, target: string, targetHandle: string, type: string): Edge {
  return { id: `${source}.${sourceHandle}-${target}.${targetHandle}`, source, sourceHandle, target, targetHandle, className: `edge-${type}` };
}

export function demoEdges(): Edge[] {
  return [
    edge('digits', 'out', 'D-real', 'image', 'image'),
    edge('noise', 'out', 'G', 'z', 'vector'),
    edge('G', 'image', 'D-fake', 'image', 'image'),
    edge('G', 'image', 'rescale', 'in', 'image'),
    edge('D-real', 'score', 'loss-d', 'real', 'vector'),
    edge('D-fake', 'score', 'loss-d', 'fake', 'vector'),
    edge('loss-d', 'loss', 'adam-d', 'loss', 'scalar'),
    edge('loss-g', 'loss', 'chart', 'l1', 'scalar'),
    edge('rescale', 'out', 'mystery', 'in', 'image'),
    edge('mystery', 'out', 'preview', 'in', 'unknown'),
    edge('conv', 'out', 'features', 'f1', 'tensor'),
    edge('features', 'out', 'gram', 'input', 'features'),
  ];
}

/** Many copies of the sample nodes on a grid, to feel how 300 nodes pan and drag. */
export function stressNodes(count: number): DemoNode[] {
  const samples = demoNodes().filter((n): n is GraphFlowNode => n.type === 'ganvas');
  return Array.from({ length: count }, (_, i): DemoNode => {
    const s = samples[i % samples.length]!;
    return { ...s, id: `n${i}`, position: { x: (i % 20) * 280, y: Math.floor(i / 20) * 220 } };
  });
}
