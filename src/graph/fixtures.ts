/**
 * Small hand-made graphs for the compiler's tests: a tiny conditional GAN that uses every
 * feature of the plan (shared call sites, two optimizers, a shared stream, static data).
 */
import { graph, network, node, wire } from './build';
import { compile } from './compile';
import type { TrainingPlan } from './plan';
import type { GraphDoc } from './schema';

export function tinyGenerator(id = 'gen', seed = 11) {
  return network(
    id,
    seed,
    [
      node('in', 'network.input', { name: 'in', type: 'image', range: '[-1,1]' }),
      node('c1', 'conv2d', { filters: 4, kernel: 3 }),
      node('a1', 'activation', { fn: 'relu' }),
      node('c2', 'conv2d', { filters: 3, kernel: 3 }),
      node('t', 'activation', { fn: 'tanh' }),
      node('out', 'network.output', { name: 'out', type: 'image', range: '[-1,1]' }),
    ],
    [wire('in.out', 'c1.in'), wire('c1.out', 'a1.in'), wire('a1.out', 'c2.in'), wire('c2.out', 't.in'), wire('t.out', 'out.in')],
  );
}

export function tinyDiscriminator(id = 'disc', seed = 12) {
  return network(
    id,
    seed,
    [
      node('cond', 'network.input', { name: 'condition', type: 'image', range: '[-1,1]' }),
      node('img', 'network.input', { name: 'image', type: 'image', range: '[-1,1]' }),
      node('cat', 'concat', { count: 2 }),
      node('c1', 'conv2d', { filters: 1, kernel: 3, stride: 2 }),
      node('out', 'network.output', { name: 'scores', type: 'tensor' }),
    ],
    [wire('cond.out', 'cat.in1'), wire('img.out', 'cat.in2'), wire('cat.out', 'c1.in'), wire('c1.out', 'out.in')],
  );
}

/** pix2pix in miniature: x, y from one stream; G(x); D on (x,y) and (x,G(x)); LSGAN + 100·L1. */
export function tinyPix2pix(): GraphDoc {
  return graph({
    settings: { imageSize: 16, batchSize: 2, streams: { data: 7 } },
    networks: [tinyGenerator(), tinyDiscriminator()],
    nodes: [
      node('y', 'sinus', { stream: 'data', drawOrder: 1 }),
      node('x', 'sinus', { stream: 'data', drawOrder: 0 }),
      node('G', 'network', { network: 'gen' }),
      node('Dreal', 'network', { network: 'disc' }),
      node('Dfake', 'network', { network: 'disc' }),
      node('lossReal', 'adversarial', { loss: 'lsgan', side: 'real' }),
      node('lossFake', 'adversarial', { loss: 'lsgan', side: 'fake' }),
      node('lossD', 'weighted-sum', { count: 2, weights: [0.5, 0.5] }),
      node('lossGan', 'adversarial', { loss: 'lsgan', side: 'generator' }),
      node('L1', 'l1'),
      node('lossG', 'weighted-sum', { count: 2, weights: [1, 100] }),
      node('optG', 'adam', { order: 1, trains: { networks: ['gen'] } }),
      node('optD', 'adam', { order: 0, trains: { networks: ['disc'] } }),
      node('preview', 'preview'),
    ],
    edges: [
      wire('x.out', 'G.in'),
      wire('x.out', 'Dreal.condition'),
      wire('y.out', 'Dreal.image'),
      wire('x.out', 'Dfake.condition'),
      wire('G.out', 'Dfake.image'),
      wire('Dreal.scores', 'lossReal.scores'),
      wire('Dfake.scores', 'lossFake.scores'),
      wire('lossReal.loss', 'lossD.t1'),
      wire('lossFake.loss', 'lossD.t2'),
      wire('Dfake.scores', 'lossGan.scores'),
      wire('G.out', 'L1.a'),
      wire('y.out', 'L1.b'),
      wire('lossGan.loss', 'lossG.t1'),
      wire('L1.loss', 'lossG.t2'),
      wire('lossD.loss', 'optD.loss'),
      wire('lossG.loss', 'optG.loss'),
      wire('G.out', 'preview.in'),
    ],
  });
}

/**
 * tinyPix2pix with a little image pipeline on the training graph: x → gray → blur → G, gray
 * also conditions both D call sites, and mix = blur + y goes to an Inspect node.
 */
export function tinyPipeline(): GraphDoc {
  const d = tinyPix2pix();
  d.nodes.push(
    node('gray', 'grayscale', { channels: 3 }, { x: 100, y: 0 }),
    node('blur', 'blur', {}, { x: 300, y: 0 }),
    node('mix', 'add', { count: 2 }, { x: 500, y: 80 }),
    node('look', 'inspect', {}, { x: 700, y: 80 }),
  );
  d.edges = d.edges.filter((e) => e.source !== 'x');
  d.edges.push(
    wire('x.out', 'gray.in'),
    wire('gray.out', 'blur.in'),
    wire('blur.out', 'G.in'),
    wire('gray.out', 'Dreal.condition'),
    wire('gray.out', 'Dfake.condition'),
    wire('blur.out', 'mix.in1'),
    wire('y.out', 'mix.in2'),
    wire('mix.out', 'look.in'),
  );
  return d;
}

/** The plan of a graph that must compile (a test's own fixture); throws with the diagnostics otherwise. */
export function planOf(doc: GraphDoc): TrainingPlan {
  const { plan, diagnostics } = compile(doc);
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  return plan;
}
