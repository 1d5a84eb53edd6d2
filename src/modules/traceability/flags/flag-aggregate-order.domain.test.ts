import { describe, expect, it } from 'vitest';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { RUC, buildActor, buildContext, processing, produce, rows, transfer } from '../ledger/ledger.factories.ts';
import type { LedgerEvent } from '../ledger/ledger.schema.ts';
import { emptyLedgerState, type LedgerContext } from '../ledger/ledger.state.ts';
import { mgToGrams } from '../ledger/quantity.domain.ts';
import { capacityExceeded, fastResale, negativeBalance, plantCapacityExceeded } from './flag-aggregate-rules.domain.ts';
import { FLAG_THRESHOLDS, type FlagThresholds } from './flag-model.domain.ts';

function stateOf(context: LedgerContext, events: LedgerEvent[]) {
  const { state, errors } = applyEvents(context, emptyLedgerState(), rows(...events));
  expect(errors).toEqual([]);
  return state;
}

const ore = (id: string, date: string, tonnes: number) => produce({ id, lot: id, date, material: 'ore', tonnes, gradeGpt: 10 });

describe('CAPACITY_EXCEEDED over a month', () => {
  const context = buildContext();
  const flagsOf = (events: LedgerEvent[], thresholds: FlagThresholds = FLAG_THRESHOLDS, ctx: LedgerContext = context) =>
    capacityExceeded(ctx, thresholds, stateOf(ctx, events)).map((f) => ({ date: f.date, ids: f.eventIds.join(','), message: f.message }));

  it('adds the month up in date order, not in the order the events were recorded, and says why', () => {
    // recorded 15th, 1st, 20th; PMA March capacity: 25 t/day × 31 days = 775 t, passed on the 15th (400 + 400 t)
    const flags = flagsOf([ore('a', '2024-03-15', 400), ore('b', '2024-03-01', 400), ore('c', '2024-03-20', 1)]);
    expect(flags).toEqual([
      { date: '2024-03-15', ids: 'b,a,c', message: '801 t of ore (or ore equivalent) in 2024-03, above PMA capacity 25 t/day × 31 days = 775 t' },
    ]);
  });

  it('on the same date keeps the recording order', () => {
    expect(flagsOf([ore('a', '2024-03-01', 400), ore('b', '2024-03-01', 400)]).map((f) => f.ids)).toEqual(['a,b']);
    expect(flagsOf([ore('b', '2024-03-01', 400), ore('a', '2024-03-01', 400)]).map((f) => f.ids)).toEqual(['b,a']);
  });

  it('converts weighed gold to ore at the highest plausible grade given in the thresholds', () => {
    // 11 000 g of doré at 0.85 = 9 350 g fine; at 12.5 g/t that needs 748 t of ore, above February 2024's 25 × 29 = 725 t
    const dore = [produce({ grams: 11_000, fineness: 0.85, date: '2024-02-10' })];
    const lowGrade = { ...FLAG_THRESHOLDS, gradeRange: { ...FLAG_THRESHOLDS.gradeRange, ore: { min: 0.5, max: 12.5 } } };
    expect(flagsOf(dore, lowGrade)).toEqual([
      { date: '2024-02-10', ids: 'p1', message: '748 t of ore (or ore equivalent) in 2024-02, above PMA capacity 25 t/day × 29 days = 725 t' },
    ]);
    // at the default 100 g/t it is 93.5 t: no flag
    expect(flagsOf(dore)).toEqual([]);
  });

  it('raises nothing for a producer without a stratum with a capacity', () => {
    const big = [ore('a', '2024-03-01', 5000)];
    expect(flagsOf(big, FLAG_THRESHOLDS, buildContext({ actors: [buildActor({ ruc: RUC.miner, stratum: undefined })] }))).toEqual([]);
    expect(flagsOf(big, FLAG_THRESHOLDS, buildContext({ actors: [buildActor({ ruc: RUC.miner, stratum: 'none' })] }))).toEqual([]);
  });
});

