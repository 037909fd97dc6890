import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['node_modules/**'],
    environment: 'node',
    setupFiles: ['tests/setup-tfjs.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
