import { describe, expect, it } from 'vitest';
import { flagsResultSchema } from '../ledger/ledger-contract.schema.ts';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { RUC, SITE, buildActor, buildContext, buildSite, exporting, processing, produce, reversal, rows, transfer } from '../ledger/ledger.factories.ts';
import type { LedgerEvent } from '../ledger/ledger.schema.ts';
import { emptyLedgerState, type LedgerContext } from '../ledger/ledger.state.ts';
import { FLAG_THRESHOLDS, computeFlags, flagsBetween, flagsOfActor, type FlagCode, type FlagThresholds } from './flags.domain.ts';

function flagsOf(events: LedgerEvent[], context: LedgerContext = buildContext(), thresholds: FlagThresholds = FLAG_THRESHOLDS) {
  const { state, errors } = applyEvents(context, emptyLedgerState(), rows(...events));
  expect(errors).toEqual([]);
  const flags = computeFlags(context, state, thresholds);
  expect(flagsResultSchema.parse({ flags })).toEqual({ flags });
  return flags;
}

function codes(events: LedgerEvent[], context?: LedgerContext, thresholds?: FlagThresholds): string[] {
  return flagsOf(events, context, thresholds).map((f) => `${f.code} ${f.eventIds.join(',')}`);
}

function only(code: FlagCode, events: LedgerEvent[], context?: LedgerContext, thresholds?: FlagThresholds): string[] {
  return flagsOf(events, context, thresholds)
    .filter((f) => f.code === code)
    .map((f) => `${f.date} ${f.actor} ${f.lot ?? '-'} ${f.eventIds.join(',')}`);
}

