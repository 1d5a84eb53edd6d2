import { defineConfig } from 'vitest/config';

// Browser tests: `npm run test:e2e`. They start the real server once (global-setup.ts)
// and drive Debian's Chromium; `npm test` never runs them.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 660_000,
    reporters: ['default'],
  },
});
