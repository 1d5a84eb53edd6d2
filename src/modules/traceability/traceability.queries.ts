/**
 * Set-based readings of the stored ledger: mass balances (one actor, or every
 * actor of a period) over the live gold moved per actor and day (rolled up per month
 * and year: whole years and months are read from the rollups), and the national
 * view of production against exports. Same rules as balance.domain.ts (the tests
 * compare both on random histories).
 */
import { addDays, yearOf, type IsoDate } from '../../kernel/peru-date.ts';
import type { Queryable } from '../../platform/db.ts';
import { keysetPage, type KeysetList } from '../../platform/http/list-keyset.ts';
import type { ListRequest, Page } from '../../platform/http/list.ts';
import type { ActorBalance, NationalRow } from './ledger/balance.domain.ts';
import { entriesFromJson, LIVE } from './ledger/ledger-state.queries.ts';
import type { CertScheme } from './ledger/ledger.schema.ts';
import type { LedgerEntry, LotStatus } from './ledger/ledger.state.ts';
import type { LotRole } from './traceability-api.schema.ts';

const NET = 'm.produced_mg + m.bought_mg - m.sold_mg - m.loss_mg';

/**
 * Where the live gold moved per actor is summed: per day (ledger_actor_days), and
 * rolled up per month and per year by the database (migration 0025), each rollup row
 * with the number of day rows it sums and the department of those days, under the
 * same row-level security as the days.
 */
const LEVELS = {
  years: { table: 'ledger_actor_years', column: 'year', rolled: true },
  months: { table: 'ledger_actor_months', column: 'month', rolled: true },
  days: { table: 'ledger_actor_days', column: 'date', rolled: false },
} as const;

/** Rows of one level dated in `[from, until)` (from null: since the beginning), counted in the opening or in the period. */
export interface BalanceSpan {
  level: keyof typeof LEVELS;
  from: IsoDate | null;
  until: IsoDate;
  opening: boolean;
}

