/**
 * Reading a graph file for a run: read, parse, apply the command line's overrides, compile.
 * Every diagnostic is printed (errors, warnings, notes); any error stops the run, including
 * a parse error the reader repaired by leaving something out — a headless run must train
 * the graph the file describes, not a repaired approximation of it.
 */
import { readFileSync, statSync } from 'node:fs';
import { compile, hasErrors, MAX_GRAPH_BYTES, parseGraphDoc, type Diagnostic, type GraphDoc, type TrainingPlan } from '../graph';
import { CliError } from './errors';

export interface LoadedGraph {
  doc: GraphDoc;
  plan: TrainingPlan;
  diagnostics: Diagnostic[];
}

export function loadGraph(path: string, settings: Partial<Pick<GraphDoc['settings'], 'logEvery' | 'previewEvery'>>, report: (line: string) => void): LoadedGraph {
  const text = readGraphText(path);
  const parsed = parseGraphDoc(text);
  const diagnostics = [...parsed.diagnostics];
  let plan: TrainingPlan | undefined;
  if (parsed.doc) {
    Object.assign(parsed.doc.settings, settings);
    const compiled = compile(parsed.doc);
    diagnostics.push(...compiled.diagnostics);
    plan = compiled.plan;
  }
  for (const d of diagnostics) report(formatDiagnostic(d));
  if (!parsed.doc || !plan || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    throw new CliError(`${path}: the graph has ${errors === 1 ? 'an error' : `${errors} errors`} (listed above) and cannot be trained.`);
  }
  return { doc: parsed.doc, plan, diagnostics };
}

function readGraphText(path: string): string {
  let size: number;
  try {
    const s = statSync(path);
    if (s.isDirectory()) throw new CliError(`${path} is a directory; give a graph file (*.ganvas.json).`);
    size = s.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot read the graph file ${path}: ${describeFsError(e)}.`);
  }
  // parseGraphDoc refuses these too, but only after the whole file is in memory.
  if (size > MAX_GRAPH_BYTES) throw new CliError(`${path} is ${(size / 1e6).toFixed(1)} MB; a graph file may be at most ${MAX_GRAPH_BYTES / 1024 / 1024} MB.`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read the graph file ${path}: ${describeFsError(e)}.`);
  }
}

/** `error: <sentence> [network gen, node c1, port in]` */
export function formatDiagnostic(d: Diagnostic): string {
  const where: string[] = [];
  if (d.networkId) where.push(`network ${d.networkId}`);
  if (d.nodeId) where.push(`node ${d.nodeId}`);
  if (d.port) where.push(`port ${d.port}`);
  if (d.edgeId) where.push(`wire ${d.edgeId}`);
  if (d.path) where.push(`at ${d.path}`);
  return `${d.severity}: ${d.message}${where.length ? ` [${where.join(', ')}]` : ''}`;
}

export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return (e as Error).message ?? String(e);
}
