import { applyDataAsOf, openVeta } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import { DataDirLockedError } from '../platform/data-dir-lock.ts';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { say } from '../platform/cli/context.ts';
import type { Database } from '../platform/db.ts';
import { getDataAsOf } from '../platform/time.ts';

interface ProcessLog {
  error: (obj: object, msg: string) => void;
  info: (obj: object, msg: string) => void;
}

/**
 * A rejection nobody awaited or an exception thrown outside any request (a background
 * job's bookkeeping, a listener's reconnect) is logged and the server goes on serving:
 * one bad upload must not end the service for everyone. Jobs fail themselves (jobs.ts).
 * Returns the function that removes the handlers.
 */
export function installProcessGuards(log: ProcessLog): () => void {
  const onRejection = (reason: unknown): void => log.error({ err: reason }, 'unhandled promise rejection; the server keeps running');
  const onException = (err: Error, origin: string): void => log.error({ err, origin }, 'uncaught exception; the server keeps running');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

/** Signs the audit head into the data folder now and every `minutes` when it moved; returns the stopper. */
async function auditCheckpoints(db: Database, dir: string, minutes: number, log: ProcessLog): Promise<() => Promise<void>> {
  const { writeCheckpoint } = await import('../platform/audit/checkpoint.ts');
  const { auditHead } = await import('../platform/audit/audit.ts');
  let lastSeq = -1;
  const tick = async (): Promise<void> => {
    try {
      const head = await auditHead(db);
      if (head.seq === lastSeq) return;
      const c = await writeCheckpoint(db, dir);
      lastSeq = c.seq;
      log.info({ seq: c.seq }, 'audit checkpoint written');
    } catch (err) {
      log.error({ err }, 'audit checkpoint failed');
    }
  };
  await tick();
  const timer = setInterval(() => void tick(), minutes * 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await tick();
  };
}

/**
 * SIGINT and SIGTERM, taken from the start of `veta serve`: Node's default would end the
 * process with the database open, and the next start would recover the data folder as
 * after a crash. A signal while the server starts stops it as soon as it has started (a
 * supervisor's stop, a script that stops it once /api/health answers); a second one stops
 * the process at once, as Node would.
 */
function stopSignals(): { requested: Promise<void>; remove: () => void } {
  let asked = false;
  let resolve!: () => void;
  const requested = new Promise<void>((r) => (resolve = r));
  const remove = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (asked) {
      remove();
      process.kill(process.pid, signal);
      return;
    }
    asked = true;
    say('stopping…');
    resolve();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { requested, remove };
}

/** Runs the server until SIGINT/SIGTERM, then closes the database cleanly. */
export async function serve(config: Config, opts: { demo: boolean }): Promise<void> {
  const started = performance.now();
  const signals = stopSignals();
  try {
    await serveUntil(config, opts, started, signals.requested);
  } finally {
    signals.remove();
  }
}

async function serveUntil(config: Config, opts: { demo: boolean }, started: number, stop: Promise<void>): Promise<void> {
  // PGlite opens, migrates and loads its reference data in a thread of its own while this
  // one loads the server's modules: two cores at work instead of one taking turns.
  const opening = openVeta(config, { thread: true });
  opening.catch(() => undefined);
  // the route modules too (createServer finds them loaded): every module's routes, schemas and services
  const [{ createServer }, { loadDemo }, { recoverInterruptedJobs }] = await Promise.all([
    import('../server.ts').then(async (server) => (await server.routeModules(), server)),
    import('../modules/demo/demo.ts'),
    import('../platform/jobs/recover.ts'),
  ]);
  const db = await opening.catch((err: unknown) => {
    if (err instanceof DataDirLockedError) throw new CliError(err.message, ExitCode.locked);
    throw err;
  });
  try {
    // jobs a dead process left `running` (a crash, kill -9): marked interrupted, saying whether their import committed
    for (const job of await recoverInterruptedJobs(db))
      say(`job ${job.id} (${job.kind}) was interrupted${job.committed ? ' after its import committed' : '; nothing of it was written'}`);
    if (opts.demo) {
      const demo = await loadDemo(db);
      if (demo.loaded) say(`demo data loaded: ${demo.inscriptions} inscriptions; demo users in the README`);
      // openVeta read it already; the demo just loaded records its own
      const asOf = demo.loaded ? await applyDataAsOf(db) : getDataAsOf();
      if (asOf) say(`demo data: records as of ${asOf}; deadlines and stalled steps are computed at that date`);
    }
    // JSON request and error log on stdout at LOG_LEVEL (default info); messages stay on stderr.
    const app = await createServer(db, { logger: config.logLevel !== 'silent' });
    const removeGuards = installProcessGuards(app.log);
    try {
      await app.listen({ port: config.port, host: config.host });
      const stopCheckpoints =
        config.dataDir !== 'memory' && config.auditCheckpointMinutes > 0
          ? await auditCheckpoints(db, config.dataDir, config.auditCheckpointMinutes, app.log)
          : async () => {};
      const where = config.databaseUrl ? 'PostgreSQL' : config.dataDir === 'memory' ? 'in-memory PGlite' : `PGlite in ${config.dataDir}`;
      const shown = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(config.host) ? 'localhost' : config.host;
      say(
        `Veta serving at http://${shown}:${config.port} (${where}; bound to ${config.host}) — ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      await stop;
      await stopCheckpoints();
    } finally {
      await app.close();
      removeGuards();
    }
  } finally {
    await db.close();
  }
}