const monthStart = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01`;
const yearStart = (date: IsoDate): IsoDate => `${date.slice(0, 4)}-01-01`;
const nextMonth = (date: IsoDate): IsoDate => addDays(monthStart(date), 32).slice(0, 7) + '-01';
const nextYear = (date: IsoDate): IsoDate => `${String(yearOf(date) + 1).padStart(4, '0')}-01-01`;

/** `[from, until)` as whole years, whole months and days, each row of the ledger in exactly one span. */
function cover(from: IsoDate | null, until: IsoDate, opening: boolean): BalanceSpan[] {
  const span = (level: BalanceSpan['level'], a: IsoDate | null, b: IsoDate): BalanceSpan[] =>
    a !== null && a >= b ? [] : [{ level, from: a, until: b, opening }];
  // the first whole month and year from `from`, and the ends of the last ones before `until`
  const m0 = from === null ? null : from === monthStart(from) ? from : nextMonth(from);
  const m1 = monthStart(until);
  if (m0 !== null && m0 >= m1) return span('days', from, until);
  const y0 = from === null ? null : from === yearStart(from) ? from : nextYear(from);
  const y1 = yearStart(until);
  if (y0 !== null && y0 >= y1) return [...span('days', from, m0!), ...span('months', m0, m1), ...span('days', m1, until)];
  return [
    ...(m0 === null ? [] : span('days', from, m0)),
    ...(m0 === null ? [] : span('months', m0, y0!)),
    ...span('years', y0, y1),
    ...span('months', y1, m1),
    ...span('days', m1, until),
  ];
}

/**
 * The spans of a balance over `[from, to]`: the opening (everything before `from`, or
 * up to `to` when the period is empty) and the period, read as whole years and months
 * from the rollups and as days only at the ragged ends. A yearly balance reads one
 * row per actor and year, however many events the ledger holds.
 */
export function balanceSpans(from: IsoDate, to: IsoDate): BalanceSpan[] {
  const end = addDays(to, 1);
  return from < end ? [...openingSpans(from), ...cover(from, end, false)] : openingSpans(end);
}

/** The spans of everything dated before `date`, counted in the opening. */
export function openingSpans(date: IsoDate): BalanceSpan[] {
  return cover(null, date, true);
}

/**
 * The rows of `spans` as (actor_ruc, opening, produced, bought, sold, loss), with their
 * bounds appended to `params`; `where` filters every level's rows (alias m). One scan
 * per level (its spans OR-ed), so that a table without a usable date order is read once.
 */
export function balanceRows(spans: readonly BalanceSpan[], params: unknown[], where = 'true'): string {
  const param = (v: string): string => `$${params.push(v)}::date`;
  // every opening span lies before every span of the period
  const split = spans.find((s) => !s.opening)?.from ?? null;
  return (Object.keys(LEVELS) as Array<keyof typeof LEVELS>)
    .flatMap((level) => {
      const { table, column, rolled } = LEVELS[level];
      const at = `m.${column}`;
      const ranges = spans
        .filter((s) => s.level === level)
        .map((s) => (s.from === null ? `${at} < ${param(s.until)}` : `(${at} >= ${param(s.from)} AND ${at} < ${param(s.until)})`));
      if (ranges.length === 0) return [];
      let sums = `${NET}, 0, 0, 0, 0`;
      if (split !== null) {
        const p = param(split);
        const inPeriod = (c: string): string => `CASE WHEN ${at} >= ${p} THEN ${c} ELSE 0 END`;
        sums = [`CASE WHEN ${at} < ${p} THEN ${NET} ELSE 0 END`, ...['m.produced_mg', 'm.bought_mg', 'm.sold_mg', 'm.loss_mg'].map(inPeriod)].join(', ');
      }
      return [`SELECT m.actor_ruc, ${sums} FROM ${table} m WHERE (${ranges.join(' OR ')})${rolled ? ' AND m.days > 0' : ''} AND ${where}`];
    })
    .join('\n     UNION ALL ');
}

const BALANCE_COLUMNS = `
  coalesce(sum(s.opening), 0)::text AS opening,
  coalesce(sum(s.produced), 0)::text AS produced,
  coalesce(sum(s.bought), 0)::text AS bought,
  coalesce(sum(s.sold), 0)::text AS sold,
  coalesce(sum(s.loss), 0)::text AS loss`;
const SPAN_COLUMNS = 's(actor_ruc, opening, produced, bought, sold, loss)';

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
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  return { actor: r.actor, from, to, openingMg, producedMg, boughtMg, soldMg, lossMg, closingMg: openingMg + producedMg + boughtMg - soldMg - lossMg };
}

/** Mass balance of one actor over `[from, to]`, both inclusive; reversed events count nowhere (their reversals subtract). */
export async function actorBalance(tx: Queryable, actor: string, from: string, to: string): Promise<ActorBalance> {
  const params: unknown[] = [actor];
  const rows = balanceRows(balanceSpans(from, to), params, 'm.actor_ruc = $1');
  const { rows: out } = await tx.query<BalanceRow>(`SELECT $1::text AS actor, ${BALANCE_COLUMNS} FROM (${rows}) ${SPAN_COLUMNS}`, params);
  return toBalance(out[0]!, from, to);
}

/** Whether the caller sees any day of the actor in the ledger (row-level security decides: region, own RUC). */
export async function actorVisible(tx: Queryable, actor: string): Promise<boolean> {
  const { rows } = await tx.query<{ seen: boolean }>('SELECT EXISTS (SELECT 1 FROM ledger_actor_days WHERE actor_ruc = $1) AS seen', [actor]);
  return rows[0]?.seen === true;
}

/** Mass balance of every actor that moved gold up to `to`, over `[from, to]`. */
export async function allBalances(tx: Queryable, from: string, to: string): Promise<ActorBalance[]> {
  const params: unknown[] = [];
  const rows = balanceRows(balanceSpans(from, to), params);
  const { rows: out } = await tx.query<BalanceRow>(
    `SELECT s.actor_ruc AS actor, ${BALANCE_COLUMNS} FROM (${rows}) ${SPAN_COLUMNS}
     GROUP BY s.actor_ruc ORDER BY s.actor_ruc`,
    params,
  );
  return out.map((r) => toBalance(r, from, to));
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

/** A lot's lineage as its trace reads it, with what the lineage's flags start from (flags.service.ts flagsOfEvents). */
export interface LineageEntries {
  /** The live events of the lineage (see veta_lot_lineage), and the lots they are on. */
  readonly events: ReadonlySet<string>;
  readonly lots: ReadonlySet<string>;
  /** The entries of `events`, in ledger order. */
  readonly own: ReadonlyMap<string, LedgerEntry>;
  /**
   * The entries of the live transfers with a claim on lots descending from those the lineage's
   * productions and untracked mixes created (a claim downstream names what broke it), not in `own`.
   */
  readonly claims: ReadonlyMap<string, LedgerEntry>;
  /** The stored settings of the flag thresholds in force on the date of the trace. */
  readonly settings: unknown;
}

/** What a trace shows of the lot itself; origins as (site, mg) by site. */
export interface TracedLot {
  id: string;
  fine_mg: string;
  unknown_mg: string;
  status: LotStatus;
  certifications: CertScheme[];
  origins: Array<[string, string]>;
}

const parsed = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * One round trip (veta_lot_trace_head, migration 0031): the lot (null when unknown), its lineage
 * with the lineage's entries, the entries of the claims downstream of what the lineage created,
 * and the flag thresholds' settings on `asOf`.
 */
export async function lineageOf(tx: Queryable, lot: string, asOf: string): Promise<{ lot: TracedLot | null; lineage: LineageEntries }> {
  const { rows } = await tx.query<{ h: unknown }>('SELECT veta_lot_trace_head($1, $2) AS h', [lot, asOf]);
  const r = parsed<{ lot: unknown; lineage: unknown; own: unknown; claims: unknown; settings: unknown }>(rows[0]!.h);
  const pairs = parsed<Array<[string, string]>>(r.lineage);
  return {
    lot: parsed<TracedLot | null>(r.lot),
    lineage: {
      lots: new Set(pairs.map(([l]) => l)),
      events: new Set(pairs.map(([, e]) => e)),
      own: entriesFromJson(r.own),
      claims: entriesFromJson(r.claims),
      settings: r.settings,
    },
  };
}

export interface ActorLotRow {
  lot: string;
  roles: LotRole[];
  firstDate: string;
  lastDate: string;
  /** The actor's live events on the lot. */
  eventIds: string[];
  /** The lot's material (of the actor's own production or processing when the lot is hidden). */
  material: string | null;
  /** The lot as it is now; null when row-level security hides it (held in another region). */
  fineMg: bigint | null;
  status: string | null;
  holderRuc: string | null;
  holderName: string | null;
}

export interface ActorLotsFilter {
  role?: LotRole | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

const LOT_SORT_COLUMNS: KeysetList['sorts'] = {
  // the last event's date then its ledger sequence: the order the moves happened in
  last: { sql: "b.last_date || ':' || lpad(b.last_seq::text, 20, '0')", type: 'text' },
  first: { sql: 'b.first_date', type: 'date' },
  lot: { sql: 'b.lot', type: 'text' },
  material: { sql: 'b.material', type: 'text' },
  fine: { sql: 'b.fine_mg', type: 'numeric' },
  status: { sql: 'b.status', type: 'text' },
  holder: { sql: 'b.holder_ruc', type: 'text' },
};

/**
 * The lots an actor produced, bought, sold, processed or exported (newest first by
 * default): found through its moves (an index range on the actor), so row-level security
 * scopes them as it scopes its balance; filtered, counted, one keyset page. The holder's
 * name comes from the registries the caller may read.
 */
export async function actorLots(tx: Queryable, actor: string, f: ActorLotsFilter, req: ListRequest): Promise<Page<ActorLotRow>> {
  const list: KeysetList = {
    base: `WITH ev AS (
       SELECT e.id, e.type, e.date, e.seq, e.actor_ruc, e.from_ruc, e.to_ruc, e.lot, e.new_lot, e.held_lot, e.material
       FROM ledger_moves m JOIN ledger_events e ON e.id = m.event_id
       WHERE m.actor_ruc = $1 AND e.type <> 'reverse' AND ${LIVE('e.id')}),
     touched AS (
       SELECT lot, 'produced' AS role, id, date, seq, material FROM ev WHERE type = 'produce' AND actor_ruc = $1
       UNION ALL SELECT lot, 'sold', id, date, seq, NULL FROM ev WHERE type = 'transfer' AND from_ruc = $1
       UNION ALL SELECT held_lot, 'bought', id, date, seq, NULL FROM ev WHERE type = 'transfer' AND to_ruc = $1
       UNION ALL SELECT i.input_lot, 'processed', ev.id, ev.date, ev.seq, NULL FROM ev JOIN lot_inputs i ON i.lot = ev.new_lot
                 WHERE ev.type = 'process' AND ev.actor_ruc = $1
       UNION ALL SELECT new_lot, 'output', id, date, seq, material FROM ev WHERE type = 'process' AND actor_ruc = $1
       UNION ALL SELECT lot, 'exported', id, date, seq, NULL FROM ev WHERE type = 'export' AND from_ruc = $1),
     per AS (
       SELECT t.lot, array_agg(DISTINCT t.role) AS roles, min(t.date)::text AS first_date, max(t.date)::text AS last_date,
              max(t.seq) AS last_seq, array_agg(DISTINCT t.id) AS event_ids, max(t.material) AS made_as
       FROM touched t WHERE t.lot IS NOT NULL GROUP BY t.lot)
     SELECT p.lot, p.roles, p.first_date, p.last_date, p.last_seq, p.event_ids,
            coalesce(l.material, p.made_as) AS material, l.fine_mg, l.status, l.holder_ruc
     FROM per p LEFT JOIN lots l ON l.id = p.lot
     WHERE l.status IS DISTINCT FROM 'void'
       AND ($2::text IS NULL OR $2 = ANY (p.roles)) AND ($3::text IS NULL OR l.status = $3)
       AND ($4::date IS NULL OR p.last_date::date >= $4::date) AND ($5::date IS NULL OR p.last_date::date <= $5::date)
       AND ($6::text IS NULL OR upper(p.lot) LIKE '%' || upper($6) || '%')`,
    params: [actor, f.role ?? null, f.status ?? null, f.from ?? null, f.to ?? null, f.q?.trim() ? f.q.trim() : null],
    id: { sql: 'b.lot', type: 'text' },
    sorts: LOT_SORT_COLUMNS,
  };
  const page = await keysetPage<{
    lot: string;
    roles: LotRole[];
    first_date: string;
    last_date: string;
    event_ids: string[];
    material: string | null;
    fine_mg: string | null;
    status: string | null;
    holder_ruc: string | null;
  }>(tx, list, req);
  const names = await holderNames(tx, [...new Set(page.items.flatMap((r) => (r.holder_ruc === null ? [] : [r.holder_ruc])))]);
  return {
    total: page.total,
    next: page.next,
    items: page.items.map((r) => ({
      lot: r.lot,
      roles: r.roles,
      firstDate: r.first_date,
      lastDate: r.last_date,
      eventIds: r.event_ids,
      material: r.material,
      fineMg: r.fine_mg === null ? null : BigInt(r.fine_mg),
      status: r.status,
      holderRuc: r.holder_ruc,
      holderName: r.holder_ruc === null ? null : (names.get(r.holder_ruc) ?? null),
    })),
  };
}

/** The names of holders, from the registries the caller may read (organization, RECPO, person). */
async function holderNames(tx: Queryable, rucs: string[]): Promise<Map<string, string | null>> {
  if (rucs.length === 0) return new Map();
  const { rows } = await tx.query<{ ruc: string; name: string | null }>(
    `SELECT x.ruc,
            coalesce((SELECT o.name FROM organizations o WHERE o.ruc = x.ruc::char(11)),
                     (SELECT r.name FROM recpo_registrations r WHERE r.ruc = x.ruc ORDER BY r.valid_from DESC, r.number LIMIT 1),
                     (SELECT s.full_name FROM persons s WHERE x.ruc LIKE '10%' AND s.dni = substr(x.ruc, 3, 8)::char(8))) AS name
     FROM unnest($1::text[]) x(ruc)`,
    [rucs],
  );
  return new Map(rows.map((r) => [r.ruc, r.name]));
}

/** The stored code of a lot typed in any case (null when none, or several, match). */
export async function lotCode(tx: Queryable, code: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string | null }>('SELECT veta_lot_code($1) AS id', [code]);
  return rows[0]?.id ?? null;
}
