/**
 * A large, valid training graph for the editor rows of the bench: `units` copies of a small
 * pix2pix pipeline side by side — a data source and its grey version, a U-Net call site, two
 * PatchGAN call sites, three adversarial losses and an L1, two weighted sums, two Adams, a
 * preview and a chart: 15 nodes a unit, so 20 units make 300 nodes on the canvas. Each unit has
 * networks of its own (placed from the built-in templates, as the palette does), and its own
 * data stream. Pure: the same document for the same arguments.
 */
import { graph, node, wire } from '../../src/graph/build';
import type { GraphDoc, GraphEdge, GraphNode } from '../../src/graph/schema';
import { placeTemplate } from '../../src/graph/templates';

export const NODES_PER_UNIT = 15;

/** Grid of units: 5 across; inside a unit, 5 columns of 3 rows. */
const UNIT_W = 5 * 300 + 200;
const UNIT_H = 3 * 200 + 200;

export function bigGraph(units = 20): GraphDoc {
  let doc: GraphDoc = graph({
    meta: { title: `Bench: ${units * NODES_PER_UNIT} nodes`, description: `${units} small pix2pix pipelines side by side, for the editor's frame-time and compile-time bench.` },
    settings: { imageSize: 16, batchSize: 1, streams: Object.fromEntries(Array.from({ length: units }, (_, i) => [`data${i}`, 1000 + i])) },
    nodes: [],
  });
  const edges: GraphEdge[] = [];
  for (let u = 0; u < units; u++) {
    const ox = (u % 5) * UNIT_W;
    const oy = Math.floor(u / 5) * UNIT_H;
    const at = (col: number, row: number) => ({ x: ox + col * 300, y: oy + row * 200 });
    const p = (id: string) => `u${u}_${id}`;
    const g = placeTemplate(doc, 'unet', { depth: 2, baseWidth: 8, maxWidth: 16 }, at(1, 0), { networkId: p('gen'), nodeId: p('G') });
    doc = g.doc;
    const d = placeTemplate(doc, 'patchgan', { baseWidth: 8, maxWidth: 16, layers: 2 }, at(2, 1), { networkId: p('disc'), nodeId: p('D_real') });
    doc = d.doc;
    const nodes: GraphNode[] = [
      node(p('y'), 'sinus', { stream: `data${u}`, waves: 3, fmax: 2 }, at(0, 0)),
      node(p('x'), 'grayscale', { channels: 3 }, at(0, 1)),
      node(p('preview'), 'preview', {}, at(1, 2)),
      node(p('D_fake'), 'network', { network: p('disc') }, at(2, 2)),
      node(p('lossD_real'), 'adversarial', { loss: 'lsgan', side: 'real' }, at(3, 0)),
      node(p('lossD_fake'), 'adversarial', { loss: 'lsgan', side: 'fake' }, at(3, 1)),
      node(p('lossG_gan'), 'adversarial', { loss: 'lsgan', side: 'generator' }, at(3, 2)),
      node(p('L1'), 'l1', {}, at(2, 0)),
      node(p('lossD'), 'weighted-sum', { count: 2, weights: [0.5, 0.5] }, at(4, 0)),
      node(p('lossG'), 'weighted-sum', { count: 2, weights: [1, 100] }, at(4, 1)),
      node(p('optD'), 'adam', { lr: 2e-4, beta1: 0.5, order: 0, trains: { networks: [p('disc')], images: [] } }, at(5, 0)),
      node(p('optG'), 'adam', { lr: 2e-4, beta1: 0.5, order: 1, trains: { networks: [p('gen')], images: [] } }, at(5, 1)),
      node(p('chart'), 'chart', { count: 2 }, at(5, 2)),
    ];
    doc = { ...doc, nodes: [...doc.nodes, ...nodes] };
    edges.push(
      wire(`${p('y')}.out`, `${p('x')}.in`),
      wire(`${p('x')}.out`, `${p('G')}.in`),
      wire(`${p('G')}.out`, `${p('preview')}.in`),
      wire(`${p('x')}.out`, `${p('D_real')}.condition`),
      wire(`${p('y')}.out`, `${p('D_real')}.image`),
      wire(`${p('x')}.out`, `${p('D_fake')}.condition`),
      wire(`${p('G')}.out`, `${p('D_fake')}.image`),
      wire(`${p('D_real')}.score`, `${p('lossD_real')}.scores`),
      wire(`${p('D_fake')}.score`, `${p('lossD_fake')}.scores`),
      wire(`${p('D_fake')}.score`, `${p('lossG_gan')}.scores`),
      wire(`${p('G')}.out`, `${p('L1')}.a`),
      wire(`${p('y')}.out`, `${p('L1')}.b`),
      wire(`${p('lossD_real')}.loss`, `${p('lossD')}.t1`),
      wire(`${p('lossD_fake')}.loss`, `${p('lossD')}.t2`),
      wire(`${p('lossG_gan')}.loss`, `${p('lossG')}.t1`),
      wire(`${p('L1')}.loss`, `${p('lossG')}.t2`),
      wire(`${p('lossD')}.loss`, `${p('optD')}.loss`),
      wire(`${p('lossG')}.loss`, `${p('optG')}.loss`),
      wire(`${p('lossD')}.loss`, `${p('chart')}.l1`),
      wire(`${p('lossG')}.loss`, `${p('chart')}.l2`),
    );
  }
  return { ...doc, edges: [...doc.edges, ...edges] };
}
