/** The graph layer's public face: documents in, checked plans out. No React, no DOM. */
export { parseGraphDoc, migrations, MAX_GRAPH_BYTES, type ParseResult, type Migration } from './parse';
export { compile, type CompileResult } from './compile';
export { canConnect, type Connection, type ConnectVerdict } from './connect';
export { analyzeGraph, analyzeNetwork, type GraphAnalysis, type PlanWeight } from './analyze';
export { hasErrors, type Diagnostic, type Fix, type Severity } from './diagnostics';
export * from './schema';
export type * from './plan';
