#!/usr/bin/env node
// @ts-nocheck
// Builds the web app (web/ → web/dist/) with Vite.
//   --when-stale   only when web/dist is missing or older than the sources (npm start)
//   --if-available skip quietly when Vite is not installed (npm install --omit=dev)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const stamp = join(web, 'dist', 'index.html');
const args = new Set(process.argv.slice(2));

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function stale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts')].filter((p) => existsSync(p));
  return sources.some((p) => newest(p) > built);
}

if (args.has('--when-stale') && !stale()) process.exit(0);

let vite;
try {
  createRequire(import.meta.url).resolve('vite');
  vite = await import('vite');
} catch {
  if (args.has('--if-available') || (args.has('--when-stale') && existsSync(stamp))) process.exit(0);
  console.error('Vite is not installed: run `npm install` (with dev dependencies) to build the web app.');
  process.exit(args.has('--when-stale') ? 0 : 1);
}

const started = performance.now();
process.stderr.write('building the web app (web/ → web/dist/)…\n');
await vite.build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
process.stderr.write(`web app built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
