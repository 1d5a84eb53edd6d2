import { openVeta } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import { DataDirLockedError } from '../platform/data-dir-lock.ts';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { say } from '../platform/cli/context.ts';

/** Runs the server until SIGINT/SIGTERM, then closes the database cleanly. */
export async function serve(config: Config, opts: { demo: boolean }): Promise<void> {
  const started = performance.now();
  // Opening PGlite is mostly WebAssembly compilation, which V8 does off the main
  // thread: load the server's modules meanwhile.
  const opening = openVeta(config);
  opening.catch(() => undefined);
  const [{ createServer }, { loadDemo }] = await Promise.all([import('../server.ts'), import('../modules/demo/demo.ts')]);
  const db = await opening.catch((err: unknown) => {
    if (err instanceof DataDirLockedError) throw new CliError(err.message, ExitCode.locked);
    throw err;
  });
  if (opts.demo) {
    const demo = await loadDemo(db);
    if (demo.loaded) say(`demo data loaded: ${demo.inscriptions} inscriptions; demo users in the README`);
  }
  const app = await createServer(db, { logger: false });
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : config.dataDir === 'memory' ? 'in-memory PGlite' : `PGlite in ${config.dataDir}`;
  say(`Veta serving at http://localhost:${config.port} (${where}) — ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      say('stopping…');
      void app
        .close()
        .then(() => db.close())
        .finally(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
