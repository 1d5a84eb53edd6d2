// Whether dist/ (the compiled server and CLI) is there and newer than src/.
// Shared by bin/veta.js (runs dist/ when fresh) and scripts/build.mjs (--when-stale);
// kept free of dependencies: it runs on every command.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
export const STAMP = join(DIST, '.build.json');

/** Test files are not built: a change to one does not make dist/ stale. */
export const isTestFile = (name) => name.endsWith('.test.ts');

/**
 * The newest modification time under src/ (files and folders: a deleted or renamed
 * file changes its folder's time), test files left out.
 */
export function newestSource(dir = SRC) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (!isTestFile(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** The build's stamp, or null when dist/ was never built (or by another layout). */
export function readStamp() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    return typeof stamp.sourcesMtimeMs === 'number' ? stamp : null;
  } catch {
    return null;
  }
}

/** dist/ was built from the sources as they are now. */
export function distIsFresh() {
  const stamp = readStamp();
  if (!stamp) return false;
  try {
    return newestSource() <= stamp.sourcesMtimeMs;
  } catch {
    return false;
  }
}
