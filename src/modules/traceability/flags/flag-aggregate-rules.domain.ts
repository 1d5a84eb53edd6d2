/**
 * Red flags over many events: monthly capacity of producers and plants,
 * negative stock, fast resale.
 */
import { daysBetween, daysOfMonth, monthOf } from '../../../kernel/peru-date.ts';
import { dailyStock } from '../ledger/balance.domain.ts';
import { makeFlag, type Flag, type FlagThresholds } from './flag-model.domain.ts';
import { liveEntries, type LedgerContext, type LedgerEntry, type LedgerState } from '../ledger/ledger.state.ts';
import { compareKeys, decimalOf, mgToGrams, roundHalfUp, roundedProduct, tonnesToKg } from '../ledger/quantity.domain.ts';

type Entry<T extends LedgerEntry['type']> = Extract<LedgerEntry, { type: T }>;

/** Capacity of a month in kg of ore: `round(tpd × days × 1000)`. */
function monthCapacityKg(tonnesPerDay: number, month: string): bigint {
  return roundedProduct([tonnesPerDay, daysOfMonth(month)], 1000n);
}

function kgText(kg: bigint): string {
  return `${Number(kg) / 1000} t`;
}

/**
 * Groups weighed entries per actor and month in ledger order and flags the first
 * entry whose running total passes the month's capacity (one flag per actor-month).
 */
