/**
 * parseGraphDoc: the one door into Ganvas for graphs from outside (files, presets,
 * IndexedDB, links, PNG metadata). It returns a document or diagnostics and never throws;
 * it branches on the version and migrates forward; it repairs what it can (a duplicate id,
 * a wire to nowhere, one bad setting) and says so, rather than refusing a whole file.
 * It never runs code from the document: the document is data, read with schemas.
 */
import type { z } from 'zod';
import { registry as defaultRegistry, type Registry } from '../nodes/registry';
import { diag, nodeName, type Diagnostic } from './diagnostics';
import {
  GRAPH_FORMAT,
  GRAPH_VERSION,
  zEdge,
  zMeta,
  zNetwork,
  zNode,
  zSettings,
  type GraphDoc,
  type GraphEdge,
  type GraphNode,
  type NetworkDef,
} from './schema';

/** Upgrades a raw document of version v to version v + 1. */
export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/** migrations[v] takes a version-v document to v + 1. Version 1 is the first public format. */
export const migrations: Record<number, Migration> = {};

export const MAX_GRAPH_BYTES = 20 * 1024 * 1024;

export interface ParseOptions {
  registry?: Registry;
  migrations?: Record<number, Migration>;
  version?: number;
}

export interface ParseResult {
  doc?: GraphDoc;
  diagnostics: Diagnostic[];
}

export function parseGraphDoc(input: unknown, opts: ParseOptions = {}): ParseResult {
  try {
    return parse(input, opts);
  } catch (e) {
    // Nothing above should throw; if it does, the user still gets a sentence, not a crash.
    return { diagnostics: [diag('error', 'badField', { path: '(file)', detail: String(e) })] };
  }
}

function parse(input: unknown, opts: ParseOptions): ParseResult {
  const ds: Diagnostic[] = [];
  const registry = opts.registry ?? defaultRegistry;
  const current = opts.version ?? GRAPH_VERSION;
  let raw: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_GRAPH_BYTES)
      return { diagnostics: [diag('error', 'tooLarge', { size: mb(input.length), limit: mb(MAX_GRAPH_BYTES) })] };
    try {
      raw = JSON.parse(input);
    } catch (e) {
      return { diagnostics: [diag('error', 'notJson', { detail: (e as Error).message })] };
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { diagnostics: [diag('error', 'notAnObject', {})] };
  let obj = raw as Record<string, unknown>;
  if (obj.format !== GRAPH_FORMAT) return { diagnostics: [diag('error', 'notAGraph', { found: show(obj.format) })] };
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return { diagnostics: [diag('error', 'badVersion', { found: show(version) })] };
  if (version > current) return { diagnostics: [diag('error', 'newerVersion', { version, supported: current })] };
  const table = opts.migrations ?? migrations;
  for (let v = version; v < current; v++) {
    const m = table[v];
    if (!m) return { diagnostics: [diag('error', 'badVersion', { found: String(version) })] };
    obj = { ...m(structuredClone(obj)), version: v + 1 };
  }
  if (version < current) ds.push(diag('info', 'migrated', { from: version, to: current }));

  const meta = field(zMeta, obj.meta ?? {}, 'meta', ds) ?? zMeta.parse({});
  const settings = parseSettings(obj.settings, ds);
  const nodes = dedupeIds(list(zNode, obj.nodes, 'nodes', ds), ds, 'duplicateNodeId');
  const edges = connectEdges(list(zEdge, obj.edges ?? [], 'edges', ds), nodes, ds);
  const networks = dedupeIds(list(zNetwork, obj.networks ?? [], 'networks', ds), ds, 'duplicateNetworkId').map((net) => {
    const inner = dedupeIds(net.nodes, ds, 'duplicateNodeId', net.id);
    return { ...net, nodes: inner, edges: connectEdges(net.edges, inner, ds, net.id) };
  });
  for (const n of [...nodes, ...networks.flatMap((x) => x.nodes.map((m) => ({ ...m, net: x.id })))]) {
    if (!registry.has(n.type)) {
      const where = 'net' in n ? { nodeId: n.id, networkId: n.net as string } : { nodeId: n.id };
      ds.push(diag('warning', 'unknownKind', { node: nodeName(n), kind: n.type }, where));
    }
  }
  const doc: GraphDoc = { format: GRAPH_FORMAT, version: GRAPH_VERSION, meta, nodes, edges, networks, settings };
  // Without a node list there is nothing to open; anything else is repaired and reported.
  return Array.isArray(obj.nodes) ? { doc, diagnostics: ds } : { diagnostics: ds };
}

