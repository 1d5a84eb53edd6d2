/**
 * Red flags over the stored ledger, with the pure rules of the domain run on the
 * entries in scope (loaded from SQL with the registry facts they need) and the two
 * rules that need a whole past computed in SQL (flags.queries.ts). Three scopes:
 * a period (`veta ledger flags`), an actor in a period (`veta ledger balance`), and
 * the events of a lot's lineage (`veta ledger trace`). Each gives exactly what
 * `computeFlags` over the whole ledger gives for that scope.
 */
import type { Queryable } from '../../../platform/db.ts';
import { actorsOf } from '../ledger/balance.domain.ts';
import { daysOfMonth, monthOf, type IsoDate } from '../../../kernel/peru-date.ts';
import { capacityExceeded, plantCapacityExceeded } from './flag-aggregate-rules.domain.ts';
import type { Flag } from './flag-model.domain.ts';
import { compareFlags, singleEventFlags, type FlagContext } from './flags.domain.ts';
import { fastResaleFlags, fastResaleOf, negativeBalanceFlags, negativeBalanceOf } from './flags.queries.ts';
import { contextOf, loadContext, loadThresholds, thresholdsWith } from '../ledger/ledger-context.queries.ts';
import { ancestorLotIds, entriesFromJson, list, loadEntries, loadEntriesWhere, loadLots, partialState } from '../ledger/ledger-state.queries.ts';
import type { LedgerEntry } from '../ledger/ledger.state.ts';
import { compareKeys } from '../ledger/quantity.domain.ts';
import type { LineageEntries } from '../traceability.queries.ts';

type Thresholds = Awaited<ReturnType<typeof loadThresholds>>;

const monthStart = (date: IsoDate): IsoDate => `${monthOf(date)}-01`;
const monthEnd = (date: IsoDate): IsoDate => `${monthOf(date)}-${String(daysOfMonth(monthOf(date))).padStart(2, '0')}`;

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Producers' and plants' (actor, month) pairs of the candidates. */
function actorMonths(entries: readonly LedgerEntry[], type: 'produce' | 'process'): { actors: string[]; months: string[] } {
  const pairs = new Set(
    entries.flatMap((e) => (e.type === type && (e.type === 'produce' || e.inputOreKg > 0n) ? [`${e.event.actor}|${monthStart(e.event.date)}`] : [])),
  );
  const split = [...pairs].map((p) => p.split('|') as [string, string]);
  return { actors: split.map(([a]) => a), months: split.map(([, m]) => m) };
}

/** The candidates' (actor, month) pairs of `type` as a JSON parameter of {@link inActorMonths}. */
function actorMonthPairs(candidates: readonly LedgerEntry[], type: 'produce' | 'process'): string {
  const { actors, months } = actorMonths(candidates, type);
  return JSON.stringify(actors.map((a, i) => ({ a, m: months[i] })));
}

/** Events of the given actors in the given months (pairs in the JSON parameter `p`), found through their moves (an index range per pair). */
const inActorMonths = (p: string): string => `e.id IN (SELECT m.event_id FROM json_to_recordset(${p}::json) k(a text, m date)
  JOIN ledger_moves m ON m.actor_ruc = k.a AND m.date >= k.m AND m.date < (k.m + interval '1 month')::date)`;

/** What the single-event and monthly rules of the candidates look up: actors, lots sold with a claim, sites. */
function lookups(candidates: readonly LedgerEntry[]) {
  const rucs = new Set(candidates.flatMap((e) => actorsOf(e)));
  const claimed = candidates.flatMap((e) => (e.type === 'transfer' && e.event.claim !== undefined && e.heldLot !== null ? [e.heldLot] : []));
  // production sites, and the origin sites of lots sold as mercury-free (whose producers the claim names)
  const ecological = candidates.flatMap((e) => (e.type === 'transfer' && e.event.claim === 'FAIRMINED_ECOLOGICAL' && e.heldLot !== null ? [e.heldLot] : []));
  const produced = candidates.flatMap((e) => (e.type === 'produce' ? [e.event.site] : []));
  return { rucs, claimed, ecological, produced };
}

