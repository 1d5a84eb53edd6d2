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
import { compareFlags, singleEventFlags } from './flags.domain.ts';
import { claimsDownstream, fastResaleFlags, negativeBalanceFlags } from './flags.queries.ts';
import { loadContext, loadThresholds } from '../ledger/ledger-context.queries.ts';
import { ancestorLotIds, loadEntries, loadEntriesWhere, loadLots, partialState } from '../ledger/ledger-state.queries.ts';
import type { LedgerEntry, LedgerState } from '../ledger/ledger.state.ts';
import { compareKeys } from '../ledger/quantity.domain.ts';

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

/** Events of the given actors in the given months, found through their moves (an index range per pair). */
const IN_ACTOR_MONTHS = `e.id IN (SELECT m.event_id FROM json_to_recordset($1::json) k(a text, m date)
  JOIN ledger_moves m ON m.actor_ruc = k.a AND m.date >= k.m AND m.date < (k.m + interval '1 month')::date)`;

/**
 * Flags of single events and of monthly capacities for the candidate entries.
 * `wholeMonths`: the candidates are every live entry of whole calendar months, so
 * the monthly totals need nothing else.
 */
async function entryFlags(tx: Queryable, candidates: readonly LedgerEntry[], thresholds: Thresholds, asOf: IsoDate, wholeMonths: boolean): Promise<Flag[]> {
  if (candidates.length === 0) return [];
  const rucs = new Set(candidates.flatMap((e) => actorsOf(e)));
  const claimed = candidates.flatMap((e) => (e.type === 'transfer' && e.event.claim !== undefined && e.heldLot !== null ? [e.heldLot] : []));
  const lots: Awaited<ReturnType<typeof loadLots>> = claimed.length > 0 ? await loadLots(tx, await ancestorLotIds(tx, claimed), 0) : new Map();
  // production sites, and the origin sites of lots sold as mercury-free (whose producers the claim names)
  const ecological = candidates.flatMap((e) => (e.type === 'transfer' && e.event.claim === 'FAIRMINED_ECOLOGICAL' && e.heldLot !== null ? [e.heldLot] : []));
  const sites = new Set([
    ...candidates.flatMap((e) => (e.type === 'produce' ? [e.event.site] : [])),
    ...ecological.flatMap((id) => [...(lots.get(id)?.origin.sites.keys() ?? [])]),
  ]);
  const { context } = await loadContext(tx, rucs, sites, { full: true, asOf, rules: thresholds.rules });
  const own = new Map(candidates.map((e) => [e.event.id, e]));
  const creators = await loadEntries(
    tx,
    [...lots.values()].map((lot) => lot.createdBy).filter((id) => !own.has(id)),
  );
  const state = partialState(new Map([...own, ...creators]), lots);
  const flags = candidates.flatMap((entry) => singleEventFlags(context, thresholds, state, entry));

  const monthly = async (type: 'produce' | 'process'): Promise<LedgerState> => {
    if (wholeMonths) return partialState(new Map(candidates.filter((e) => e.type === type).map((e) => [e.event.id, e])), new Map());
    const { actors, months } = actorMonths(candidates, type);
    if (actors.length === 0) return partialState(new Map(), new Map());
    return partialState(
      await loadEntriesWhere(tx, `e.type = '${type}' AND e.actor_ruc IS NOT NULL AND ${IN_ACTOR_MONTHS}`, [
        JSON.stringify(actors.map((a, i) => ({ a, m: months[i] }))),
      ]),
      new Map(),
    );
  };
  flags.push(...capacityExceeded(context, thresholds, await monthly('produce')));
  flags.push(...plantCapacityExceeded(context, await monthly('process')));
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

/** Every flag naming one of `events` (the live events of a lineage, on `lots`). */
export async function flagsOfEvents(tx: Queryable, events: ReadonlySet<string>, lots: ReadonlySet<string>, asOf: IsoDate): Promise<Flag[]> {
  if (events.size === 0) return [];
  const thresholds = await loadThresholds(tx, asOf);
  const own = await loadEntries(tx, events);
  // a claim downstream names the productions and untracked mixes that broke it
  const created = [...own.values()].flatMap((e) =>
    e.type === 'produce' ? [e.event.lot] : e.type === 'process' && e.untrackedMg > 0n ? [e.event.output.lot] : [],
  );
  const claims = (await claimsDownstream(tx, created)).filter((id) => !own.has(id));
  const candidates = [...own.values(), ...(await loadEntries(tx, claims)).values()].filter((e) => e.reversedBy === null && e.type !== 'reverse');
  const dates = [...own.values()].map((e) => e.event.date).sort(compareKeys);
  const [from, to] = [dates[0] ?? asOf, dates.at(-1) ?? asOf];
  const actors = [...new Set([...own.values()].flatMap((e) => (e.type === 'reverse' ? [] : actorsOf(e))))];
  // a resale names its purchase: resales of the lots bought by these events too
  const resold = new Set([...lots, ...[...own.values()].flatMap((e) => (e.type === 'transfer' && e.heldLot !== null ? [e.heldLot] : []))]);
  const flags = [
    ...(await entryFlags(tx, candidates, thresholds, asOf, false)),
    ...(await negativeBalanceFlags(tx, { from, to, actors, toleranceMg: thresholds.negativeBalanceToleranceMg })),
    ...(await fastResaleFlags(tx, {
      from,
      to: addDays(to, Math.max(thresholds.fastResaleDays, 0)),
      seller: null,
      lots: [...resold],
      days: thresholds.fastResaleDays,
    })),
  ];
  return flags.filter((f) => f.eventIds.some((id) => events.has(id))).sort(compareFlags);
}
