import { describe, expect, it } from 'vitest';
import { actorBalance, balanceToJson, dailyStock, nationalProductionVsExports } from './balance.domain.ts';
import { balanceSchema } from './ledger-contract.schema.ts';
import { applyEvents } from './ledger.domain.ts';
import { RUC, SITE, buildContext, exporting, processing, produce, reversal, rows, transfer } from './ledger.factories.ts';
import { emptyLedgerState } from './ledger.state.ts';

const context = buildContext();
const events = [
  produce({ id: 'p0', lot: 'L0', date: '2024-02-20', grams: 10, fineness: 1, material: 'fine_gold' }),
  produce({ id: 'p1', lot: 'L1', material: 'ore', tonnes: 10, gradeGpt: 8 }),
  produce({ id: 'p2', lot: 'L2', actor: RUC.miner2, site: SITE.b, date: '2024-03-02' }),
  transfer({ id: 't1', lot: 'L1', fineGrams: 40, newLot: 'L1b' }),
  transfer({ id: 't2', lot: 'L2', from: RUC.miner2, date: '2024-03-06' }),
  transfer({ id: 't9', lot: 'L0', to: RUC.plant, date: '2024-03-06' }),
  processing({ id: 'x1', inputs: ['L1b', 'L2'], untrackedFineGrams: 25, recovery: 0.9 }),
  exporting({ id: 'e1', lot: 'D1', date: '2024-04-02' }),
  transfer({ id: 't3', lot: undefined, fineGrams: 5, from: RUC.miner, to: RUC.trader, date: '2024-03-31' }),
  reversal({ id: 'r1', reverses: 't9', date: '2024-03-07' }),
];
const { state, errors } = applyEvents(context, emptyLedgerState(), rows(...events));

describe('mass balance of an actor', () => {
  it('applies cleanly', () => {
    expect(errors).toEqual([]);
  });

  it('adds opening, production and purchases, takes sales, exports and losses', () => {
    const trader = actorBalance(state, RUC.trader, '2024-03-01', '2024-03-31');
    expect(trader).toEqual({
      actor: RUC.trader,
      from: '2024-03-01',
      to: '2024-03-31',
      openingMg: 0n,
      producedMg: 0n,
      boughtMg: 130_000n, // 40 + 85 + 5 untracked
      soldMg: 0n,
      lossMg: 15_000n, // (125 + 25 untracked) × 0.1
      closingMg: 115_000n,
    });
    const april = actorBalance(state, RUC.trader, '2024-04-01', '2024-04-30');
    // the 135 g exported include 25 g the trader never declared buying: −20 g
    expect(april).toMatchObject({ openingMg: 115_000n, soldMg: 135_000n, closingMg: -20_000n });
  });

  it('includes both ends of the period and counts reversed events nowhere', () => {
    const miner = actorBalance(state, RUC.miner, '2024-02-20', '2024-03-05');
    expect(miner).toMatchObject({ openingMg: 0n, producedMg: 90_000n, soldMg: 40_000n, closingMg: 50_000n });
    expect(actorBalance(state, RUC.miner, '2024-03-06', '2024-03-31')).toMatchObject({ openingMg: 50_000n, soldMg: 5_000n, closingMg: 45_000n });
    expect(actorBalance(state, RUC.plant, '2024-01-01', '2024-12-31').boughtMg).toBe(0n);
  });

  it('prints the balance contract in grams', () => {
    const json = balanceToJson(actorBalance(state, RUC.trader, '2024-04-01', '2024-04-30'), []);
    expect(balanceSchema.parse(json)).toEqual(json);
    expect(json).toMatchObject({ openingFineGrams: 115, soldFineGrams: 135, closingFineGrams: -20, flags: [] });
  });

  it('tracks day-end stock per actor', () => {
    expect(
      dailyStock(state)
        .get(RUC.trader)
        ?.map((d) => [d.date, d.closingMg]),
    ).toEqual([
      ['2024-03-05', 40_000n],
      ['2024-03-06', 125_000n],
      ['2024-03-10', 110_000n],
      ['2024-03-31', 115_000n],
      ['2024-04-02', -20_000n],
    ]);
  });
});

describe('national production vs exports', () => {
  it('compares production per year and region with exports by region of origin', () => {
    const regions = new Map([
      [SITE.a, '21'],
      [SITE.b, '04'],
    ]);
    expect(nationalProductionVsExports(state, regions)).toEqual([
      { year: 2024, region: '04', producedMg: 85_000n, exportedMg: 76_500n },
      { year: 2024, region: '21', producedMg: 90_000n, exportedMg: 36_000n },
      { year: 2024, region: null, producedMg: 0n, exportedMg: 22_500n },
    ]);
    expect(nationalProductionVsExports(state, regions, '2024-04-01', '2024-12-31').map((r) => r.producedMg)).toEqual([0n, 0n, 0n]);
  });
});