describe('flags of one event', () => {
  it('raises nothing on a clean chain', () => {
    expect(codes([produce(), transfer(), processing({ date: '2024-03-10' }), exporting()])).toEqual([]);
  });

  it('SELLER_NOT_VIGENTE: a producer selling while suspended, unless formalized', () => {
    const suspended = buildContext({
      actors: [
        buildActor({
          ruc: RUC.miner,
          reinfo: [
            { status: 'vigente', since: '2020-01-01' },
            { status: 'suspendido', since: '2024-03-03' },
          ],
        }),
      ],
    });
    expect(only('SELLER_NOT_VIGENTE', [produce(), transfer()], suspended)).toEqual([`2024-03-05 ${RUC.miner} L1 t1`]);
    expect(flagsOf([produce(), transfer()], suspended)[0]?.message).toBe(`seller ${RUC.miner} is suspendido in REINFO on 2024-03-05`);
    expect(only('SELLER_NOT_VIGENTE', [produce(), transfer({ date: '2024-03-02' })], suspended)).toEqual([]);
    expect(only('SELLER_NOT_VIGENTE', [produce(), exporting({ from: RUC.miner, lot: 'L1' })], suspended)).toHaveLength(1);
    const formal = buildContext({ actors: [buildActor({ ruc: RUC.miner, reinfo: [], formalizedFrom: '2023-01-01' })] });
    expect(only('SELLER_NOT_VIGENTE', [produce(), transfer()], formal)).toEqual([]);
    const never = buildContext({ actors: [buildActor({ ruc: RUC.miner, reinfo: [] })] });
    expect(flagsOf([produce(), transfer()], never)[0]?.message).toContain('is not inscribed in REINFO');
  });

  it('BUYER_NOT_REGISTERED: a trader without valid RECPO, or anyone buying from a producer', () => {
    const expired = buildContext({ actors: [buildActor({ ruc: RUC.trader, kind: 'trader', recpo: [{ from: '2020-01-01', to: '2024-02-29' }] })] });
    expect(only('BUYER_NOT_REGISTERED', [produce(), transfer()], expired)).toEqual([`2024-03-05 ${RUC.trader} L1 t1`]);
    expect(only('BUYER_NOT_REGISTERED', [produce(), transfer({ to: RUC.jeweler })])).toEqual([`2024-03-05 ${RUC.jeweler} L1 t1`]);
    const refined = [produce(), transfer({ to: RUC.refinery }), transfer({ id: 't2', from: RUC.refinery, to: RUC.jeweler, date: '2024-03-30' })];
    expect(only('BUYER_NOT_REGISTERED', refined)).toEqual([]);
  });

  it('GRADE_IMPLAUSIBLE: ore grade or fineness outside the material range', () => {
    expect(only('GRADE_IMPLAUSIBLE', [produce({ material: 'ore', tonnes: 1, gradeGpt: 250 })])).toEqual([`2024-03-01 ${RUC.miner} L1 p1`]);
    expect(only('GRADE_IMPLAUSIBLE', [produce({ material: 'ore', tonnes: 1, gradeGpt: 100 })])).toEqual([]);
    expect(only('GRADE_IMPLAUSIBLE', [produce({ fineness: 0.99 })])).toHaveLength(1);
    expect(only('GRADE_IMPLAUSIBLE', [produce({ material: 'fine_gold', fineness: 0.9999 })])).toEqual([]);
    const output = processing({ actor: RUC.miner, output: { lot: 'D1', material: 'dore', fineness: 0.3 } });
    expect(only('GRADE_IMPLAUSIBLE', [produce(), output])).toEqual([`2024-03-10 ${RUC.miner} D1 x1`]);
  });

  it('SITE_MISMATCH: production at a right the producer neither holds nor is inscribed on', () => {
    expect(only('SITE_MISMATCH', [produce({ actor: RUC.miner2, site: SITE.a })])).toEqual([`2024-03-01 ${RUC.miner2} L1 p1`]);
    expect(only('SITE_MISMATCH', [produce({ actor: RUC.miner2, site: SITE.c })])).toEqual([]);
    const beneficio = buildContext({ sites: [buildSite({ code: 'B1', inscriptions: [{ actor: RUC.miner, activity: 'beneficio' }] })] });
    expect(only('SITE_MISMATCH', [produce({ site: 'B1' })], beneficio)).toHaveLength(1);
  });

  it('REGION_MISMATCH: the front lies outside the right’s department', () => {
    const far = buildContext({ sites: [buildSite({ code: 'F1', department: '21', inscriptions: [{ actor: RUC.miner, frontDepartment: '17' }] })] });
    expect(only('REGION_MISMATCH', [produce({ site: 'F1' })], far)).toEqual([`2024-03-01 ${RUC.miner} L1 p1`]);
    expect(only('REGION_MISMATCH', [produce()])).toEqual([]);
  });

  it('CERTIFIED_CLAIM_UNCERTIFIED: a claim on uncertified, mixed or untracked gold, naming what broke it', () => {
    const certified = buildContext({ certificates: [{ organization: RUC.miner, scheme: 'FAIRMINED', from: '2024-01-01', to: null }] });
    const mixed = [
      produce(),
      produce({ id: 'p2', lot: 'L2', actor: RUC.miner2, site: SITE.b }),
      transfer(),
      transfer({ id: 't2', lot: 'L2', from: RUC.miner2 }),
      processing({ inputs: ['L1', 'L2'], untrackedFineGrams: 50 }),
      transfer({ id: 't3', lot: 'D1', from: RUC.trader, to: RUC.refinery, claim: 'FAIRMINED', date: '2024-03-20' }),
    ];
    expect(only('CERTIFIED_CLAIM_UNCERTIFIED', mixed, certified)).toEqual([`2024-03-20 ${RUC.trader} D1 t3,x1,p2`]);
    expect(only('CERTIFIED_CLAIM_UNCERTIFIED', [produce(), transfer({ claim: 'FAIRMINED' })], certified)).toEqual([]);
    expect(only('CERTIFIED_CLAIM_UNCERTIFIED', [produce(), transfer({ claim: 'FAIRMINED_ECOLOGICAL' })], certified)).toHaveLength(1);
    expect(only('CERTIFIED_CLAIM_UNCERTIFIED', [transfer({ lot: undefined, fineGrams: 5, claim: 'FAIRMINED' })])).toEqual([`2024-03-05 ${RUC.miner} - t1`]);
  });
});

