/**
 * Set-based readings of the stored ledger: mass balances (one actor, or every
 * actor of a period) over the live gold moved per actor and day, and the national
 * view of production against exports. Same rules as balance.domain.ts (the tests
 * compare both on random histories).
 */
import type { Queryable } from '../../platform/db.ts';
import type { ActorBalance, NationalRow } from './balance.domain.ts';
import { LIVE } from './ledger-state.queries.ts';

const NET = 'm.produced_mg + m.bought_mg - m.sold_mg - m.loss_mg';

const BALANCE_COLUMNS = `
  coalesce(sum(${NET}) FILTER (WHERE m.date < $1), 0)::text AS opening,
  coalesce(sum(m.produced_mg) FILTER (WHERE m.date >= $1), 0)::text AS produced,
  coalesce(sum(m.bought_mg) FILTER (WHERE m.date >= $1), 0)::text AS bought,
  coalesce(sum(m.sold_mg) FILTER (WHERE m.date >= $1), 0)::text AS sold,
  coalesce(sum(m.loss_mg) FILTER (WHERE m.date >= $1), 0)::text AS loss`;

interface BalanceRow {
  actor: string;
  opening: string;
  produced: string;
  bought: string;
  sold: string;
  loss: string;
}

function toBalance(r: BalanceRow, from: string, to: string): ActorBalance {
  const [openingMg, producedMg, boughtMg, soldMg, lossMg] = [r.opening, r.produced, r.bought, r.sold, r.loss].map((v) => BigInt(v)) as [
    bigint, bigint, bigint, bigint, bigint,
  ];
  return { actor: r.actor, from, to, openingMg, producedMg, boughtMg, soldMg, lossMg, closingMg: openingMg + producedMg + boughtMg - soldMg - lossMg };
}

/** Mass balance of one actor over `[from, to]`, both inclusive; reversed events count nowhere. */
export async function actorBalance(tx: Queryable, actor: string, from: string, to: string): Promise<ActorBalance> {
  const { rows } = await tx.query<BalanceRow>(
    `SELECT $3::text AS actor, ${BALANCE_COLUMNS}
     FROM ledger_actor_days m WHERE m.actor_ruc = $3 AND m.date <= $2`,
    [from, to, actor],
  );
  return toBalance(rows[0]!, from, to);
}

/** Mass balance of every actor that moved gold up to `to`, over `[from, to]`. */
export async function allBalances(tx: Queryable, from: string, to: string): Promise<ActorBalance[]> {
  const { rows } = await tx.query<BalanceRow>(
    `SELECT m.actor_ruc AS actor, ${BALANCE_COLUMNS}
     FROM ledger_actor_days m WHERE m.date <= $2
     GROUP BY m.actor_ruc ORDER BY m.actor_ruc`,
    [from, to],
  );
  return rows.map((r) => toBalance(r, from, to));
}

/**
 * National view: fine gold produced per year and department of the site, against
 * fine gold exported per year of export and department of origin (the exported
 * lot's origin vector; its unknown part under region null).
 */
export async function nationalView(tx: Queryable, from: string | null, to: string | null): Promise<NationalRow[]> {
  const { rows } = await tx.query<{ year: number; region: string | null; produced: string; exported: string }>(
    `WITH live AS (
       SELECT e.id, e.type, e.date, e.lot, e.region_code, e.fine_mg FROM ledger_events e
       WHERE e.type IN ('produce', 'export') AND ($1::date IS NULL OR e.date >= $1) AND ($2::date IS NULL OR e.date <= $2)
         AND ${LIVE('e.id')}),
     amounts AS (
       SELECT extract(year FROM date)::int AS year, region_code::text AS region, fine_mg AS produced, 0::bigint AS exported
       FROM live WHERE type = 'produce'
       UNION ALL
       SELECT extract(year FROM l.date)::int, o.region_code::text, 0, o.mg FROM live l JOIN lot_origins o ON o.lot = l.lot WHERE l.type = 'export'
       UNION ALL
       SELECT extract(year FROM l.date)::int, NULL, 0, x.unknown_mg FROM live l JOIN lots x ON x.id = l.lot
       WHERE l.type = 'export' AND x.unknown_mg > 0)
     SELECT year, region, sum(produced)::text AS produced, sum(exported)::text AS exported
     FROM amounts GROUP BY year, region ORDER BY year, region NULLS LAST`,
    [from, to],
  );
  return rows.map((r) => ({ year: Number(r.year), region: r.region, producedMg: BigInt(r.produced), exportedMg: BigInt(r.exported) }));
}

/** The lots and live events of a lot's lineage (see veta_lot_lineage). */
export async function lineageOf(tx: Queryable, lot: string): Promise<{ lots: Set<string>; events: Set<string> }> {
  const { rows } = await tx.query<{ lot: string; event_id: string }>('SELECT lot, event_id FROM veta_lot_lineage($1)', [lot]);
  return { lots: new Set(rows.map((r) => r.lot)), events: new Set(rows.map((r) => r.event_id)) };
}
