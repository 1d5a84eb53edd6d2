/** SQL of the administrator's user management: accounts, their sessions and tokens. */
import type { Queryable } from '../db.ts';
import type { Role } from '../context.ts';

export type UserRole = Exclude<Role, 'public'>;

export interface AdminUserRow {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  region: string | null;
  ruc: string | null;
  active: boolean;
  createdAt: string;
  /** Tokens neither revoked nor expired. */
  activeTokens: number;
  /** Browser sessions not yet expired. */
  sessions: number;
}

export interface UserFilter {
  role?: UserRole | undefined;
  region?: string | undefined;
  active?: boolean | undefined;
  /** Part of the username or display name. */
  q?: string | undefined;
}

interface Row {
  id: number | string;
  username: string;
  display_name: string;
  role: UserRole;
  region_code: string | null;
  ruc: string | null;
  active: boolean;
  created_at: Date | string;
  active_tokens: number | string;
  sessions: number | string;
}

const toUser = (r: Row): AdminUserRow => ({
  id: Number(r.id),
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  region: r.region_code?.trim() ?? null,
  ruc: r.ruc?.trim() ?? null,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  activeTokens: Number(r.active_tokens),
  sessions: Number(r.sessions),
});

const SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.region_code, u.ruc, u.active, u.created_at,
    (SELECT count(*) FROM api_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now()) AS active_tokens,
    (SELECT count(*) FROM sessions s WHERE s.user_id = u.id AND s.expires_at > now()) AS sessions
  FROM users u`;

export async function listUsers(db: Queryable, f: UserFilter): Promise<AdminUserRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown): void => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.role) add('u.role = ?', f.role);
  if (f.region) add('u.region_code = ?', f.region);
  if (f.active !== undefined) add('u.active = ?', f.active);
  if (f.q) add('(u.username ILIKE ? OR u.display_name ILIKE ?)', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const { rows } = await db.query<Row>(`${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY u.username`, params);
  return rows.map(toUser);
}

export async function userById(db: Queryable, id: number): Promise<AdminUserRow | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM users WHERE username = $1', [username]);
  return rows.length > 0;
}

export async function countActiveAdmins(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number | string }>("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active");
  return Number(rows[0]?.n ?? 0);
}

export async function updateUserRow(
  db: Queryable,
  id: number,
  u: { displayName: string; role: UserRole; region: string | null; ruc: string | null },
): Promise<void> {
  await db.query('UPDATE users SET display_name = $2, role = $3, region_code = $4, ruc = $5 WHERE id = $1', [id, u.displayName, u.role, u.region, u.ruc]);
}

export async function setUserActive(db: Queryable, id: number, active: boolean): Promise<void> {
  await db.query('UPDATE users SET active = $2 WHERE id = $1', [id, active]);
}

export async function setPasswordHash(db: Queryable, id: number, hash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, hash]);
}

/** Ends every session of the user; the hashes of the sessions ended. */
export async function endUserSessions(db: Queryable, id: number): Promise<string[]> {
  const { rows } = await db.query<{ token_hash: string }>('DELETE FROM sessions WHERE user_id = $1 RETURNING token_hash', [id]);
  return rows.map((r) => r.token_hash);
}