/** The lots sold with a claim and their ancestors (for the claims' rules). */
async function claimedLots(tx: Queryable, claimed: readonly string[]): Promise<Awaited<ReturnType<typeof loadLots>>> {
  return claimed.length > 0 ? await loadLots(tx, await ancestorLotIds(tx, claimed), 0) : new Map();
}

/**
 * Flags of single events and of monthly capacities for the candidate entries.
 * `wholeMonths`: the candidates are every live entry of whole calendar months, so
 * the monthly totals need nothing else.
 */
async function entryFlags(tx: Queryable, candidates: readonly LedgerEntry[], thresholds: Thresholds, asOf: IsoDate, wholeMonths: boolean): Promise<Flag[]> {
  if (candidates.length === 0) return [];
  const { rucs, claimed, ecological, produced } = lookups(candidates);
  const lots = await claimedLots(tx, claimed);
  const sites = new Set([...produced, ...ecological.flatMap((id) => [...(lots.get(id)?.origin.sites.keys() ?? [])])]);
  const { context } = await loadContext(tx, rucs, sites, { full: true, asOf, rules: thresholds.rules });
  const monthly = async (type: 'produce' | 'process'): Promise<ReadonlyMap<string, LedgerEntry>> => {
    if (wholeMonths) return new Map(candidates.filter((e) => e.type === type).map((e) => [e.event.id, e]));
    const pairs = actorMonthPairs(candidates, type);
    if (pairs === '[]') return new Map();
    return loadEntriesWhere(tx, `e.type = '${type}' AND e.actor_ruc IS NOT NULL AND ${inActorMonths('$1')}`, [pairs]);
  };
  return entryFlagsWith(tx, candidates, thresholds, context, lots, await monthly('produce'), await monthly('process'));
}

/** The flags of the candidates given the facts and the entries of their actors' months (monthly totals). */
async function entryFlagsWith(
  tx: Queryable,
  candidates: readonly LedgerEntry[],
  thresholds: Thresholds,
  context: FlagContext,
  lots: Awaited<ReturnType<typeof loadLots>>,
  produced: ReadonlyMap<string, LedgerEntry>,
  processed: ReadonlyMap<string, LedgerEntry>,
): Promise<Flag[]> {
  const own = new Map(candidates.map((e) => [e.event.id, e]));
  const creators = await loadEntries(
    tx,
    [...lots.values()].map((lot) => lot.createdBy).filter((id) => !own.has(id)),
  );
  const state = partialState(new Map([...own, ...creators]), lots);
  const flags = candidates.flatMap((entry) => singleEventFlags(context, thresholds, state, entry));
  flags.push(...capacityExceeded(context, thresholds, partialState(produced, new Map())));
  flags.push(...plantCapacityExceeded(context, partialState(processed, new Map())));
  return flags;
}

/** Every flag dated in `[from, to]` (both inclusive), month by month. */
export async function flagsOfPeriod(tx: Queryable, from: IsoDate, to: IsoDate): Promise<Flag[]> {
  const thresholds = await loadThresholds(tx, to);
  const { rows } = await tx.query<{ first: string | null; last: string | null }>(
    'SELECT min(date)::text AS first, max(date)::text AS last FROM ledger_events WHERE date BETWEEN $1 AND $2',
    [from, to],
  );
  const flags: Flag[] = [];
  const [first, last] = [rows[0]?.first ?? null, rows[0]?.last ?? null];
  for (let month = first === null ? null : monthStart(first); month !== null && last !== null && month <= last; month = addDays(monthEnd(month), 1)) {
    const entries = await loadEntriesWhere(tx, 'e.date BETWEEN $1 AND $2', [month, monthEnd(month)]);
    const found = await entryFlags(tx, [...entries.values()], thresholds, to, true);
    flags.push(...found.filter((f) => f.date >= from && f.date <= to));
  }
  flags.push(...(await negativeBalanceFlags(tx, { from, to, actors: null, toleranceMg: thresholds.negativeBalanceToleranceMg })));
  flags.push(...(await fastResaleFlags(tx, { from, to, seller: null, lots: null, days: thresholds.fastResaleDays })));
  return flags.sort(compareFlags);
}

