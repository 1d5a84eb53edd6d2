// @ts-nocheck
import { defineConfig } from 'vitest/config';

// One migrated database per worker (see test/db.ts): modules are shared between the
// test files of a worker so that database is created once, not once per file.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
