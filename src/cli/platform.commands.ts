import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { auditCommand } from '../platform/audit/audit.cli.ts';
import { loadConfig } from '../platform/config.ts';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { migrate } from '../platform/migrate.ts';
import { openDatabase } from '../platform/db.ts';
import { printJson, say, withDatabase } from '../platform/cli/context.ts';

// Heavy modules (the HTTP server, the demo generator) are imported inside the actions
// that need them, so every other command starts without loading them.

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations (safe to re-run)')
    .option('--json', 'print the applied migrations as JSON')
    .action(async (o: { json?: boolean }) => {
      const config = loadConfig();
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch((err: Error) => {
        throw err.name === 'DataDirLockedError' ? new CliError(err.message, ExitCode.locked) : err;
      });
      try {
        const applied = await migrate(db);
        if (o.json) printJson({ applied });
        else say(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
      } finally {
        await db.close();
      }
    });
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('load the fictitious demo data (regions, organizations, miners, users); does nothing if already loaded')
    .option('--json', 'print what was loaded as JSON')
    .action(async (o: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const { loadDemo } = await import('../modules/demo/demo.ts');
        const summary = await loadDemo(db);
        if (o.json) printJson(summary);
        else say(summary.loaded ? `demo loaded: ${summary.inscriptions} inscriptions, ${summary.users.length} users` : 'demo data already present');
      });
    });
}

/** `veta user …` (platform/auth/auth.cli.ts). */
export { userCommand } from '../platform/auth/auth.cli.ts';
export { auditCommand };

export function openapiCommand(): Command {
  return new Command('openapi')
    .description('write the OpenAPI document generated from the route schemas')
    .option('--out <file>', 'file to write (default: stdout)')
    .action(async (o: { out?: string }) => {
      const db = await openDatabase({ dataDir: 'memory' });
      const { createServer } = await import('../server.ts');
      try {
        const app = await createServer(db);
        const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
        if (o.out) await writeFile(o.out, doc);
        else process.stdout.write(doc);
        await app.close();
      } finally {
        await db.close();
      }
    });
}
