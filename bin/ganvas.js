#!/usr/bin/env node
// The `ganvas` command: runs the TypeScript CLI (src/cli/main.ts) through tsx's loader, so
// the command line and the editor share one source tree with no build step. The project's
// own tsconfig is named so that running from another directory (with its own) changes nothing.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { run } = await tsImport('../src/cli/main.ts', {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
});
await run();