function monthlyOverCapacity<E extends LedgerEntry>(
  entries: readonly E[],
  actorOf: (entry: E) => string,
  kgOf: (entry: E) => bigint,
  tpdOf: (actor: string) => number | undefined,
  flag: (first: E, month: string, totalKg: bigint, capacityKg: bigint, tpd: number, ids: string[]) => Flag,
): Flag[] {
  const groups = new Map<string, E[]>();
  for (const entry of entries) {
    const key = `${actorOf(entry)}|${monthOf(entry.event.date)}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const flags: Flag[] = [];
  for (const group of groups.values()) {
    const [head] = group;
    if (!head) continue;
    const month = monthOf(head.event.date);
    const tpd = tpdOf(actorOf(head));
    if (tpd === undefined) continue;
    const capacityKg = monthCapacityKg(tpd, month);
    const ordered = [...group].sort((a, b) => compareKeys(a.event.date, b.event.date) || a.seq - b.seq);
    let totalKg = 0n;
    let over: E | null = null;
    for (const entry of ordered) {
      totalKg += kgOf(entry);
      if (over === null && totalKg > capacityKg) over = entry;
    }
    if (over)
      flags.push(
        flag(
          over,
          month,
          totalKg,
          capacityKg,
          tpd,
          ordered.map((e) => e.event.id),
        ),
      );
  }
  return flags;
}

/**
 * CAPACITY_EXCEEDED: a producer's ore of a calendar month above its stratum's
 * capacity × days of the month. Weighed production (doré, concentrate…) counts
 * as the least ore it could come from: fine grams ÷ the highest plausible ore grade.
 */
export function capacityExceeded(context: LedgerContext, thresholds: FlagThresholds, state: LedgerState): Flag[] {
  const produced = [...liveEntries(state)].filter((e): e is Entry<'produce'> => e.type === 'produce');
  const maxGrade = decimalOf(thresholds.gradeRange.ore.max);
  const kgOf = (entry: Entry<'produce'>) =>
    entry.event.material === 'ore' ? tonnesToKg(entry.event.tonnes ?? 0) : roundHalfUp(entry.fineMg * 10n ** BigInt(maxGrade.scale), maxGrade.units);
  const tpdOf = (ruc: string) => {
    const stratum = context.actors.get(ruc)?.stratum;
    return stratum === undefined ? undefined : thresholds.capacityTpdByStratum[stratum];
  };
  return monthlyOverCapacity(
    produced,
    (e) => e.event.actor,
    kgOf,
    tpdOf,
    (first, month, totalKg, capacityKg, tpd, ids) => {
      const stratum = context.actors.get(first.event.actor)?.stratum ?? '';
      const capacity = `${stratum} capacity ${tpd} t/day × ${daysOfMonth(month)} days = ${kgText(capacityKg)}`;
      const message = `${kgText(totalKg)} of ore (or ore equivalent) in ${month}, above ${capacity}`;
      return makeFlag('CAPACITY_EXCEEDED', { date: first.event.date, actor: first.event.actor, lot: null, eventIds: ids, message });
    },
  );
}

/** PLANT_CAPACITY_EXCEEDED: ore processed by a plant in a month above its authorized t/day × days. */
export function plantCapacityExceeded(context: LedgerContext, state: LedgerState): Flag[] {
  const processed = [...liveEntries(state)].filter((e): e is Entry<'process'> => e.type === 'process' && e.inputOreKg > 0n);
  const tpdOf = (ruc: string) => context.actors.get(ruc)?.plantCapacityTpd;
  return monthlyOverCapacity(
    processed,
    (e) => e.event.actor,
    (e) => e.inputOreKg,
    tpdOf,
    (first, month, totalKg, capacityKg, tpd, ids) => {
      const capacity = `${tpd} t/day × ${daysOfMonth(month)} days = ${kgText(capacityKg)}`;
      const message = `plant processed ${kgText(totalKg)} of ore in ${month}, above its capacity ${capacity}`;
      return makeFlag('PLANT_CAPACITY_EXCEEDED', { date: first.event.date, actor: first.event.actor, lot: null, eventIds: ids, message });
    },
  );
}

/** NEGATIVE_BALANCE: an actor's day-end stock goes below −tolerance (once per episode below it). */
export function negativeBalance(thresholds: FlagThresholds, state: LedgerState): Flag[] {
  const flags: Flag[] = [];
  for (const [actor, series] of dailyStock(state)) {
    let below = false;
    for (const day of series) {
      const now = day.closingMg < -thresholds.negativeBalanceToleranceMg;
      if (now && !below) {
        const message = `${actor} ends ${day.date} with ${mgToGrams(day.closingMg)} g of fine gold: sold more than it produced and bought`;
        flags.push(makeFlag('NEGATIVE_BALANCE', { date: day.date, actor, lot: null, eventIds: day.eventIds, message }));
      }
      below = now;
    }
  }
  return flags;
}

/**
 * The transfer by which `seller` came to hold `lotId` before the event `before`
 * (walking the lot's history back), or null when it produced or processed it.
 */
function acquisition(state: LedgerState, lotId: string, seller: string, before: string): Entry<'transfer'> | null {
  const lot = state.lots.get(lotId);
  if (!lot) return null;
  for (let index = lot.history.indexOf(before) - 1; index >= 0; index -= 1) {
    const entry = state.entries.get(lot.history[index] ?? '');
    if (!entry) return null;
    if (entry.type === 'transfer' && entry.heldLot === lotId && entry.event.to === seller) return entry;
    if (entry.type !== 'transfer') return null;
  }
  return null;
}

/** FAST_RESALE: gold resold by its buyer within the window after buying it (exports excluded). */
export function fastResale(thresholds: FlagThresholds, state: LedgerState): Flag[] {
  const flags: Flag[] = [];
  for (const entry of liveEntries(state)) {
    if (entry.type !== 'transfer' || entry.event.lot === undefined) continue;
    const bought = acquisition(state, entry.event.lot, entry.event.from, entry.event.id);
    if (!bought) continue;
    const days = daysBetween(bought.event.date, entry.event.date);
    if (days > thresholds.fastResaleDays) continue;
    const message = `${entry.event.from} resold lot ${entry.event.lot} ${days} day(s) after buying it`;
    const eventIds = [bought.event.id, entry.event.id];
    flags.push(makeFlag('FAST_RESALE', { date: entry.event.date, actor: entry.event.from, lot: entry.heldLot, eventIds, message }));
  }
  return flags;
}
