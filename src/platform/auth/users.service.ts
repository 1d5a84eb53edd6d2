/**
 * The administrator's user management: create, change role/region/RUC, deactivate and
 * reactivate, reset a password. The rules are those of `veta user add` (user-policy.ts:
 * OWASP ASVS L2 passwords, INEI department codes, RUC check digit); every change is
 * audited in its own transaction. A deactivated account cannot log in, and its sessions
 * end and its tokens are revoked at once (reactivation does not bring them back).
 */
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { createUser, hashPassword } from './auth.ts';
import { revokeUserTokens } from './tokens.ts';
import { checkNewUser, checkPassword, checkRoleScope, type UserProblem } from './user-policy.ts';
import {
  countActiveAdmins,
  endUserSessions,
  listUsers,
  setPasswordHash,
  setUserActive,
  updateUserRow,
  userById,
  usernameTaken,
  type AdminUserRow,
  type UserFilter,
  type UserRole,
} from './users.queries.ts';

export type { AdminUserRow, UserFilter, UserRole };

/** A one-time password an administrator hands over: 20 URL-safe characters (120 bits). */
export const generatePassword = (): string => randomBytes(15).toString('base64url');

const invalid = (problems: UserProblem[]): ValidationError =>
  new ValidationError(
    'user.invalid',
    problems.map((p) => `${p.field}: ${p.message}`).join(' '),
    { field: problems[0]!.field, problem: problems[0]!.code },
    problems.map((p) => ({ path: `body.${p.field}`, message: p.message, code: p.code })),
  );

const regionOnly = (role: UserRole, region: string | null): string | null => (role === 'regional' || role === 'surveyor' ? region : null);
const rucOnly = (role: UserRole, ruc: string | null): string | null => (role === 'miner' ? ruc : null);

export const findUsers = (db: Database, f: UserFilter): Promise<AdminUserRow[]> => listUsers(db, f);

export async function getUser(db: Database, id: number): Promise<AdminUserRow> {
  const u = await userById(db, id);
  if (!u) throw NotFoundError.of(`User ${id}`, 'user.not_found', { id });
  return u;
}

export interface NewAccount {
  username: string;
  displayName?: string | undefined;
  role: UserRole;
  region?: string | null | undefined;
  ruc?: string | null | undefined;
  /** Absent: a one-time password is generated and answered once. */
  password?: string | undefined;
}

export async function addUser(db: Database, by: Actor, n: NewAccount): Promise<{ user: AdminUserRow; password?: string }> {
  const generated = n.password === undefined;
  const password = n.password ?? generatePassword();
  const region = regionOnly(n.role, n.region ?? null);
  const ruc = rucOnly(n.role, n.ruc ?? null);
  const problems = checkNewUser({ username: n.username, password, role: n.role, region, ruc });
  if (problems.length > 0) throw invalid(problems);
  const id = await db.transaction(async (tx) => {
    if (await usernameTaken(tx, n.username)) throw new ConflictError('user.exists', `The user ${n.username} already exists.`, { username: n.username });
    const u = await createUser(tx, { username: n.username, displayName: n.displayName?.trim() || n.username, password, role: n.role, regionCode: region, ruc });
    await appendAudit(tx, by, {
      action: 'user.add',
      entity: 'user',
      entityId: u.userId,
      regionCode: u.region,
      after: { username: n.username, role: n.role, region: u.region, ruc: u.ruc, passwordGenerated: generated },
    });
    return u.userId!;
  });
  return { user: await getUser(db, id), ...(generated ? { password } : {}) };
}

export interface AccountChange {
  displayName?: string | undefined;
  role?: UserRole | undefined;
  region?: string | null | undefined;
  ruc?: string | null | undefined;
}

