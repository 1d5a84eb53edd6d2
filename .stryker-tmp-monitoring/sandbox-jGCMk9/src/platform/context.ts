// @ts-nocheck
import type { Database, Queryable } from './db.ts';

export const ROLES = ['public', 'miner', 'regional', 'national', 'auditor', 'admin', 'surveyor', 'cooperation'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: a logged-in user, a CLI operator, or the public. */
export interface Actor {
  username: string;
  role: Role;
  /** INEI department code, for the `regional` role. */
  region: string | null;
  /** RUC of the miner's own records, for the `miner` role. */
  ruc: string | null;
  userId: number | null;
}

export const PUBLIC_ACTOR: Actor = { username: 'public', role: 'public', region: null, ruc: null, userId: null };

/**
 * Runs `fn` in one transaction as the application's database role with the actor's
 * role, region and RUC set for row-level security. Nothing outside this function
 * decides what rows an actor may see: PostgreSQL does.
 */
export function withActor<T>(db: Database, actor: Actor, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // one round trip: set_config('role', …, true) is SET LOCAL ROLE (same membership check)
    await tx.query(
      `SELECT set_config('role', 'veta_app', true), set_config('veta.role', $1, true), set_config('veta.region', $2, true),
              set_config('veta.ruc', $3, true), set_config('veta.user', $4, true)`,
      [actor.role, actor.region ?? '', actor.ruc ?? '', actor.username],
    );
    return fn(tx);
  });
}

/** Roles that may only read. */
export const canWrite = (role: Role): boolean => role === 'regional' || role === 'national' || role === 'admin';
