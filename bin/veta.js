#!/usr/bin/env node
// The `veta` command. Runs the compiled JavaScript in dist/ (`npm run build`, run by
// `npm install` and `npm start`) when it was built from the sources as they are now;
// otherwise the TypeScript sources through tsx's loader, so it works with no build step.
// VETA_FROM_SOURCE=1 runs the sources even when dist/ is fresh.
import { distIsFresh } from '../scripts/build-state.mjs';

if (process.env.VETA_FROM_SOURCE !== '1' && distIsFresh()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
