// @ts-nocheck
import { defineConfig } from 'vitest/config';

// The pure domain's own tests, for mutation testing (`npm run mutation`): no database,
// so every mutant runs in milliseconds. MUTATION_TESTS (comma-separated globs) narrows
// them to one module's tests for a per-module run, e.g.
// MUTATION_TESTS='src/kernel/**/*.test.ts' npx stryker run --mutate 'src/kernel/**/*.ts,!src/kernel/**/*.test.ts'
// — static mutants (constants such as the holiday table) run every included test.
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  test: {
    include: only?.length ? only : ['src/**/*.domain.test.ts', 'src/**/*.property.test.ts', 'src/kernel/**/*.test.ts'],
    exclude: ['src/**/*.sql.property.test.ts', 'node_modules/**'],
    pool: 'threads',
    testTimeout: 60_000,
  },
});
