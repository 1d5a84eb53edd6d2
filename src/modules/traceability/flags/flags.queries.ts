/**
 * The red flags that need an actor's or a lot's whole past, set-based in SQL:
 * NEGATIVE_BALANCE (day-end stock from the first event) and FAST_RESALE (how the
 * seller came to hold the lot). Same rules and messages as flag-aggregate-rules.domain.ts;
 * the tests compare both on random histories.
 */
import type { Queryable } from '../../../platform/db.ts';
import { makeFlag, type Flag } from './flag-model.domain.ts';
import { LIVE, list } from '../ledger/ledger-state.queries.ts';
import { mgToGrams } from '../ledger/quantity.domain.ts';
import { balanceRows, openingSpans } from '../traceability.queries.ts';

interface NegativeBalanceScope {
  from: string;
  to: string;
  /** Only these actors (null: every actor with gold moved in the period). */
  actors: readonly string[] | null;
  toleranceMg: bigint;
}

/**
 * SQL: the NEGATIVE_BALANCE rows of the scope (actor, date, closing, ids: the live events of
 * the actor's day in ledger order), for {@link negativeBalanceOf}; values pushed onto `params`.
 */
function negativeBalanceSql(scope: NegativeBalanceScope, params: unknown[]): string {
  const p = (v: unknown): string => `$${params.push(v)}`;
  const [from, to, given, tolerance] = [p(scope.from), p(scope.to), p(scope.actors === null ? null : list(scope.actors)), p(scope.toleranceMg.toString())];
  const net = 'd.produced_mg + d.bought_mg - d.sold_mg - d.loss_mg';
  // the actors in scope: given (each an index range on the primary key), or all of the period
  const actors =
    scope.actors === null
      ? `SELECT DISTINCT d.actor_ruc AS actor FROM ledger_actor_days d WHERE d.date BETWEEN ${from} AND ${to} AND ${given}::json IS NULL`
      : `SELECT DISTINCT json_array_elements_text(${given}::json) AS actor`;
  // the stock before the period: whole years and months from the rollups, days of the month (as balances read it);
  // each level's rows filtered to the scope inside the union: a join on the union's result read every actor's rows
  const opening = balanceRows(openingSpans(scope.from), params, 'm.actor_ruc IN (SELECT actor FROM scope)');
  return `WITH scope AS (${actors}),
     days AS (
       SELECT d.actor_ruc, d.date, ${net} AS net FROM scope k JOIN ledger_actor_days d ON d.actor_ruc = k.actor
       WHERE d.date BETWEEN ${from} AND ${to} AND d.live_events > 0),
     opening AS (
       SELECT s.actor_ruc, sum(s.net) AS o FROM (${opening}) s(actor_ruc, net, p, b, x, l) GROUP BY s.actor_ruc),
     series AS (
       SELECT d.actor_ruc, d.date, coalesce(o.o, 0) AS opening,
              coalesce(o.o, 0) + sum(d.net) OVER (PARTITION BY d.actor_ruc ORDER BY d.date) AS closing
       FROM days d LEFT JOIN opening o ON o.actor_ruc = d.actor_ruc),
     marked AS (
       SELECT s.*, coalesce(lag(s.closing) OVER (PARTITION BY s.actor_ruc ORDER BY s.date), s.opening) AS prev FROM series s)
     SELECT k.actor_ruc AS actor, k.date, k.closing::text AS closing,
            ARRAY(SELECT m.event_id FROM ledger_moves m WHERE m.actor_ruc = k.actor_ruc AND m.date = k.date AND ${LIVE('m.event_id')}
                  ORDER BY m.seq) AS ids
     FROM marked k
     WHERE k.closing < -${tolerance}::numeric AND k.prev >= -${tolerance}::numeric`;
}

/** The flags of rows read by {@link negativeBalanceSql} (as columns, or as a JSON array of them). */
export function negativeBalanceOf(rows: readonly { actor: string; date: string; closing: string; ids: string[] }[]): Flag[] {
  return rows.map((r) => {
    const closingMg = BigInt(r.closing);
    const message = `${r.actor} ends ${r.date} with ${mgToGrams(closingMg)} g of fine gold: sold more than it produced and bought`;
    return makeFlag('NEGATIVE_BALANCE', { date: r.date, actor: r.actor, lot: null, eventIds: r.ids, message });
  });
}

