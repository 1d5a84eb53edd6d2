import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { verifyAudit } from '../platform/audit/audit.ts';
import { appendAudit } from '../platform/audit/audit.ts';
import { createApiToken, createUser, findUser } from '../platform/auth/auth.ts';
import { loadConfig } from '../platform/config.ts';
import { withActor } from '../platform/context.ts';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { migrate } from '../platform/migrate.ts';
import { openDatabase } from '../platform/db.ts';
import { cliActor, printJson, say, withDatabase } from './context.ts';

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

export function userCommand(): Command {
  const cmd = new Command('user').description('manage users');
  cmd
    .command('add')
    .description('create a user (password from $VETA_PASSWORD, or generated and printed once)')
    .argument('<username>')
    .addOption(new Option('--role <role>', 'role').choices(['miner', 'regional', 'national', 'auditor', 'admin']).makeOptionMandatory())
    .option('--region <code>', 'INEI department code (regional role)')
    .option('--ruc <ruc>', 'RUC of the miner or organization (miner role)')
    .option('--name <name>', 'display name')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print the created user as JSON')
    .action(async (username: string, o: { role: 'miner' | 'regional' | 'national' | 'auditor' | 'admin'; region?: string; ruc?: string; name?: string; as?: string; json?: boolean }) => {
      if (o.role === 'regional' && !o.region) throw new CliError('--role regional needs --region CODE', ExitCode.usage);
      if (o.role === 'miner' && !o.ruc) throw new CliError('--role miner needs --ruc RUC', ExitCode.usage);
      const generated = !process.env['VETA_PASSWORD'];
      const password = process.env['VETA_PASSWORD'] || randomBytes(12).toString('base64url');
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        if (await findUser(db, username)) throw new CliError(`The user ${username} already exists`, ExitCode.rejected);
        const user = await db.transaction(async (tx) => {
          const u = await createUser(tx, { username, displayName: o.name ?? username, password, role: o.role, regionCode: o.region ?? null, ruc: o.ruc ?? null });
          await appendAudit(tx, actor, { action: 'user.add', entity: 'user', entityId: u.userId, regionCode: u.region, after: { username, role: o.role, region: u.region, ruc: u.ruc } });
          return u;
        });
        const out = { username: user.username, role: user.role, region: user.region, ruc: user.ruc, ...(generated ? { password } : {}) };
        if (o.json) printJson(out);
        else say(`user ${username} (${o.role}) created${generated ? `; password: ${password}` : ''}`);
      });
    });
  cmd
    .command('token')
    .description('issue a bearer API token for a user (printed once)')
    .argument('<username>')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--json', 'print as JSON')
    .action(async (username: string, o: { name: string; json?: boolean }) => {
      await withDatabase(async (db) => {
        const user = await findUser(db, username);
        if (!user?.userId) throw new CliError(`No Veta user named ${username}`, ExitCode.rejected);
        const token = await createApiToken(db, user.userId, o.name);
        if (o.json) printJson({ username, token });
        else process.stdout.write(`${token}\n`);
      });
    });
  return cmd;
}

export function auditCommand(): Command {
  const cmd = new Command('audit').description('the audit log');
  cmd
    .command('verify')
    .description('verify the hash chain; exits 1 and names the first broken link when it is broken')
    .option('--json', 'print the result as JSON')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action(async (o: { json?: boolean; as?: string }) => {
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        const result = await withActor(db, actor, (tx) => verifyAudit(tx));
        if (o.json) printJson(result);
        else if (result.ok) say(`audit chain intact: ${result.entries} entries, head ${result.head}`);
        else say(`audit chain BROKEN at entry ${result.broken!.seq}: ${result.broken!.reason}`);
        if (!result.ok) throw new CliError('', ExitCode.rejected);
      });
    });
  return cmd;
}

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
