/**
 * Compile time of the 300-node graph in Node, as the editor recompiles on every change: the
 * document read from its JSON text (parseGraphDoc) and compiled (compile), each timed on its
 * own over many runs after a few warm-up runs; then what the editor does after an edit: a
 * recompile of the edited document with the editor's CompileCache.
 */
import { compile, hasErrors, parseGraphDoc, type GraphDoc } from '../../src/graph';
import { CompileCache } from '../../src/graph/compile-cache';
import { setParams } from '../../src/graph/edit';
import { registry } from '../../src/nodes/registry';
import type { EditorResults } from '../results';
import { summarize } from '../stats';

export function graphFacts(doc: GraphDoc): EditorResults['graph'] {
  return {
    nodes: doc.nodes.length,
    edges: doc.edges.length,
    networks: doc.networks.length,
    networkNodes: doc.networks.reduce((n, d) => n + d.nodes.length, 0),
    jsonChars: JSON.stringify(doc).length,
  };
}

/**
 * `warmup` and `runs` for the cold compiles; `edits` recompiles after `editWarmup` more. An editing
 * session recompiles hundreds of times, so the edits are timed once V8 has optimised the
 * compiler (the first few dozen run partly in its baseline tiers, at 2–3× the time).
 */
export function measureCompile(doc: GraphDoc, o: { warmup: number; runs: number; editWarmup: number; edits: number }): Pick<EditorResults, 'parseMs' | 'compileMs' | 'recompileMs'> {
  const text = JSON.stringify(doc);
  const first = parseGraphDoc(text);
  if (!first.doc) throw new Error(`the generated graph does not parse: ${first.diagnostics.map((d) => d.message).join(' ')}`);
  const checked = compile(first.doc);
  if (!checked.plan || hasErrors(checked.diagnostics)) throw new Error(`the generated graph does not compile: ${checked.diagnostics.map((d) => d.message).join(' ')}`);
  const parse: number[] = [];
  const comp: number[] = [];
  for (let i = 0; i < o.warmup + o.runs; i++) {
    const t0 = performance.now();
    const p = parseGraphDoc(text);
    const t1 = performance.now();
    compile(p.doc!);
    const t2 = performance.now();
    if (i >= o.warmup) {
      parse.push(t1 - t0);
      comp.push(t2 - t1);
    }
  }
  // The editor's case: one param changed (a loss weight, back and forth), the rest of the document
  // the very same objects, compiled with a cache that has seen the document before.
  const cache = new CompileCache();
  const lossG = first.doc.nodes.find((n) => n.type === 'weighted-sum')!;
  let edited = first.doc;
  compile(edited, registry, cache);
  const recomp: number[] = [];
  for (let i = 0; i < o.editWarmup + o.edits; i++) {
    edited = setParams(edited, lossG.id, { ...lossG.params, weights: [1, 100 + (i % 2)] });
    const t0 = performance.now();
    compile(edited, registry, cache);
    if (i >= o.editWarmup) recomp.push(performance.now() - t0);
  }
  return { parseMs: summarize(parse), compileMs: summarize(comp), recompileMs: summarize(recomp) };
}