function field<T extends z.ZodType>(schema: T, value: unknown, path: string, ds: Diagnostic[]): z.infer<T> | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues.slice(0, 3))
    ds.push(diag('warning', 'badField', { path: [path, ...issue.path].join('.'), detail: issue.message }, { path: [path, ...issue.path].join('.') }));
  return undefined;
}

/** Each element on its own, so that one broken node does not cost the others. */
function list<T extends z.ZodType>(schema: T, value: unknown, path: string, ds: Diagnostic[]): z.infer<T>[] {
  if (!Array.isArray(value)) {
    ds.push(diag('error', 'badField', { path, detail: 'a list was expected' }, { path }));
    return [];
  }
  const out: z.infer<T>[] = [];
  value.forEach((v, i) => {
    const r = schema.safeParse(v);
    if (r.success) out.push(r.data);
    else {
      const issue = r.error.issues[0]!;
      const p = [path, i, ...issue.path].join('.');
      ds.push(diag('error', 'badField', { path: p, detail: `${issue.message}; this entry was left out` }, { path: p }));
    }
  });
  return out;
}

/** Settings field by field: a bad value falls back to its default. */
function parseSettings(value: unknown, ds: Diagnostic[]): GraphDoc['settings'] {
  const defaults = zSettings.parse({});
  if (value === undefined) return defaults;
  if (typeof value !== 'object' || value === null) {
    ds.push(diag('warning', 'badField', { path: 'settings', detail: 'an object was expected; defaults are used' }, { path: 'settings' }));
    return defaults;
  }
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, schema] of Object.entries(zSettings.shape)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const parsed = field(schema as z.ZodType, v, `settings.${key}`, ds);
    if (parsed !== undefined) out[key] = parsed;
  }
  return out as GraphDoc['settings'];
}

function dedupeIds<T extends GraphNode | NetworkDef>(items: T[], ds: Diagnostic[], code: 'duplicateNodeId' | 'duplicateNetworkId', networkId?: string): T[] {
  const seen = new Set(items.map((x) => x.id));
  const taken = new Set<string>();
  return items.map((x) => {
    if (!taken.has(x.id)) {
      taken.add(x.id);
      return x;
    }
    let k = 2;
    while (seen.has(`${x.id}-${k}`) || taken.has(`${x.id}-${k}`)) k++;
    const id = `${x.id}-${k}`;
    taken.add(id);
    ds.push(diag('warning', code, { id: x.id }, networkId ? { nodeId: id, networkId } : code === 'duplicateNodeId' ? { nodeId: id } : { networkId: id }));
    return { ...x, id };
  });
}

function connectEdges(edges: GraphEdge[], nodes: GraphNode[], ds: Diagnostic[], networkId?: string): GraphEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  const seen = new Set<string>();
  return edges.filter((e) => {
    const id = e.id ?? `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`;
    const missing = !ids.has(e.source) ? e.source : !ids.has(e.target) ? e.target : undefined;
    if (missing !== undefined) {
      const end = missing === e.source ? 'from' : 'to';
      ds.push(diag('warning', 'danglingEdge', { id, end, missing }, networkId ? { edgeId: id, networkId } : { edgeId: id }));
      return false;
    }
    const key = `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function show(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
