/**
 * fast-check generators of valid ledger histories: random productions, splits,
 * whole transfers, merges with untracked gold and recovery losses, exports,
 * untracked sales and reversals. Ops pick among the lots open at that point, so
 * every generated event is valid (reversals are kept only when accepted).
 */
import fc from 'fast-check';
import { applyEvents } from './ledger.domain.ts';
import { RUC, SITE, buildContext } from './ledger.factories.ts';
import { ledgerEventSchema, type LedgerEvent, type LedgerEventInput } from './ledger.schema.ts';
import { recoveredMg } from './quantity.domain.ts';
import { emptyLedgerState, liveEntries, type LedgerContext, type LedgerState, type Lot } from './ledger.state.ts';

export const PROPERTY_CONTEXT: LedgerContext = buildContext();
const PRODUCERS = [RUC.miner, RUC.miner2];
const HOLDERS = [RUC.miner, RUC.miner2, RUC.trader, RUC.plant, RUC.refinery, RUC.exporter];
/** Few buyers, so that lots gather and merges have several inputs. */
const BUYERS = [RUC.trader, RUC.plant, RUC.refinery];
const SITES = [SITE.a, SITE.b, SITE.c];
const FINENESS = [0.5, 0.85, 0.9, 0.999, 1];
const GRADES = [0.5, 3.7, 8, 12.25];
const RECOVERY = [1, 0.95, 0.9, 0.85, 0.333];

export type Op =
  | { kind: 'produce'; producer: number; site: number; ore: boolean; amount: number; quality: number }
  | { kind: 'split'; lot: number; permille: number; to: number }
  | { kind: 'transfer'; lot: number; to: number }
  | { kind: 'merge'; lots: number[]; untrackedGrams: number; recovery: number }
  | { kind: 'export'; lot: number }
  | { kind: 'untracked'; from: number; to: number; grams: number }
  | { kind: 'reverse'; target: number };

const index = fc.nat({ max: 1000 });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('produce' as const),
      producer: index,
      site: index,
      ore: fc.boolean(),
      amount: fc.integer({ min: 1, max: 100_000 }),
      quality: index,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('split' as const), lot: index, permille: fc.integer({ min: 1, max: 1000 }), to: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), lot: index, to: index }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      lots: fc.array(index, { minLength: 1, maxLength: 4 }),
      untrackedGrams: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })),
      recovery: index,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('export' as const), lot: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('untracked' as const), from: index, to: index, grams: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), target: index }) },
);

export const opsArb = fc.array(opArb, { minLength: 1, maxLength: 40, size: 'medium' });

function pick<T>(items: readonly T[], i: number): T | undefined {
  return items.length === 0 ? undefined : items[i % items.length];
}

function dateAt(i: number): string {
  return new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
}

function openLots(state: LedgerState): Lot[] {
  return [...state.lots.values()].filter((lot) => lot.status === 'open');
}

function otherThan(holder: string, i: number, among: readonly string[] = BUYERS): string {
  return (
    pick(
      among.filter((h) => h !== holder),
      i,
    ) ?? RUC.trader
  );
}

function candidate(op: Op, state: LedgerState, i: number): LedgerEventInput | null {
  const base = { id: `e${i}`, date: dateAt(i) };
  const lots = openLots(state);
  switch (op.kind) {
    case 'produce': {
      const quantities = op.ore
        ? { material: 'ore' as const, tonnes: op.amount % 1000 || 1, gradeGpt: pick(GRADES, op.quality) ?? 8 }
        : { material: 'dore' as const, grams: op.amount, fineness: pick(FINENESS, op.quality) ?? 1 };
      return { ...base, type: 'produce', actor: pick(PRODUCERS, op.producer) ?? RUC.miner, site: pick(SITES, op.site) ?? SITE.a, lot: `L${i}`, ...quantities };
    }
    case 'split': {
      const lot = pick(lots, op.lot);
      const partMg = lot ? (lot.fineMg * BigInt(op.permille)) / 1000n : 0n;
      if (!lot || partMg === 0n) return null;
      return { ...base, type: 'transfer', from: lot.holder, to: otherThan(lot.holder, op.to), lot: lot.id, fineGrams: Number(partMg) / 1000, newLot: `L${i}` };
    }
    case 'transfer': {
      const lot = pick(lots, op.lot);
      return lot ? { ...base, type: 'transfer', from: lot.holder, to: otherThan(lot.holder, op.to), lot: lot.id } : null;
    }
    case 'merge': {
      const first = pick(lots, op.lots[0] ?? 0);
      if (!first) return null;
      const held = lots.filter((lot) => lot.holder === first.holder);
      const inputs = [...new Set([first.id, ...op.lots.slice(1).map((j) => pick(held, j)?.id ?? first.id)])];
      const recovery = pick(RECOVERY, op.recovery) ?? 1;
      const mergedMg = held.filter((lot) => inputs.includes(lot.id)).reduce((sum, lot) => sum + lot.fineMg, BigInt(op.untrackedGrams) * 1000n);
      if (recoveredMg(mergedMg, recovery) === 0n) return null;
      const output = { lot: `L${i}`, material: 'dore' as const };
      return { ...base, type: 'process', actor: first.holder, inputs, untrackedFineGrams: op.untrackedGrams, recovery, output };
    }
    case 'export': {
      const lot = pick(lots, op.lot);
      return lot ? { ...base, type: 'export', from: lot.holder, lot: lot.id, country: 'CH', customsRef: `DAM-${i}` } : null;
    }
    case 'untracked': {
      const from = pick(HOLDERS, op.from) ?? RUC.trader;
      return { ...base, type: 'transfer', from, to: otherThan(from, op.to, HOLDERS), fineGrams: op.grams };
    }
    case 'reverse': {
      const target = pick([...liveEntries(state)], op.target);
      return target ? { ...base, type: 'reverse', actor: RUC.miner, reverses: target.event.id, reason: 'correction' } : null;
    }
  }
}

/**
 * Builds a valid history from ops, applying each event as it goes. Throws if an
 * event other than a tentative reversal is rejected: the ops only build valid events.
 */
export function buildHistory(ops: readonly Op[], context: LedgerContext = PROPERTY_CONTEXT): { events: LedgerEvent[]; state: LedgerState } {
  let state = emptyLedgerState();
  const events: LedgerEvent[] = [];
  ops.forEach((op, i) => {
    const input = candidate(op, state, i);
    if (input === null) return;
    const event = ledgerEventSchema.parse(input);
    const result = applyEvents(context, state, [{ row: events.length + 1, event }]);
    if (result.errors.length > 0) {
      if (event.type === 'reverse') return;
      throw new Error(`generated a rejected event ${JSON.stringify(input)}: ${JSON.stringify(result.errors)}`);
    }
    state = result.state;
    events.push(event);
  });
  return { events, state };
}
