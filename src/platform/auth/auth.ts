import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { Queryable } from '../db.ts';
import type { Row } from '../db/schema.generated.ts';
import type { Actor, Role } from '../context.ts';
import { newSecret as newToken, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'veta_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export { sha256 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id });
}

/** users.role is text under a CHECK listing the roles. */
type UserRow = Omit<Row<'users'>, 'role'> & { role: Exclude<Role, 'public'> };

const toActor = (u: UserRow): Actor => ({
  username: u.username,
  role: u.role,
  region: u.region_code?.trim() ?? null,
  ruc: u.ruc,
  userId: u.id,
});

export async function findUser(db: Queryable, username: string): Promise<(Actor & { displayName: string }) | null> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE username = $1 AND active', [username]);
  return rows[0] ? { ...toActor(rows[0]), displayName: rows[0].display_name } : null;
}

/**
 * Checks the password (argon2id) and opens a session; null when the pair is wrong. Callers
 * on the network go through `attemptLogin` (login-throttle.ts), which limits the tries.
 */
export async function login(
  db: Queryable,
  username: string,
  password: string,
  now = new Date(),
): Promise<{ token: string; actor: Actor; expiresAt: Date } | null> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE username = $1 AND active', [username]);
  const user = rows[0];
  // Verify against a dummy hash when the user does not exist, so timing does not tell.
  const ok = await verify(user?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !ok) return null;
  const token = newToken('vs');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [sha256(token), user.id, expiresAt.toISOString()]);
  return { token, actor: toActor(user), expiresAt };
}

/** Ends the session; the caller revokes the tokens it minted (`revokeSessionTokens`) in the same transaction. */
export async function logout(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
}

export async function actorFromSession(db: Queryable, token: string, now = new Date()): Promise<Actor | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
    [sha256(token), now.toISOString()],
  );
  return rows[0] ? toActor(rows[0]) : null;
}

/** The token's user while the token is neither revoked nor expired. */
export async function actorFromApiToken(db: Queryable, token: string, now = new Date()): Promise<Actor | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.active`,
    [sha256(token), now.toISOString()],
  );
  return rows[0] ? toActor(rows[0]) : null;
}

/**
 * Issues a bearer token without an audit entry, for test fixtures and the demo only;
 * the CLI and the API issue through `issueApiToken` (tokens.ts), which audits.
 */
export async function createApiToken(db: Queryable, userId: number, name: string, days = 90): Promise<string> {
  const token = newToken('vt');
  await db.query(`INSERT INTO api_tokens (token_hash, user_id, name, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4::int))`, [
    sha256(token),
    userId,
    name,
    days,
  ]);
  return token;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Exclude<Role, 'public'>;
  regionCode?: string | null;
  ruc?: string | null;
}

export async function createUser(db: Queryable, u: NewUser): Promise<Actor> {
  const passwordHash = await hashPassword(u.password);
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (username, display_name, password_hash, role, region_code, ruc)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [u.username, u.displayName, passwordHash, u.role, u.regionCode ?? null, u.ruc ?? null],
  );
  return toActor(rows[0]!);
}

// argon2id hash of a random string, used only to spend the same time on unknown users.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1ZlJ5tJgaB0y6vX2oK2aU0QbwJbEz0XjQH3G1M0n1oE';
