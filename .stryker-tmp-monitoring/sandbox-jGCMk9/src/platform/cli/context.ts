// @ts-nocheck
import os from 'node:os';
import { findUser } from '../auth/auth.ts';
import { openVeta } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import type { Actor } from '../context.ts';
import { DataDirLockedError } from '../data-dir-lock.ts';
import type { Database } from '../db.ts';
import { CliError, ExitCode } from '../exit-codes.ts';

/** Messages and progress go to stderr; stdout is for results (JSON with --json). */
export const say = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

/** Opens the configured database for one command and closes it afterwards. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  let db: Database;
  try {
    db = await openVeta(loadConfig());
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new CliError(err.message, ExitCode.locked);
    throw err;
  }
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * The acting user of a CLI write: a Veta user named with --as, or the local system
 * user (recorded as `local:NAME`, with the administrator's rights of whoever holds
 * the data folder or the database credentials).
 */
export async function cliActor(db: Database, as: string | undefined): Promise<Actor> {
  if (as) {
    const user = await findUser(db, as);
    if (user) return user;
    if (!as.startsWith('local:')) throw new CliError(`No Veta user named ${as} (see: veta user add)`, ExitCode.usage);
  }
  const name = as ?? `local:${os.userInfo().username}`;
  return { username: name, role: 'admin', region: null, ruc: null, userId: null };
}
