/**
 * Login throttling per account and per client address, kept in the database (every server
 * process and restart sees the same counts). Each failed try is counted before the
 * password is checked, so parallel tries are counted too; past a threshold the key is
 * locked for a delay that doubles with every further failure, up to 15 minutes. While a
 * key is locked its tries are refused without checking the password — the right one too.
 * OWASP ASVS 4.0.3 V2.2.1 (anti-automation: soft lockout, rate limiting); failures and
 * locks are audited (`auth.login_failed`, `auth.locked`).
 */
// @ts-nocheck

import { appendAudit } from '../audit/audit.ts';
import type { Actor } from '../context.ts';
import type { Database, Queryable } from '../db.ts';
import { login } from './auth.ts';

export interface ThrottleRule {
  /** Failures (within `resetAfterMs` of each other) allowed before the first lock. */
  free: number;
  /** The first lock; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key forgets its failures this long after the last one. */
  resetAfterMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = { free: 4, firstDelayMs: 15_000, maxDelayMs: 15 * 60_000, resetAfterMs: 60 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { free: 19, firstDelayMs: 15_000, maxDelayMs: 15 * 60_000, resetAfterMs: 60 * 60_000 };

/** How long a key stays locked after its `failures`-th failure (0: not locked). Pure. */
export function lockDelayMs(rule: ThrottleRule, failures: number): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(30, failures - rule.free - 1));
}

export type LoginAttempt = { kind: 'ok'; token: string; actor: Actor; expiresAt: Date } | { kind: 'wrong' } | { kind: 'locked'; retryAfterSeconds: number };

const ANONYMOUS: Actor = { username: 'anonymous', role: 'public', region: null, ruc: null, userId: null };

interface Key {
  key: string;
  rule: ThrottleRule;
  kind: 'account' | 'address';
}

/** One try at logging in from `address`, throttled and audited. */
export async function attemptLogin(
  db: Database,
  username: string,
  password: string,
  address: string,
  opts: { now?: Date; rules?: { account: ThrottleRule; address: ThrottleRule } } = {},
): Promise<LoginAttempt> {
  const now = opts.now ?? new Date();
  const rules = opts.rules ?? { account: ACCOUNT_RULE, address: ADDRESS_RULE };
  const keys: Key[] = [
    { key: `user:${username.toLowerCase()}`, rule: rules.account, kind: 'account' },
    { key: `addr:${address}`, rule: rules.address, kind: 'address' },
  ];
  // The count's upsert locks the key's row until commit, so parallel tries of one key are
  // counted one after the other and each sees the lock the one before it set.
  let counted: { counts: Counted[] };
  try {
    counted = await db.transaction(async (tx) => {
      const counts: Counted[] = [];
      for (const k of keys) {
        const c = await count(tx, k, now);
        if (c.lockedUntil) throw new Locked(c.lockedUntil);
        counts.push(c);
      }
      return { counts };
    });
  } catch (err) {
    if (!(err instanceof Locked)) throw err;
    return { kind: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((err.until.getTime() - now.getTime()) / 1000)) };
  }

  const session = await login(db, username, password, now);
  if (session) {
    // The try was counted as a failure in advance: take it back.
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM login_failures WHERE key = $1', [keys[0]!.key]);
      const addr = counted.counts.find((c) => c.key.kind === 'address')!;
      await tx.query('UPDATE login_failures SET failures = failures - 1, locked_until = CASE WHEN $2::int > 0 THEN locked_until END WHERE key = $1', [
        addr.key.key,
        lockDelayMs(addr.key.rule, addr.failures - 1),
      ]);
    });
    return { kind: 'ok', ...session };
  }
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number; region_code: string | null }>('SELECT id, region_code FROM users WHERE username = $1', [username]);
    const user = rows[0];
    const regionCode = user?.region_code?.trim() ?? null;
    const failures = Object.fromEntries(counted.counts.map((c) => [c.key.kind, c.failures]));
    // The username is recorded only when it names an account: a mistyped password is sometimes typed in the username field.
    const who = { username: user ? username : null, address };
    await appendAudit(tx, ANONYMOUS, { action: 'auth.login_failed', entity: 'user', entityId: user?.id ?? null, regionCode, after: { ...who, failures } }, now);
    for (const c of counted.counts) {
      if (c.lockedMs === 0) continue;
      const until = new Date(now.getTime() + c.lockedMs).toISOString();
      await appendAudit(
        tx,
        ANONYMOUS,
        { action: 'auth.locked', entity: 'user', entityId: user?.id ?? null, regionCode, after: { ...who, scope: c.key.kind, failures: c.failures, until } },
        now,
      );
    }
  });
  return { kind: 'wrong' };
}

class Locked extends Error {
  constructor(readonly until: Date) {
    super('locked');
  }
}

interface Counted {
  key: Key;
  failures: number;
  lockedMs: number;
  /** Set when the key was locked already: nothing was counted. */
  lockedUntil?: Date;
}

/** Counts one failure of the key in advance (forgetting old ones) and sets its lock; a locked key is left as it is. */
async function count(tx: Queryable, k: Key, now: Date): Promise<Counted> {
  const at = now.toISOString();
  const forgetBefore = new Date(now.getTime() - k.rule.resetAfterMs).toISOString();
  // locked_until is not changed by the upsert: RETURNING gives the lock as it was.
  const { rows } = await tx.query<{ failures: number; locked_until: Date | string | null }>(
    `INSERT INTO login_failures AS f (key, failures, first_at, last_at) VALUES ($1, 1, $2, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN f.locked_until > $2::timestamptz THEN f.failures WHEN f.last_at < $3 THEN 1 ELSE f.failures + 1 END,
       first_at = CASE WHEN f.locked_until > $2::timestamptz THEN f.first_at WHEN f.last_at < $3 THEN $2::timestamptz ELSE f.first_at END,
       last_at = CASE WHEN f.locked_until > $2::timestamptz THEN f.last_at ELSE $2::timestamptz END
     RETURNING failures, locked_until`,
    [k.key, at, forgetBefore],
  );
  const row = rows[0]!;
  const failures = Number(row.failures);
  if (row.locked_until !== null && new Date(row.locked_until) > now) return { key: k, failures, lockedMs: 0, lockedUntil: new Date(row.locked_until) };
  const lockedMs = lockDelayMs(k.rule, failures);
  await tx.query('UPDATE login_failures SET locked_until = $2 WHERE key = $1', [k.key, lockedMs > 0 ? new Date(now.getTime() + lockedMs).toISOString() : null]);
  return { key: k, failures, lockedMs };
}
