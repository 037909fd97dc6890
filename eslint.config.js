// Lint: typescript-eslint's recommended rules plus the import direction of STYLE.md:
// editor → runtime → graph → nodes, cli → runtime; nodes and graph use no React, zustand or DOM.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const uiPackages = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@xyflow/react', 'idb-keyval'];

/** Forbids imports of the given folders (relative paths) and packages, type imports included. */
function layer(files, folders, packages = [], message, extra = []) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...folders.map((f) => ({ group: [`**/${f}`, `**/${f}/**`], message })),
            ...(packages.length ? [{ group: packages, message }] : []),
            ...extra,
          ],
        },
      ],
    },
  };
}

// The editor's page loads node definitions and the compiler but must not load tfjs (it runs in the
// worker): outside tests, src/nodes and src/graph name tfjs only in types; node builds reach it
// through src/nodes/tfjs.ts, which the runtime binds.
const tfjsTypesOnly = {
  group: ['@tensorflow/*'],
  allowTypeImports: true,
  message: 'Only type imports of tfjs here: builds use `tf` from src/nodes/tfjs.ts, so the editor page stays free of tfjs.',
};
const testFiles = ['**/*.test.ts', '**/testing.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'generated/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  layer(['src/nodes/**'], ['graph', 'runtime', 'editor', 'cli'], uiPackages, 'src/nodes is the bottom layer: it imports no graph, runtime, editor, React or DOM code.'),
  layer(['src/graph/**'], ['runtime', 'editor', 'cli'], uiPackages, 'src/graph imports only src/nodes (no runtime, editor, React or DOM).'),
  { ...layer(['src/nodes/**'], ['graph', 'runtime', 'editor', 'cli'], uiPackages, 'src/nodes is the bottom layer: it imports no graph, runtime, editor, React or DOM code.', [tfjsTypesOnly]), ignores: testFiles },
  { ...layer(['src/graph/**'], ['runtime', 'editor', 'cli'], uiPackages, 'src/graph imports only src/nodes (no runtime, editor, React or DOM).', [tfjsTypesOnly]), ignores: testFiles },
  layer(['src/runtime/**'], ['editor', 'cli'], ['react', 'react-dom', '@xyflow/react', 'zustand'], 'src/runtime imports no editor, CLI or React code.'),
  layer(['src/cli/**'], ['editor'], ['react', 'react-dom', '@xyflow/react', 'zustand'], 'src/cli imports no editor code.'),
  {
    files: ['src/nodes/**', 'src/graph/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'document', message: 'No DOM in nodes or graph.' }, { name: 'window', message: 'No DOM in nodes or graph.' }],
    },
  },
  {
    // The hand-written reference workloads must stay independent of the code they check.
    files: ['tests/reference/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**', '../**/src', '!@tensorflow/tfjs'], message: 'tests/reference imports only @tensorflow/tfjs.' }] }],
    },
  },
);