/** NEGATIVE_BALANCE flags dated in the period: the day an actor's stock went below −tolerance. */
export async function negativeBalanceFlags(tx: Queryable, scope: NegativeBalanceScope): Promise<Flag[]> {
  const params: unknown[] = [];
  const sql = negativeBalanceSql(scope, params);
  return negativeBalanceOf((await tx.query<{ actor: string; date: string; closing: string; ids: string[] }>(sql, params)).rows);
}

interface FastResaleScope {
  /** Resales dated in [from, to]. */
  from: string;
  to: string;
  /** Only resales by this seller, or of these lots (null: any). */
  seller: string | null;
  lots: readonly string[] | null;
  days: number;
}

/**
 * FAST_RESALE flags: a transfer of a lot by a seller who bought it (whole, or as
 * the part of a split) at most `days` before. Walking the lot's live history back,
 * the purchase is the first event that is not a split-off of another buyer's part.
 */
export async function fastResaleFlags(tx: Queryable, scope: FastResaleScope): Promise<Flag[]> {
  const params: unknown[] = [];
  const sql = fastResaleSql(scope, params);
  return fastResaleOf((await tx.query<FastResaleRow>(sql, params)).rows);
}

interface FastResaleRow {
  id: string;
  date: string;
  from_ruc: string;
  lot: string;
  held_lot: string | null;
  bought: string;
  days: number;
}

/** SQL: the FAST_RESALE rows of the scope in ledger order (with their `seq`), for {@link fastResaleOf}; values pushed onto `params`. */
function fastResaleSql(scope: FastResaleScope, params: unknown[]): string {
  const p = (v: unknown): string => `$${params.push(v)}`;
  const [from, to, seller, lots, days] = [p(scope.from), p(scope.to), p(scope.seller), p(scope.lots === null ? null : list(scope.lots)), p(scope.days)];
  // the resales in scope, each found through an index: by lot, by seller, or by date
  const candidates =
    scope.lots !== null
      ? `SELECT t.* FROM json_array_elements_text(${lots}::json) k(lot) JOIN ledger_lot_events le ON le.lot = k.lot
         JOIN ledger_events t ON t.id = le.event_id AND t.lot = k.lot WHERE t.date BETWEEN ${from} AND ${to}`
      : scope.seller !== null
        ? `SELECT t.* FROM ledger_moves m JOIN ledger_events t ON t.id = m.event_id
           WHERE m.actor_ruc = ${seller} AND m.date BETWEEN ${from} AND ${to} AND t.from_ruc = ${seller}`
        : `SELECT t.* FROM ledger_events t WHERE t.date BETWEEN ${from} AND ${to}`;
  return `SELECT t.id, t.seq, t.date, t.from_ruc, t.lot, t.held_lot, a.id AS bought, (t.date - a.date) AS days
     FROM (${candidates}) t
     CROSS JOIN LATERAL (
       SELECT e.id, e.type, e.date FROM ledger_lot_events le JOIN ledger_events e ON e.id = le.event_id
       WHERE le.lot = t.lot AND le.seq < t.seq AND ${LIVE('le.event_id')}
         AND (e.type <> 'transfer' OR (e.held_lot = t.lot AND e.to_ruc = t.from_ruc))
       ORDER BY le.seq DESC LIMIT 1) a
     WHERE t.type = 'transfer' AND t.lot IS NOT NULL AND a.type = 'transfer' AND ${LIVE('t.id')}
       AND (${seller}::text IS NULL OR t.from_ruc = ${seller}) AND (${lots}::json IS NULL OR t.lot IN (SELECT json_array_elements_text(${lots}::json)))
       AND t.date - a.date <= ${days}
     ORDER BY t.seq`;
}

/** The flags of rows read by {@link fastResaleSql}, in their order. */
export function fastResaleOf(rows: readonly FastResaleRow[]): Flag[] {
  return rows.map((r) => {
    const message = `${r.from_ruc} resold lot ${r.lot} ${Number(r.days)} day(s) after buying it`;
    return makeFlag('FAST_RESALE', { date: r.date, actor: r.from_ruc, lot: r.held_lot, eventIds: [r.bought, r.id], message });
  });
}
