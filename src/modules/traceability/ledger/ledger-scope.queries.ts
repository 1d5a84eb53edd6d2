/**
 * One truth whatever the role: row-level security decides what a caller may SEE of the
 * ledger, never what is computed. Flags, origin, balances and traces are computed over
 * the full ledger (read as the auditor: reads everything, writes nothing), then the
 * output is filtered to the events, lots and actors the caller's row-level security shows.
 */
import type { Queryable } from '../../../platform/db.ts';
import type { Flag } from '../flags/flag-model.domain.ts';

/**
 * Runs `fn` reading as the auditor (reads everything, writes nothing), then returns to the
 * role it had before anything is written. An error on the way aborts the transaction, so
 * nothing is ever written as the auditor. Whatever `fn` returns must be filtered to the
 * caller's sight before it leaves the service.
 */
export async function readingAll<T>(tx: Queryable, fn: () => Promise<T>): Promise<T> {
  const { rows } = await tx.query<{ previous: string }>(`SELECT current_setting('veta.role', true) AS previous`);
  await tx.query(`SELECT set_config('veta.role', 'auditor', true)`);
  const result = await fn();
  await tx.query(`SELECT set_config('veta.role', $1, true)`, [rows[0]!.previous]);
  return result;
}

/** The ids among `ids` of the ledger events the caller sees (row-level security of ledger_events). */
export async function visibleEventIds(tx: Queryable, ids: Iterable<string>): Promise<Set<string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Set();
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM ledger_events WHERE id = ANY($1::text[])', [list]);
  return new Set(rows.map((r) => r.id));
}

/** The flags (computed over the whole ledger) naming at least one event the caller sees. */
export async function visibleFlags(tx: Queryable, flags: readonly Flag[]): Promise<Flag[]> {
  const seen = await visibleEventIds(
    tx,
    flags.flatMap((f) => f.eventIds),
  );
  return flags.filter((f) => f.eventIds.some((id) => seen.has(id)));
}

/**
 * The actors among `rucs` the caller sees a day of (region, own RUC): read from the
 * yearly rollup (migration 0025), whose rows carry the department of the days they sum
 * under the same row-level security — one row per actor and year instead of every day.
 */
export async function visibleActors(tx: Queryable, rucs: readonly string[]): Promise<Set<string>> {
  if (rucs.length === 0) return new Set();
  const { rows } = await tx.query<{ ruc: string }>('SELECT DISTINCT actor_ruc AS ruc FROM ledger_actor_years WHERE actor_ruc = ANY($1::text[]) AND days > 0', [
    rucs,
  ]);
  return new Set(rows.map((r) => r.ruc));
}

/**
 * Whether the caller may trace a lot: it sees the lot (held in their region, or their own),
 * or an event that touched it (it is or was held in their region, or they were a party), or
 * part of its gold came from a site of their region.
 */
export async function lotInScope(tx: Queryable, lot: string): Promise<boolean> {
  const { rows } = await tx.query<{ seen: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM lots WHERE id = $1)
         OR EXISTS (SELECT 1 FROM ledger_lot_events le JOIN ledger_events e ON e.id = le.event_id WHERE le.lot = $1)
         OR EXISTS (SELECT 1 FROM lot_origins o WHERE o.lot = $1 AND veta_sees_region(o.region_code::text)) AS seen`,
    [lot],
  );
  return rows[0]?.seen === true;
}