/** Changes the display name, role, region or RUC; the role's needs are checked on the result. */
export async function updateUser(db: Database, by: Actor, id: number, c: AccountChange): Promise<AdminUserRow> {
  const before = await getUser(db, id);
  const role = c.role ?? before.role;
  const next = {
    displayName: c.displayName?.trim() || before.displayName,
    role,
    region: regionOnly(role, c.region === undefined ? before.region : c.region),
    ruc: rucOnly(role, c.ruc === undefined ? before.ruc : c.ruc),
  };
  const problems = checkRoleScope(next);
  if (problems.length > 0) throw invalid(problems);
  if (before.role === 'admin' && role !== 'admin') await keepAnAdmin(db, by, before, 'user.demote_self');
  await db.transaction(async (tx) => {
    await updateUserRow(tx, id, next);
    await appendAudit(tx, by, {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      regionCode: next.region ?? before.region,
      before: { username: before.username, displayName: before.displayName, role: before.role, region: before.region, ruc: before.ruc },
      after: { username: before.username, ...next },
    });
    // a narrower role or another region must not keep the old one's open sessions
    if (role !== before.role || next.region !== before.region || next.ruc !== before.ruc) await endUserSessions(tx, id);
  });
  return getUser(db, id);
}

async function keepAnAdmin(db: Database, by: Actor, target: AdminUserRow, selfCode: string): Promise<void> {
  if (by.userId === target.id) throw new ConflictError(selfCode, 'An administrator may not remove their own access.', { username: target.username });
  if (target.active && (await countActiveAdmins(db)) <= 1)
    throw new ConflictError('user.last_admin', 'Veta keeps at least one active administrator.', { username: target.username });
}

/** Deactivates the account: its sessions end and its tokens are revoked in the same transaction. */
export async function deactivateUser(db: Database, by: Actor, id: number, reason: string): Promise<AdminUserRow> {
  const u = await getUser(db, id);
  if (!u.active) throw new ConflictError('user.already_inactive', `The user ${u.username} is already deactivated.`, { username: u.username });
  if (u.role === 'admin' || by.userId === u.id) await keepAnAdmin(db, by, u, 'user.deactivate_self');
  await db.transaction(async (tx) => {
    await setUserActive(tx, id, false);
    const sessions = await endUserSessions(tx, id);
    const tokens = await revokeUserTokens(tx, by, { id, username: u.username, region: u.region }, 'deactivated');
    await appendAudit(tx, by, {
      action: 'user.deactivate',
      entity: 'user',
      entityId: id,
      regionCode: u.region,
      before: { active: true },
      after: { username: u.username, active: false, reason, sessionsEnded: sessions.length, tokensRevoked: tokens },
    });
  });
  return getUser(db, id);
}

export async function reactivateUser(db: Database, by: Actor, id: number, reason: string): Promise<AdminUserRow> {
  const u = await getUser(db, id);
  if (u.active) throw new ConflictError('user.already_active', `The user ${u.username} is already active.`, { username: u.username });
  await db.transaction(async (tx) => {
    await setUserActive(tx, id, true);
    await appendAudit(tx, by, {
      action: 'user.reactivate',
      entity: 'user',
      entityId: id,
      regionCode: u.region,
      before: { active: false },
      after: { username: u.username, active: true, reason },
    });
  });
  return getUser(db, id);
}

/**
 * Sets a new password (checked like a new account's) or generates a one-time one, answered
 * once. The user's sessions end and the tokens they minted are revoked; the audit entry
 * never holds the password.
 */
export async function resetPassword(db: Database, by: Actor, id: number, password?: string): Promise<{ user: AdminUserRow; password?: string }> {
  const u = await getUser(db, id);
  const generated = password === undefined;
  const next = password ?? generatePassword();
  const problems = checkPassword(next, u.username);
  if (problems.length > 0) throw invalid(problems);
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, id, hash);
    const sessions = await endUserSessions(tx, id);
    const tokens = sessions.length
      ? await revokeUserTokens(tx, by, { id, username: u.username, region: u.region }, 'password reset', { onlyFromSessions: sessions })
      : [];
    await appendAudit(tx, by, {
      action: 'user.password_reset',
      entity: 'user',
      entityId: id,
      regionCode: u.region,
      after: { username: u.username, generated, sessionsEnded: sessions.length, tokensRevoked: tokens },
    });
  });
  return { user: await getUser(db, id), ...(generated ? { password: next } : {}) };
}
