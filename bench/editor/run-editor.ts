/** The editor rows of `npm run bench`: the 300-node graph's parse and compile times in Node, then the built editor in Chromium. */
import type { EditorResults } from '../results';
import { runEditorBench } from './chromium-editor';
import { graphFacts, measureCompile } from './compile-time';
import { bigGraph } from './graph-300';

export async function runEditorRows(o: { mode: 'full' | 'quick'; log: (line: string) => void }): Promise<EditorResults> {
  const doc = bigGraph();
  const graph = graphFacts(doc);
  o.log(`editor: a generated graph of ${graph.nodes} nodes (${graph.networkNodes} more in ${graph.networks} networks), ${(graph.jsonChars / 1000).toFixed(0)} kB`);
  const times = measureCompile(doc, o.mode === 'full' ? { warmup: 5, runs: 50, editWarmup: 100, edits: 200 } : { warmup: 2, runs: 10, editWarmup: 20, edits: 20 });
  o.log(`  compile in Node: median ${times.compileMs!.median.toFixed(1)} ms (parse ${times.parseMs!.median.toFixed(1)} ms; recompile after one edit ${times.recompileMs!.median.toFixed(1)} ms)`);
  const notes: string[] = [];
  try {
    const browser = await runEditorBench(doc, { seconds: o.mode === 'full' ? 4 : 2, trainingSeconds: o.mode === 'full' ? 10 : 4, log: o.log });
    notes.push(...browser.notes);
    const { loadMs, drag, pan, training } = browser;
    return { graph, ...times, loadMs: loadMs!, drag: drag!, pan: pan!, ...(training ? { training } : {}), notes };
  } catch (e) {
    const why = (e as Error).message.split('\n')[0]!;
    o.log(`  the editor in Chromium failed: ${why}`);
    return { graph, ...times, notes: [...notes, `The editor rows in Chromium failed: ${why}`] };
  }
}
