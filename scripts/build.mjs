#!/usr/bin/env node
// Compiles the server and CLI (src/ → dist/, one .js file per .ts file at the same depth,
// so paths taken relative to `import.meta.url` — db/migrations/, reference/, web/dist/,
// node_modules/ — resolve alike from both), then writes dist/cli/commands.json: which
// module brings which command, so `veta <command>` loads that module's commands alone.
//   --when-stale   only when dist/ is missing or older than src/ (npm start, prepare)
// Types are not checked here (`npm run typecheck` does): the transform is esbuild's,
// the same one tsx runs the sources through, so dist/ behaves as `tsx src/…` does.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIST, ROOT, SRC, STAMP, distIsFresh, isTestFile, newestSource } from './build-state.mjs';

const args = new Set(process.argv.slice(2));
if (args.has('--when-stale') && distIsFresh()) process.exit(0);

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // bin/veta.js runs the sources through tsx when dist/ is missing
  process.stderr.write('esbuild is not installed: the sources run through tsx, uncompiled.\n');
  process.exit(0);
}

const started = performance.now();
const sourcesMtimeMs = newestSource();

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !isTestFile(e.name) ? [p] : [];
  });
}

// Every import stays an import: each file is compiled alone, and a relative `.ts`
// specifier becomes the `.js` file beside it in dist/.
const perFile = {
  name: 'per-file',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (a) => {
      if (a.kind === 'entry-point') return undefined;
      const rel = a.path.startsWith('./') || a.path.startsWith('../');
      return { path: rel ? a.path.replace(/\.(m|c)?ts$/, '.$1js') : a.path, external: true };
    });
  },
};

// built beside and swapped in whole: a process starting meanwhile sees the old dist/ or the new
const next = `${DIST}.next`;
rmSync(next, { recursive: true, force: true });
const entryPoints = sources(SRC);
// a source that does not compile leaves the last dist/ (stale: bin/veta.js then runs the
// sources through tsx, which reports the error where it is); npm install and npm start go on
const failed = (err) => {
  rmSync(next, { recursive: true, force: true });
  process.stderr.write(`the server and CLI were not compiled: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(args.has('--when-stale') ? 0 : 1);
};
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);
const result = await esbuild.build({
  entryPoints,
  outdir: next,
  outbase: SRC,
  bundle: true,
  plugins: [perFile],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  keepNames: true,
  logLevel: 'warning',
});
if (result.errors.length) process.exit(1);

// dist/cli/commands.json: the commands of each module, read from the modules themselves
const { MODULES } = await import(join(next, 'modules', 'index.js'));
const names = (cmds) => (cmds ?? []).map((c) => c.name());
const commands = {};
for (const m of MODULES) {
  if (!m.cli) continue;
  const cli = await m.cli();
  commands[m.name] = { commands: names(cli.commands?.()), imports: names(cli.imports?.()), exports: names(cli.exports?.()) };
}
const platformCommands = await import(join(next, 'cli', 'platform.commands.js'));
const platform = Object.entries(platformCommands)
  .filter(([name, f]) => name.endsWith('Command') && typeof f === 'function')
  .map(([, f]) => f().name());
mkdirSync(join(next, 'cli'), { recursive: true });
writeFileSync(join(next, 'cli', 'commands.json'), `${JSON.stringify({ platform, modules: commands }, null, 1)}\n`);
writeFileSync(join(next, relative(DIST, STAMP)), `${JSON.stringify({ sourcesMtimeMs, files: entryPoints.length, builtAt: new Date().toISOString() })}\n`);

const old = `${DIST}.old`;
rmSync(old, { recursive: true, force: true });
try {
  renameSync(DIST, old);
} catch {
  /* first build */
}
renameSync(next, DIST);
rmSync(old, { recursive: true, force: true });
process.stderr.write(
  `server and CLI compiled (${entryPoints.length} files, ${relative(ROOT, SRC)}/ → ${relative(ROOT, DIST)}/) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
// the modules' imports (pools, timers) must not keep the build alive
process.exit(0);
