// Mutation testing of the pure domain (`npm run mutation`; not in CI: it is slow).
// One run per module writes its score to MUTATION.md (scripts/mutation-report.mjs).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/modules/**/*.domain.ts', 'src/kernel/**/*.ts', '!src/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
  // build outputs and data folders are not copied into the sandbox (the web build may be rewritten meanwhile)
  ignorePatterns: ['/web/dist', '/dist', '/data', '/bench/data', '/reports', '/test-results', '/tmp', '/.stryker-tmp*'],
  cleanTempDir: 'always',
};
