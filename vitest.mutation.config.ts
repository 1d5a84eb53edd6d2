import { defineConfig } from 'vitest/config';

// The pure domain's own tests, for mutation testing (`npm run mutation`): no database,
// so every mutant runs in milliseconds.
export default defineConfig({
  test: {
    include: ['src/**/*.domain.test.ts', 'src/**/*.property.test.ts', 'src/kernel/**/*.test.ts'],
    exclude: ['src/**/*.sql.property.test.ts', 'node_modules/**'],
    pool: 'threads',
    testTimeout: 60_000,
  },
});
