import { describe, expect, it } from 'vitest';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { RUC, buildContext, produce, reversal, rows, transfer } from '../ledger/ledger.factories.ts';
import { emptyLedgerState } from '../ledger/ledger.state.ts';
import { makeFlag, type FlagCode } from './flag-model.domain.ts';
import { FLAG_THRESHOLDS, compareFlags, computeFlags, singleEventFlags } from './flags.domain.ts';

const flag = (date: string, code: FlagCode, actor: string, eventIds: string[]) => makeFlag(code, { date, actor, lot: null, eventIds, message: 'm' });
const order = (a: ReturnType<typeof flag>, b: ReturnType<typeof flag>): number => Math.sign(compareFlags(a, b));

describe('compareFlags: date, then code, then actor, then first event id', () => {
  it('orders by date before anything else', () => {
    const early = flag('2024-03-01', 'SITE_MISMATCH', RUC.trader, ['z9']);
    const late = flag('2024-03-02', 'BUYER_NOT_REGISTERED', RUC.miner, ['a1']);
    expect(order(early, late)).toBe(-1);
    expect(order(late, early)).toBe(1);
  });

  it('on the same date orders by code, then by actor', () => {
    const buyer = flag('2024-03-01', 'BUYER_NOT_REGISTERED', RUC.trader, ['z9']);
    const site = flag('2024-03-01', 'SITE_MISMATCH', RUC.miner, ['a1']);
    expect(order(buyer, site)).toBe(-1);
    expect(order(site, buyer)).toBe(1);
    const miner = flag('2024-03-01', 'SITE_MISMATCH', RUC.miner, ['z9']);
    const miner2 = flag('2024-03-01', 'SITE_MISMATCH', RUC.miner2, ['a1']);
    expect(order(miner, miner2)).toBe(-1);
    expect(order(miner2, miner)).toBe(1);
  });

  it('then by the first event id, a flag without events first, and equal flags compare equal', () => {
    const e1 = flag('2024-03-01', 'FAST_RESALE', RUC.trader, ['E1', 'Z9']);
    const e2 = flag('2024-03-01', 'FAST_RESALE', RUC.trader, ['E2', 'A0']);
    expect(order(e1, e2)).toBe(-1);
    expect(order(e2, e1)).toBe(1);
    const none = flag('2024-03-01', 'FAST_RESALE', RUC.trader, []);
    expect(order(none, e1)).toBe(-1);
    expect(order(e1, none)).toBe(1);
    expect(order(none, flag('2024-03-01', 'FAST_RESALE', RUC.trader, []))).toBe(0);
    expect(order(e1, flag('2024-03-01', 'FAST_RESALE', RUC.trader, ['E1']))).toBe(0);
  });
});

describe('computeFlags and singleEventFlags', () => {
  const context = buildContext();

  it('returns the flags of single events and of aggregates in one date order', () => {
    const events = [
      produce(),
      transfer(),
      transfer({ id: 't2', lot: 'L1', from: RUC.trader, to: RUC.refinery, date: '2024-03-06' }), // fast resale, an aggregate rule, on 03-06
      produce({ id: 'p2', lot: 'L2', fineness: 0.99, date: '2024-03-20' }), // implausible doré fineness, a single-event rule, on 03-20
    ];
    const { state, errors } = applyEvents(context, emptyLedgerState(), rows(...events));
    expect(errors).toEqual([]);
    const flags = computeFlags(context, state);
    expect(flags.map((f) => `${f.date} ${f.code}`)).toEqual(['2024-03-06 FAST_RESALE', '2024-03-20 GRADE_IMPLAUSIBLE']);
  });

  it('raises nothing for a reversal entry itself', () => {
    const { state, errors } = applyEvents(context, emptyLedgerState(), rows(produce(), transfer(), reversal()));
    expect(errors).toEqual([]);
    const entry = state.entries.get('r1');
    expect(entry?.type).toBe('reverse');
    expect(singleEventFlags(context, FLAG_THRESHOLDS, state, entry!)).toEqual([]);
  });
});
