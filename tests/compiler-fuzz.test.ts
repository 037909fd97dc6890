/**
 * Property tests: whatever a file holds, reading and compiling it never throws, and what the
 * compiler says is always a sentence tied to something in the graph.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canConnect } from '../src/graph/connect';
import { compile } from '../src/graph/compile';
import { tinyPix2pix } from '../src/graph/fixtures';
import { parseGraphDoc } from '../src/graph/parse';
import { nodeDefs } from '../src/nodes/registry';

/** FUZZ_RUNS scales the number of cases for a long hunt; CI uses the defaults. */
const runs = (n: number) => n * Number(process.env.FUZZ_RUNS ?? 1);

const kinds = [...nodeDefs.map((d) => d.kind), 'no-such-kind'];
const handles = ['in', 'out', 'a', 'b', 'loss', 'scores', 't1', 't2', 'in1', 'in2', 'condition', 'image', 'f1', 'label', 'init', 'mask', 'x'];
const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const netIds = ['n1', 'n2'];

const anyParams = fc.dictionary(
  fc.constantFrom('filters', 'kernel', 'stride', 'size', 'batch', 'count', 'weights', 'network', 'trains', 'range', 'type', 'name', 'fn', 'layers', 'layer', 'dim', 'fixed', 'stream', 'to', 'shape'),
  fc.oneof(
    fc.integer({ min: -3, max: 70 }),
    fc.double({ noNaN: false }),
    fc.constantFrom('image', 'tensor', 'vector', 'features', '[0,1]', '[-1,1]', 'unbounded', 'n1', 'n2', 'relu', 'in', 'out', ''),
    fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 4 }),
    fc.record({ networks: fc.array(fc.constantFrom('n1', 'n2', 'zz')), images: fc.array(fc.constantFrom(...ids)) }),
    fc.boolean(),
    fc.constant(null),
  ),
);

const anyNode = (pool: string[]) =>
  fc.record({ id: fc.constantFrom(...pool), type: fc.constantFrom(...kinds), position: fc.record({ x: fc.integer(), y: fc.integer() }), params: anyParams });
const anyEdge = (pool: string[]) =>
  fc.record({ source: fc.constantFrom(...pool), sourceHandle: fc.constantFrom(...handles), target: fc.constantFrom(...pool), targetHandle: fc.constantFrom(...handles) });

const anyDoc = fc.record({
  format: fc.constant('ganvas-graph'),
  version: fc.constant(1),
  nodes: fc.array(anyNode(ids), { maxLength: 10 }),
  edges: fc.array(anyEdge(ids), { maxLength: 16 }),
  networks: fc.array(
    fc.record({ id: fc.constantFrom(...netIds), seed: fc.nat(), nodes: fc.array(anyNode(['i', 'j', 'k', 'l', 'm']), { maxLength: 6 }), edges: fc.array(anyEdge(['i', 'j', 'k', 'l', 'm']), { maxLength: 8 }) }),
    { maxLength: 2 },
  ),
  settings: fc.record({ imageSize: fc.integer({ min: -1, max: 40 }), batchSize: fc.integer({ min: 0, max: 4 }) }),
});

describe('reading and compiling arbitrary input', () => {
  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseGraphDoc(v);
        if (r.doc) compile(r.doc);
      }),
      { numRuns: runs(300) },
    );
  });

  it('never throws on random graphs, and every diagnostic is a sentence', () => {
    fc.assert(
      fc.property(anyDoc, (raw) => {
        const r = parseGraphDoc(raw);
        expect(r.doc).toBeDefined();
        const { diagnostics, plan } = compile(r.doc!);
        for (const d of [...r.diagnostics, ...diagnostics]) {
          expect(d.message).toMatch(/^\S.{10,}$/s);
          expect(d.message).not.toMatch(/undefined|\[object Object\]|NaN/);
        }
        if (plan) expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
      }),
      { numRuns: runs(400) },
    );
  });

  it('never throws on random mutations of a valid graph', () => {
    const base = tinyPix2pix();
    const allIds = base.nodes.map((n) => n.id);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('drop-edge'), i: fc.nat() }),
            fc.record({ op: fc.constant('add-edge'), e: anyEdge(allIds) }),
            fc.record({ op: fc.constant('param'), i: fc.nat(), params: anyParams }),
            fc.record({ op: fc.constant('drop-node'), i: fc.nat() }),
          ),
          { maxLength: 6 },
        ),
        (ops) => {
          const d = structuredClone(base);
          for (const o of ops) {
            if (o.op === 'drop-edge') d.edges.splice(o.i % Math.max(1, d.edges.length), 1);
            if (o.op === 'add-edge') d.edges.push(o.e);
            if (o.op === 'param' && d.nodes.length) Object.assign(d.nodes[o.i % d.nodes.length]!.params, o.params);
            if (o.op === 'drop-node') d.nodes.splice(o.i % Math.max(1, d.nodes.length), 1);
          }
          const r = parseGraphDoc(d);
          compile(r.doc!);
          for (const e of r.doc!.edges.slice(0, 4)) canConnect(r.doc!, e);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
