import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorBalance } from './balance.domain.ts';
import { PROPERTY_CONTEXT, buildHistory, opsArb } from './ledger.arbitraries.ts';
import { applyEvents, importLedger } from './ledger.domain.ts';
import { RUC, jsonl, rows } from './ledger.factories.ts';
import { ledgerEventSchema, type LedgerEvent } from './ledger.schema.ts';
import { emptyLedgerState, liveEntries, type LedgerState } from './ledger.state.ts';
import { originTotal, trace } from '../origin/origin.domain.ts';
import { referenceLedger, referenceShares } from '../origin/origin.reference.ts';

const context = PROPERTY_CONTEXT;

function liveLots(state: LedgerState) {
  return [...state.lots.values()].filter((lot) => lot.status !== 'void');
}

function totals(state: LedgerState) {
  const sum = { producedMg: 0n, untrackedInMg: 0n, exportedMg: 0n, lossMg: 0n };
  for (const entry of liveEntries(state)) {
    if (entry.type === 'produce') sum.producedMg += entry.fineMg;
    if (entry.type === 'export') sum.exportedMg += entry.fineMg;
    if (entry.type === 'process') {
      sum.untrackedInMg += entry.untrackedMg;
      sum.lossMg += entry.lossMg;
    }
  }
  const openMg = liveLots(state)
    .filter((lot) => lot.status === 'open')
    .reduce((s, lot) => s + lot.fineMg, 0n);
  return { ...sum, openMg };
}

describe('random split / merge / transfer histories', () => {
  it('give origin shares that sum to 1 with the unknown share, from integer vectors that sum to the lot', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const { state } = buildHistory(ops);
        for (const lot of liveLots(state)) {
          expect(originTotal(lot.origin)).toBe(lot.fineMg);
          const result = trace(state, lot.id);
          const sum = (result?.origins ?? []).reduce((s, o) => s + o.share, result?.unknownShare ?? 0);
          expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-9);
        }
      }),
    );
  });

  it('conserve fine gold exactly: open + exported + losses = produced + untracked in', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const { state } = buildHistory(ops);
        const t = totals(state);
        expect(t.openMg + t.exportedMg + t.lossMg).toBe(t.producedMg + t.untrackedInMg);
        // balances of all actors: transfers, tracked or not, cancel out
        const actors = [RUC.miner, RUC.miner2, RUC.trader, RUC.plant, RUC.refinery, RUC.exporter];
        const net = actors.reduce((s, a) => s + actorBalance(state, a, '2000-01-01', '2100-12-31').closingMg, 0n);
        expect(net).toBe(t.producedMg - t.exportedMg - t.lossMg);
      }),
    );
  });

  it('match the brute-force reference: exact mg per lot, origins within the proven rounding bound', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const { events, state } = buildHistory(ops);
        const reference = referenceLedger(events);
        const t = totals(state);
        expect([t.producedMg, t.untrackedInMg, t.exportedMg, t.lossMg]).toEqual([
          reference.producedMg,
          reference.untrackedInMg,
          reference.exportedMg,
          reference.lossMg,
        ]);
        expect(
          liveLots(state)
            .map((l) => l.id)
            .sort(),
        ).toEqual([...reference.lots.keys()].sort());
        for (const lot of liveLots(state)) {
          const ref = reference.lots.get(lot.id);
          expect({ mg: lot.fineMg, holder: lot.holder, status: lot.status }).toEqual({ mg: ref?.mg, holder: ref?.holder, status: ref?.status });
          const shares = referenceShares(reference, lot.id);
          const bound = ref?.errorBoundMg ?? 0n;
          for (const key of new Set([...shares.keys(), ...lot.origin.sites.keys(), ''])) {
            const implMg = key === '' ? lot.origin.unknownMg : (lot.origin.sites.get(key) ?? 0n);
            const exact = shares.get(key) ?? { n: 0n, d: 1n };
            const deviation = implMg * exact.d - exact.n * lot.fineMg; // (implMg − share × lotMg) × d
            expect(deviation < 0n ? -deviation : deviation).toBeLessThanOrEqual(bound * exact.d);
          }
        }
      }),
    );
  });

  it('are unchanged when the same file is imported again', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const { events } = buildHistory(ops);
        const first = importLedger(context, emptyLedgerState(), jsonl(...events));
        expect(first.summary).toEqual({ inserted: events.length, unchanged: 0, rejected: 0, errors: [] });
        const second = importLedger(context, first.state, jsonl(...events));
        expect(second.summary).toEqual({ inserted: 0, unchanged: events.length, rejected: 0, errors: [] });
        expect(second.state).toEqual(first.state);
      }),
    );
  });

  it('treat a reversed event as if it never happened', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const { events, state } = buildHistory(ops);
        const cancelled = new Set(events.flatMap((e) => (e.type === 'reverse' ? [e.id, e.reverses] : [])));
        const without = applyEvents(context, emptyLedgerState(), rows(...events.filter((e) => !cancelled.has(e.id))));
        expect(without.errors).toEqual([]);
        expect(liveLots(state)).toEqual(liveLots(without.state));
      }),
    );
  });

  const invalid = (events: readonly LedgerEvent[], kind: number): LedgerEvent => {
    const date = '2099-01-01';
    const first = events[0];
    if (kind === 2 && first?.type === 'produce') return { ...first, lot: 'OTHER' };
    return ledgerEventSchema.parse(
      [
        { id: 'bad', type: 'produce', date, actor: RUC.miner, site: 'NOPE', lot: 'BAD', material: 'dore', grams: 1, fineness: 1 },
        { id: 'bad', type: 'transfer', date, from: RUC.miner, to: RUC.trader, lot: 'NOPE' },
        { id: 'bad', type: 'transfer', date, from: RUC.stranger, to: RUC.trader, fineGrams: 1 },
      ][kind % 3],
    );
  };

  it('reject a whole batch with any invalid event, leaving the state as it was', () => {
    fc.assert(
      fc.property(opsArb, fc.nat(), fc.nat(), fc.nat({ max: 2 }), (ops, cut, at, kind) => {
        const { events } = buildHistory(ops);
        const split = cut % (events.length + 1);
        const base = applyEvents(context, emptyLedgerState(), rows(...events.slice(0, split))).state;
        const snapshot = structuredClone(base);
        const batch = events.slice(split);
        const position = at % (batch.length + 1);
        batch.splice(position, 0, invalid(events, kind));
        const result = applyEvents(context, base, rows(...batch));
        expect(result).toMatchObject({ inserted: 0, unchanged: 0, rejected: batch.length });
        expect(result.errors.length).toBeGreaterThan(0);
        expect(result.state).toBe(base);
        expect(base).toEqual(snapshot);
      }),
    );
  });
});