describe('PLANT_CAPACITY_EXCEEDED', () => {
  const context = buildContext();

  it('counts only processes with ore among their inputs, and says why', () => {
    const events = [
      ...[ore('a', '2024-03-01', 700), ore('b', '2024-03-01', 900)].flatMap((p) => [
        p,
        transfer({ id: `t${p.id}`, lot: p.lot, to: RUC.plant, date: '2024-03-02' }),
      ]),
      produce({ id: 'd', lot: 'd', grams: 50, fineness: 0.9 }),
      transfer({ id: 'td', lot: 'd', to: RUC.plant, date: '2024-03-02' }),
      processing({ id: 'x1', actor: RUC.plant, inputs: ['a'], output: { lot: 'x1-out', material: 'dore' } }),
      processing({ id: 'x2', actor: RUC.plant, inputs: ['d'], output: { lot: 'x2-out', material: 'fine_gold' } }), // doré only: no ore
      processing({ id: 'x3', actor: RUC.plant, inputs: ['b'], output: { lot: 'x3-out', material: 'dore' } }),
    ];
    const flags = plantCapacityExceeded(context, stateOf(context, events));
    // 50 t/day × 31 days = 1 550 t; 700 + 900 = 1 600 t
    expect(flags.map((f) => [f.date, f.actor, f.eventIds.join(','), f.message])).toEqual([
      ['2024-03-10', RUC.plant, 'x1,x3', 'plant processed 1600 t of ore in 2024-03, above its capacity 50 t/day × 31 days = 1550 t'],
    ]);
  });
});

describe('NEGATIVE_BALANCE', () => {
  const context = buildContext();
  const sale = (id: string, date: string, fineGrams: number) => transfer({ id, lot: undefined, from: RUC.trader, to: RUC.refinery, fineGrams, date });

  it('flags a stock below the tolerance from the actor’s first day, once per episode, and says how much', () => {
    const events = [sale('s1', '2024-03-05', 5), produce({ date: '2024-03-06' }), transfer({ date: '2024-03-07' }), sale('s2', '2024-03-08', 200)];
    const flags = negativeBalance(FLAG_THRESHOLDS, stateOf(context, events)).filter((f) => f.actor === RUC.trader);
    expect(flags.map((f) => f.date)).toEqual(['2024-03-05', '2024-03-08']);
    // 85 g received on the 7th: −5 + 85 − 200 = −120 g on the 8th
    expect(flags.map((f) => f.message)).toEqual([
      `${RUC.trader} ends 2024-03-05 with ${mgToGrams(-5000n)} g of fine gold: sold more than it produced and bought`,
      `${RUC.trader} ends 2024-03-08 with ${mgToGrams(-120_000n)} g of fine gold: sold more than it produced and bought`,
    ]);
  });
});

describe('FAST_RESALE through a lot’s history', () => {
  const context = buildContext();
  const flagsOf = (events: LedgerEvent[]) =>
    fastResale(FLAG_THRESHOLDS, stateOf(context, events)).map((f) => ({
      date: f.date,
      actor: f.actor,
      lot: f.lot,
      ids: f.eventIds.join(','),
      message: f.message,
    }));

  it('finds a purchase that created the lot by a split', () => {
    const events = [
      produce(),
      transfer({ fineGrams: 40, newLot: 'L1b' }),
      transfer({ id: 't2', lot: 'L1b', from: RUC.trader, to: RUC.refinery, date: '2024-03-06' }),
    ];
    expect(flagsOf(events)).toEqual([
      { date: '2024-03-06', actor: RUC.trader, lot: 'L1b', ids: 't1,t2', message: `${RUC.trader} resold lot L1b 1 day(s) after buying it` },
    ]);
  });

  it('walks back past the buyer’s own partial sales to the purchase', () => {
    const events = [
      produce(),
      transfer(), // the trader buys L1 on the 5th
      transfer({ id: 't2', lot: 'L1', from: RUC.trader, to: RUC.refinery, fineGrams: 10, newLot: 'L1x', date: '2024-03-06' }),
      transfer({ id: 't3', lot: 'L1', from: RUC.trader, to: RUC.plant, date: '2024-03-07' }),
    ];
    expect(flagsOf(events).map((f) => `${f.date} ${f.lot} ${f.ids} ${f.message}`)).toEqual([
      `2024-03-06 L1x t1,t2 ${RUC.trader} resold lot L1 1 day(s) after buying it`,
      `2024-03-07 L1 t1,t3 ${RUC.trader} resold lot L1 2 day(s) after buying it`,
    ]);
  });
});
