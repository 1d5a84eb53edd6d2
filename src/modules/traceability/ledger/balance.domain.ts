/**
 * Mass balance of fine gold. Per actor and period (both dates inclusive):
 * opening (everything before the period) + produced + bought − sold (exports
 * included) − processing losses = closing. Reversed events count nowhere.
 * Untracked gold put into a process adds nothing: a processor that sells more
 * than it produced and bought goes below zero, which is a red flag.
 */
import { isWithin, yearOf, type IsoDate } from '../../../kernel/peru-date.ts';
import type { Flag } from '../flags/flags.domain.ts';
import { liveEntries, type LedgerEntry, type LedgerState } from './ledger.state.ts';
import { compareKeys, mgToGrams, type Mg } from './quantity.domain.ts';

/** Gold moved for one actor. */
interface Movements {
  readonly producedMg: Mg;
  readonly boughtMg: Mg;
  readonly soldMg: Mg;
  readonly lossMg: Mg;
}

const NONE: Movements = { producedMg: 0n, boughtMg: 0n, soldMg: 0n, lossMg: 0n };

/** Net change of stock of a set of movements. */
function netMg(m: Movements): Mg {
  return m.producedMg + m.boughtMg - m.soldMg - m.lossMg;
}

function add(a: Movements, b: Movements): Movements {
  return {
    producedMg: a.producedMg + b.producedMg,
    boughtMg: a.boughtMg + b.boughtMg,
    soldMg: a.soldMg + b.soldMg,
    lossMg: a.lossMg + b.lossMg,
  };
}

/** What one live entry moves for `actor`. */
export function movementsOf(entry: LedgerEntry, actor: string): Movements {
  switch (entry.type) {
    case 'produce':
      return entry.event.actor === actor ? { ...NONE, producedMg: entry.fineMg } : NONE;
    case 'transfer':
      if (entry.event.from === actor) return { ...NONE, soldMg: entry.fineMg };
      return entry.event.to === actor ? { ...NONE, boughtMg: entry.fineMg } : NONE;
    case 'process':
      return entry.event.actor === actor ? { ...NONE, lossMg: entry.lossMg } : NONE;
    case 'export':
      return entry.event.from === actor ? { ...NONE, soldMg: entry.fineMg } : NONE;
    case 'reverse':
      return NONE;
  }
}

/** The actors a live entry moves gold for. */
export function actorsOf(entry: LedgerEntry): string[] {
  switch (entry.type) {
    case 'produce':
    case 'process':
      return [entry.event.actor];
    case 'transfer':
      return [entry.event.from, entry.event.to];
    case 'export':
      return [entry.event.from];
    case 'reverse':
      return [];
  }
}

/** Balance of an actor over a period, in mg. */
export interface ActorBalance extends Movements {
  readonly actor: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly openingMg: Mg;
  readonly closingMg: Mg;
}

/** Mass balance of `actor` over `[from, to]`, both inclusive. */
export function actorBalance(state: LedgerState, actor: string, from: IsoDate, to: IsoDate): ActorBalance {
  let opening = NONE;
  let period = NONE;
  for (const entry of liveEntries(state)) {
    const date = entry.event.date;
    if (date < from) opening = add(opening, movementsOf(entry, actor));
    else if (date <= to) period = add(period, movementsOf(entry, actor));
  }
  const openingMg = netMg(opening);
  return { actor, from, to, openingMg, ...period, closingMg: openingMg + netMg(period) };
}

/**
 * Day-end stock of every actor from the start of the ledger: actor → sorted
 * list of (date, closing mg, ids of the live entries of that day).
 */
export function dailyStock(state: LedgerState): Map<string, Array<{ date: IsoDate; closingMg: Mg; eventIds: string[] }>> {
  const days = new Map<string, Map<IsoDate, { net: Mg; eventIds: string[] }>>();
  for (const entry of liveEntries(state)) {
    for (const actor of actorsOf(entry)) {
      const byDate = days.get(actor) ?? new Map<IsoDate, { net: Mg; eventIds: string[] }>();
      days.set(actor, byDate);
      const day = byDate.get(entry.event.date) ?? { net: 0n, eventIds: [] };
      byDate.set(entry.event.date, { net: day.net + netMg(movementsOf(entry, actor)), eventIds: [...day.eventIds, entry.event.id] });
    }
  }
  const result = new Map<string, Array<{ date: IsoDate; closingMg: Mg; eventIds: string[] }>>();
  for (const [actor, byDate] of days) {
    let stock = 0n;
    const series = [...byDate]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([date, day]) => {
        stock += day.net;
        return { date, closingMg: stock, eventIds: day.eventIds };
      });
    result.set(actor, series);
  }
  return result;
}

/** The balance contract of `veta ledger balance --json` (flags are filled by the caller). */
export function balanceToJson(balance: ActorBalance, flags: readonly Flag[]) {
  return {
    actor: balance.actor,
    from: balance.from,
    to: balance.to,
    openingFineGrams: mgToGrams(balance.openingMg),
    producedFineGrams: mgToGrams(balance.producedMg),
    boughtFineGrams: mgToGrams(balance.boughtMg),
    soldFineGrams: mgToGrams(balance.soldMg),
    lossFineGrams: mgToGrams(balance.lossMg),
    closingFineGrams: mgToGrams(balance.closingMg),
    flags: [...flags],
  };
}

/** Declared production against exports of one year and region (null = unknown origin or region). */
export interface NationalRow {
  readonly year: number;
  readonly region: string | null;
  readonly producedMg: Mg;
  readonly exportedMg: Mg;
}

/**
 * National view: fine gold produced per year and region of the site, against
 * fine gold exported per year of export and region of origin (an exported lot
 * counts per site of its origin vector; its unknown part under region null).
 */
export function nationalProductionVsExports(
  state: LedgerState,
  siteRegion: ReadonlyMap<string, string>,
  from: IsoDate | null = null,
  to: IsoDate | null = null,
): NationalRow[] {
  const rows = new Map<string, { year: number; region: string | null; producedMg: Mg; exportedMg: Mg }>();
  const bump = (year: number, region: string | null, produced: Mg, exported: Mg) => {
    const key = `${year}|${region ?? ''}`;
    const row = rows.get(key) ?? { year, region, producedMg: 0n, exportedMg: 0n };
    rows.set(key, { ...row, producedMg: row.producedMg + produced, exportedMg: row.exportedMg + exported });
  };
  for (const entry of liveEntries(state)) {
    if (!isWithin(entry.event.date, from, to)) continue;
    const year = yearOf(entry.event.date);
    if (entry.type === 'produce') bump(year, siteRegion.get(entry.event.site) ?? null, entry.fineMg, 0n);
    if (entry.type !== 'export') continue;
    const origin = state.lots.get(entry.event.lot)?.origin;
    if (!origin) continue;
    for (const [site, mg] of origin.sites) bump(year, siteRegion.get(site) ?? null, 0n, mg);
    if (origin.unknownMg > 0n) bump(year, null, 0n, origin.unknownMg);
  }
  return [...rows.values()].sort((a, b) => (a.year !== b.year ? a.year - b.year : compareKeys(a.region ?? '\uffff', b.region ?? '\uffff')));
}