/** The flags of one actor dated in `[from, to]`. */
export async function flagsOfActor(tx: Queryable, actor: string, from: IsoDate, to: IsoDate): Promise<Flag[]> {
  const thresholds = await loadThresholds(tx, to);
  const entries = await loadEntriesWhere(tx, 'e.id IN (SELECT m.event_id FROM ledger_moves m WHERE m.actor_ruc = $1 AND m.date BETWEEN $2 AND $3)', [
    actor,
    from,
    to,
  ]);
  const flags = [
    ...(await entryFlags(tx, [...entries.values()], thresholds, to, false)),
    ...(await negativeBalanceFlags(tx, { from, to, actors: [actor], toleranceMg: thresholds.negativeBalanceToleranceMg })),
    ...(await fastResaleFlags(tx, { from, to, seller: actor, lots: null, days: thresholds.fastResaleDays })),
  ];
  return flags.filter((f) => f.actor === actor && f.date >= from && f.date <= to).sort(compareFlags);
}

const document = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * Every flag naming one of the lineage's events (read with their entries and the claims
 * downstream: traceability.queries.ts lineageOf). Then the NEGATIVE_BALANCE rows, one round trip
 * for the entries of the candidates' actor-months, the FAST_RESALE rows and the registry facts,
 * the facts of other modules and, when a candidate sold with a claim, the lots behind the claims.
 */
export async function flagsOfEvents(tx: Queryable, lineage: LineageEntries, asOf: IsoDate): Promise<Flag[]> {
  const { events, lots, own } = lineage;
  if (events.size === 0) return [];
  const thresholds = await thresholdsWith(tx, lineage.settings, asOf);
  const candidates = [...own.values(), ...lineage.claims.values()].filter((e) => e.reversedBy === null && e.type !== 'reverse');
  const dates = [...own.values()].map((e) => e.event.date).sort(compareKeys);
  const [from, to] = [dates[0] ?? asOf, dates.at(-1) ?? asOf];
  const actors = [...new Set([...own.values()].flatMap((e) => (e.type === 'reverse' ? [] : actorsOf(e))))];
  // a resale names its purchase: resales of the lots bought by these events too
  const resold = new Set([...lots, ...[...own.values()].flatMap((e) => (e.type === 'transfer' && e.heldLot !== null ? [e.heldLot] : []))]);
  // NEGATIVE_BALANCE of the lineage's actors (veta_lineage_negative_balance, migration 0031: negativeBalanceFlags' SQL)
  const { rows: balance } = await tx.query<{ n: unknown }>('SELECT veta_lineage_negative_balance($1, $2, $3, $4) AS n', [
    from,
    to,
    list(actors),
    thresholds.negativeBalanceToleranceMg.toString(),
  ]);
  const negative = negativeBalanceOf(document<Parameters<typeof negativeBalanceOf>[0]>(balance[0]!.n));
  // one round trip (veta_lineage_flag_facts, migration 0031): the entries of the candidates' actor-months, the
  // resales and the registry facts of the actors, the production sites and the origin sites of the lots sold as mercury-free
  const { rucs, claimed, ecological, produced } = lookups(candidates);
  const { rows } = await tx.query<{ f: unknown }>('SELECT veta_lineage_flag_facts($1, $2, $3, $4, $5, $6, $7, $8, $9) AS f', [
    actorMonthPairs(candidates, 'produce'),
    actorMonthPairs(candidates, 'process'),
    from,
    addDays(to, Math.max(thresholds.fastResaleDays, 0)),
    list(resold),
    thresholds.fastResaleDays,
    list(rucs),
    list(produced),
    list(ecological),
  ]);
  const read = document<{ produce: unknown; process: unknown; resales: Parameters<typeof fastResaleOf>[0]; context: unknown }>(rows[0]!.f);
  const single: Flag[] = [];
  if (candidates.length > 0) {
    const { context } = await contextOf(tx, read.context, { full: true, asOf, rules: thresholds.rules });
    const claimLots = await claimedLots(tx, claimed);
    single.push(...(await entryFlagsWith(tx, candidates, thresholds, context, claimLots, entriesFromJson(read.produce), entriesFromJson(read.process))));
  }
  const flags = [...single, ...negative, ...fastResaleOf(read.resales)];
  return flags.filter((f) => f.eventIds.some((id) => events.has(id))).sort(compareFlags);
}