describe('flags over many events', () => {
  const ore = (id: string, date: string, tonnes: number) => produce({ id, lot: id, date, material: 'ore', tonnes, gradeGpt: 10 });

  it('CAPACITY_EXCEEDED: a month of a PMA above 25 t/day × days, dated when passed', () => {
    expect(only('CAPACITY_EXCEEDED', [ore('a', '2024-03-01', 500), ore('b', '2024-03-20', 300), ore('c', '2024-04-01', 300)])).toEqual([
      `2024-03-20 ${RUC.miner} - a,b`,
    ]);
    expect(only('CAPACITY_EXCEEDED', [ore('a', '2024-03-01', 500), ore('b', '2024-03-20', 275)])).toEqual([]);
    const ppm = buildContext({ actors: [buildActor({ ruc: RUC.miner, stratum: 'PPM' })] });
    expect(only('CAPACITY_EXCEEDED', [ore('a', '2024-03-01', 800)], ppm)).toEqual([]);
    // 80 kg of fine gold as doré needs at least 800 t of ore at the highest plausible grade (100 g/t)
    expect(only('CAPACITY_EXCEEDED', [produce({ grams: 100_000, fineness: 0.8 })])).toHaveLength(1);
  });

  it('PLANT_CAPACITY_EXCEEDED: ore processed by a plant above its t/day × days', () => {
    const events = [ore('a', '2024-03-01', 700), ore('b', '2024-03-01', 900)].flatMap((p) => [
      p,
      transfer({ id: `t${p.id}`, lot: p.lot, to: RUC.plant, date: '2024-03-02' }),
    ]);
    const plant = (id: string, input: string) => processing({ id, actor: RUC.plant, inputs: [input], output: { lot: `${id}-out`, material: 'dore' } });
    expect(only('PLANT_CAPACITY_EXCEEDED', [...events, plant('x1', 'a'), plant('x2', 'b')])).toEqual([`2024-03-10 ${RUC.plant} - x1,x2`]);
    expect(only('PLANT_CAPACITY_EXCEEDED', [...events, plant('x1', 'a')])).toEqual([]);
  });

  it('NEGATIVE_BALANCE: selling more than produced and bought, beyond the tolerance', () => {
    const oversold = [produce(), transfer(), transfer({ id: 't2', lot: undefined, from: RUC.trader, to: RUC.refinery, fineGrams: 86.5, date: '2024-03-06' })];
    expect(only('NEGATIVE_BALANCE', oversold)).toEqual([`2024-03-06 ${RUC.trader} - t2`]);
    const withinTolerance = [
      produce(),
      transfer(),
      transfer({ id: 't2', lot: undefined, from: RUC.trader, to: RUC.refinery, fineGrams: 85.9, date: '2024-03-06' }),
    ];
    expect(only('NEGATIVE_BALANCE', withinTolerance)).toEqual([]);
  });

  it('FAST_RESALE: resold within the window after buying, exports excluded', () => {
    const resale = (date: string) => transfer({ id: 't2', lot: 'L1', from: RUC.trader, to: RUC.refinery, date });
    expect(only('FAST_RESALE', [produce(), transfer(), resale('2024-03-08')])).toEqual([`2024-03-08 ${RUC.trader} L1 t1,t2`]);
    expect(only('FAST_RESALE', [produce(), transfer(), resale('2024-03-09')])).toEqual([]);
    const split = transfer({ id: 't2', lot: 'L1', from: RUC.trader, to: RUC.refinery, fineGrams: 10, newLot: 'L1x', date: '2024-03-06' });
    expect(only('FAST_RESALE', [produce(), transfer(), split])).toEqual([`2024-03-06 ${RUC.trader} L1x t1,t2`]);
    expect(only('FAST_RESALE', [produce(), transfer(), exporting({ lot: 'L1', date: '2024-03-05' })])).toEqual([]);
    expect(only('FAST_RESALE', [produce(), transfer(), resale('2024-03-08')], undefined, { ...FLAG_THRESHOLDS, fastResaleDays: 2 })).toEqual([]);
  });
});

describe('selecting flags', () => {
  const suspended = buildContext({ actors: [buildActor({ ruc: RUC.miner, reinfo: [{ status: 'excluido', since: '2024-01-01' }] })] });

  it('raises nothing for reversed events', () => {
    expect(codes([produce(), transfer(), reversal()], suspended)).toEqual([]);
  });

  it('filters by period (inclusive) and actor, sorted by date then code', () => {
    const flags = flagsOf(
      [
        produce({ actor: RUC.miner2 }),
        transfer({ from: RUC.miner2, to: RUC.jeweler }),
        transfer({ id: 't2', lot: undefined, fineGrams: 1, date: '2024-03-09' }),
      ],
      suspended,
    );
    expect(flags.map((f) => `${f.date} ${f.code}`)).toEqual(['2024-03-01 SITE_MISMATCH', '2024-03-05 BUYER_NOT_REGISTERED', '2024-03-09 SELLER_NOT_VIGENTE']);
    expect(flagsBetween(flags, '2024-03-05', '2024-03-09')).toHaveLength(2);
    expect(flagsBetween(flags, '2024-03-02', '2024-03-08')).toHaveLength(1);
    expect(flagsOfActor(flags, RUC.miner, '2024-03-01', '2024-03-31').map((f) => f.code)).toEqual(['SELLER_NOT_VIGENTE']);
  });
});
