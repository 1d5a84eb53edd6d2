/**
 * `veta user …`: add (validated), token (expiring, audited), tokens (list), revoke-token,
 * deactivate / reactivate / reset-password (the administrator's web actions, same service).
 */
import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { appendAudit } from '../audit/audit.ts';
import { cliActor, printJson, say, withDatabase } from '../cli/context.ts';
import { ROLES } from '../context.ts';
import { CliError, ExitCode } from '../exit-codes.ts';
import { createUser, findUser } from './auth.ts';
import { issueApiToken, listApiTokens, revokeApiToken, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, getApiToken, userIdByName } from './tokens.ts';
import { checkNewUser } from './user-policy.ts';
import { deactivateUser, reactivateUser, resetPassword } from './users.service.ts';
import { DomainError } from '../errors.ts';

type UserRole = Exclude<(typeof ROLES)[number], 'public'>;
const USER_ROLES = ROLES.filter((r): r is UserRole => r !== 'public');

const days = (raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > TOKEN_MAX_DAYS) throw new CliError(`--days takes 1 to ${TOKEN_MAX_DAYS}`, ExitCode.usage);
  return n;
};

export function userCommand(): Command {
  const cmd = new Command('user').description('manage users and their API tokens');
  cmd
    .command('add')
    .description(
      'create a user (password from $VETA_PASSWORD, or generated and printed once). Checked: username [a-z0-9._-]{3,32}; ' +
        'password of 12+ characters, not a common one, not containing the username (OWASP ASVS L2); region 01–25; a RUC with its check digit',
    )
    .argument('<username>')
    .addOption(new Option('--role <role>', 'role').choices(USER_ROLES).makeOptionMandatory())
    .option('--region <code>', 'INEI department code, 01–25 (regional and surveyor roles)')
    .option('--ruc <ruc>', 'RUC of the miner or organization (miner role)')
    .option('--name <name>', 'display name')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print the created user as JSON')
    .action(async (username: string, o: { role: UserRole; region?: string; ruc?: string; name?: string; as?: string; json?: boolean }) => {
      const generated = !process.env['VETA_PASSWORD'];
      const password = process.env['VETA_PASSWORD'] || randomBytes(18).toString('base64url');
      const problems = checkNewUser({ username, password, role: o.role, region: o.region ?? null, ruc: o.ruc ?? null });
      if (problems.length > 0) {
        if (o.json) printJson({ errors: problems });
        throw new CliError(problems.map((p) => `${p.field}: ${p.message}`).join('\n'), ExitCode.rejected);
      }
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        if (await findUser(db, username)) throw new CliError(`The user ${username} already exists`, ExitCode.rejected);
        const user = await db.transaction(async (tx) => {
          const u = await createUser(tx, {
            username,
            displayName: o.name ?? username,
            password,
            role: o.role,
            regionCode: o.region ?? null,
            ruc: o.ruc ?? null,
          });
          await appendAudit(tx, actor, {
            action: 'user.add',
            entity: 'user',
            entityId: u.userId,
            regionCode: u.region,
            after: { username, role: o.role, region: u.region, ruc: u.ruc },
          });
          return u;
        });
        const out = { username: user.username, role: user.role, region: user.region, ruc: user.ruc, ...(generated ? { password } : {}) };
        if (o.json) printJson(out);
        else say(`user ${username} (${o.role}) created${generated ? `; password: ${password}` : ''}`);
      });
    });
  cmd
    .command('token')
    .description(`issue a bearer API token for a user (printed once; expires after --days, default ${TOKEN_DEFAULT_DAYS}; audited)`)
    .argument('<username>')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--days <n>', `lifetime in days (1–${TOKEN_MAX_DAYS})`, String(TOKEN_DEFAULT_DAYS))
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print as JSON')
    .action(async (username: string, o: { name: string; days: string; as?: string; json?: boolean }) => {
      const lifetime = days(o.days);
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        const user = await findUser(db, username);
        if (!user?.userId) throw new CliError(`No Veta user named ${username}`, ExitCode.rejected);
        const issued = await db.transaction((tx) =>
          issueApiToken(tx, actor, { userId: user.userId!, username, regionCode: user.region, name: o.name, days: lifetime }),
        );
        if (o.json) printJson({ username, ...issued });
        else process.stdout.write(`${issued.token}\n`);
        if (!o.json) say(`token ${issued.id} for ${username}, expires ${issued.expiresAt}`);
      });
    });
  cmd
    .command('tokens')
    .description("list a user's API tokens (id, name, created, expires, revoked); never their values")
    .argument('<username>')
    .option('--json', 'print as JSON')
    .action(async (username: string, o: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const user = await findUser(db, username);
        if (!user?.userId) throw new CliError(`No Veta user named ${username}`, ExitCode.rejected);
        const tokens = await listApiTokens(db, user.userId);
        if (o.json) return printJson(tokens);
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt} (${t.revokedReason ?? ''})` : t.active ? `active until ${t.expiresAt}` : `expired ${t.expiresAt}`;
          process.stdout.write(`${t.id}\t${t.name}\tcreated ${t.createdAt}\t${state}${t.fromSession ? '\tfrom a session' : ''}\n`);
        }
        if (tokens.length === 0) say(`${username} has no API tokens`);
      });
    });
  cmd
    .command('revoke-token')
    .description('revoke an API token by its id (see: veta user tokens NAME); audited')
    .argument('<id>')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print as JSON')
    .action(async (rawId: string, o: { as?: string; json?: boolean }) => {
      const id = Number(rawId);
      if (!Number.isInteger(id) || id < 1) throw new CliError('the token id is a positive integer', ExitCode.usage);
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        const token = await getApiToken(db, id);
        if (!token) throw new CliError(`No API token ${id}`, ExitCode.rejected);
        const revoked = await db.transaction((tx) => revokeApiToken(tx, actor, id, `revoked by ${actor.username}`));
        if (o.json) printJson({ id, revoked, username: token.username });
        else say(revoked ? `token ${id} of ${token.username} revoked` : `token ${id} was already revoked`);
      });
    });
  cmd
    .command('deactivate')
    .description('deactivate a user: no more logins, their sessions end and their tokens are revoked; audited')
    .argument('<username>')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action((username: string, o: { reason: string; as?: string }) =>
      onUser(username, o.as, async (db, actor, id) => {
        await deactivateUser(db, actor, id, o.reason);
        say(`user ${username} deactivated`);
      }),
    );
  cmd
    .command('reactivate')
    .description('reactivate a user (revoked tokens stay revoked); audited')
    .argument('<username>')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action((username: string, o: { reason: string; as?: string }) =>
      onUser(username, o.as, async (db, actor, id) => {
        await reactivateUser(db, actor, id, o.reason);
        say(`user ${username} reactivated`);
      }),
    );
  cmd
    .command('reset-password')
    .description('set a password from $VETA_PASSWORD (checked like a new account) or print a generated one-time one; ends their sessions; audited')
    .argument('<username>')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action((username: string, o: { as?: string }) =>
      onUser(username, o.as, async (db, actor, id) => {
        const r = await resetPassword(db, actor, id, process.env['VETA_PASSWORD'] || undefined);
        say(`password of ${username} reset${r.password ? `; one-time password: ${r.password}` : ''}`);
      }),
    );
  return cmd;
}

async function onUser(
  username: string,
  as: string | undefined,
  fn: (db: Parameters<Parameters<typeof withDatabase>[0]>[0], actor: Awaited<ReturnType<typeof cliActor>>, id: number) => Promise<void>,
): Promise<void> {
  await withDatabase(async (db) => {
    const actor = await cliActor(db, as);
    const id = await userIdByName(db, username);
    if (id === null) throw new CliError(`No Veta user named ${username}`, ExitCode.rejected);
    try {
      await fn(db, actor, id);
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(err.message, ExitCode.rejected);
      throw err;
    }
  });
}
