/**
 * Bearer API tokens for machine clients: shown once, stored as a SHA-256 hash, expiring
 * (90 days unless asked otherwise, at most a year), listed and revoked by id; a token
 * minted from a browser session is revoked by that session's logout. Issuing and revoking
 * are audited in the same transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit.ts';
import type { Actor } from '../context.ts';
import type { Queryable } from '../db.ts';
import type { Row } from '../db/schema.generated.ts';

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

export interface TokenInfo {
  id: number;
  username: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  /** Minted from a browser session (dies with its logout). */
  fromSession: boolean;
  active: boolean;
}

type TokenRow = Pick<Row<'api_tokens'>, 'id' | 'name' | 'created_at' | 'expires_at' | 'revoked_at' | 'revoked_reason' | 'session_hash'> &
  Pick<Row<'users'>, 'username'>;

const iso = (v: Date): string => v.toISOString();
const toInfo = (r: TokenRow, now: Date): TokenInfo => ({
  id: r.id,
  username: r.username,
  name: r.name,
  createdAt: iso(r.created_at),
  expiresAt: iso(r.expires_at),
  revokedAt: r.revoked_at === null ? null : iso(r.revoked_at),
  revokedReason: r.revoked_reason,
  fromSession: r.session_hash !== null,
  active: r.revoked_at === null && r.expires_at > now,
});

export interface IssueOptions {
  userId: number;
  username: string;
  regionCode?: string | null;
  name: string;
  days?: number;
  /** sessions.token_hash of the browser session that asks for it. */
  sessionHash?: string | null;
  now?: Date;
}

/** Issues a token and audits `auth.token_issued` (never the token itself) in the caller's transaction. */
export async function issueApiToken(tx: Queryable, by: Actor, o: IssueOptions): Promise<{ id: number; token: string; expiresAt: string }> {
  const days = o.days ?? TOKEN_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) throw new RangeError(`token lifetime must be 1 to ${TOKEN_MAX_DAYS} days`);
  const now = o.now ?? new Date();
  const token = newSecret('vt');
  const expiresAt = new Date(now.getTime() + days * DAY_MS).toISOString();
  const { rows } = await tx.query<{ id: number }>(
    'INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at, session_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [sha256(token), o.userId, o.name, now.toISOString(), expiresAt, o.sessionHash ?? null],
  );
  const id = Number(rows[0]!.id);
  await appendAudit(
    tx,
    by,
    {
      action: 'auth.token_issued',
      entity: 'api_token',
      entityId: id,
      regionCode: o.regionCode ?? null,
      after: { username: o.username, name: o.name, expiresAt, fromSession: !!o.sessionHash },
    },
    now,
  );
  return { id, token, expiresAt };
}

/** Tokens of one user, newest first (active, expired and revoked). */
export async function listApiTokens(db: Queryable, userId: number, now = new Date()): Promise<TokenInfo[]> {
  const { rows } = await db.query<TokenRow>(
    `SELECT t.id, u.username, t.name, t.created_at, t.expires_at, t.revoked_at, t.revoked_reason, t.session_hash
     FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.user_id = $1 ORDER BY t.id DESC`,
    [userId],
  );
  return rows.map((r) => toInfo(r, now));
}

export async function getApiToken(db: Queryable, id: number, now = new Date()): Promise<(TokenInfo & { userId: number; regionCode: string | null }) | null> {
  const { rows } = await db.query<TokenRow & Pick<Row<'api_tokens'>, 'user_id'> & Pick<Row<'users'>, 'region_code'>>(
    `SELECT t.id, t.user_id, u.username, u.region_code, t.name, t.created_at, t.expires_at, t.revoked_at, t.revoked_reason, t.session_hash
     FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1`,
    [id],
  );
  const r = rows[0];
  return r ? { ...toInfo(r, now), userId: r.user_id, regionCode: r.region_code?.trim() ?? null } : null;
}

/** Revokes one token (no-op when already revoked) and audits `auth.token_revoked`. */
export async function revokeApiToken(tx: Queryable, by: Actor, id: number, reason: string, now = new Date()): Promise<boolean> {
  const { rows } = await tx.query<{ id: number; username: string; region_code: string | null }>(
    `UPDATE api_tokens t SET revoked_at = $2, revoked_reason = $3 FROM users u
     WHERE t.id = $1 AND u.id = t.user_id AND t.revoked_at IS NULL RETURNING t.id, u.username, u.region_code`,
    [id, now.toISOString(), reason],
  );
  const r = rows[0];
  if (!r) return false;
  await appendAudit(
    tx,
    by,
    { action: 'auth.token_revoked', entity: 'api_token', entityId: id, regionCode: r.region_code?.trim() ?? null, after: { username: r.username, reason } },
    now,
  );
  return true;
}

/** At logout: revokes the tokens the session minted, one audit entry for them all. */
export async function revokeSessionTokens(tx: Queryable, by: Actor, sessionHash: string, now = new Date()): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>(
    `UPDATE api_tokens SET revoked_at = $2, revoked_reason = 'logout' WHERE session_hash = $1 AND revoked_at IS NULL RETURNING id`,
    [sessionHash, now.toISOString()],
  );
  const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  if (ids.length > 0) {
    await appendAudit(
      tx,
      by,
      {
        action: 'auth.token_revoked',
        entity: 'api_token',
        entityId: ids.join(','),
        regionCode: by.region,
        after: { username: by.username, reason: 'logout', ids },
      },
      now,
    );
  }
  return ids;
}

/** The id of the user named `username` (active or not), null when there is none. */
export async function userIdByName(db: Queryable, username: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username]);
  return rows[0] ? Number(rows[0].id) : null;
}

/** The session (its hash) that minted the token whose hash this is, null for a token minted otherwise or unknown. */
export async function sessionOfToken(db: Queryable, tokenHash: string): Promise<string | null> {
  const { rows } = await db.query<{ session_hash: string | null }>('SELECT session_hash FROM api_tokens WHERE token_hash = $1', [tokenHash]);
  return rows[0]?.session_hash ?? null;
}

/**
 * Revokes every live token of a user (on deactivation), or only those its sessions minted
 * (`onlyFromSessions`: when a password reset ends the sessions); one audit entry for them all.
 */
export async function revokeUserTokens(
  tx: Queryable,
  by: Actor,
  user: { id: number; username: string; region: string | null },
  reason: string,
  opts: { onlyFromSessions?: string[]; now?: Date } = {},
): Promise<number[]> {
  const now = opts.now ?? new Date();
  const { rows } = opts.onlyFromSessions
    ? await tx.query<{ id: number }>(
        `UPDATE api_tokens SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL AND session_hash = ANY($4::text[]) RETURNING id`,
        [user.id, now.toISOString(), reason, opts.onlyFromSessions],
      )
    : await tx.query<{ id: number }>(`UPDATE api_tokens SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`, [
        user.id,
        now.toISOString(),
        reason,
      ]);
  const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  if (ids.length > 0) {
    await appendAudit(
      tx,
      by,
      { action: 'auth.token_revoked', entity: 'api_token', entityId: ids.join(','), regionCode: user.region, after: { username: user.username, reason, ids } },
      now,
    );
  }
  return ids;
}
