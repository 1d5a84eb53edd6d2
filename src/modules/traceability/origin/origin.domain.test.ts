import { describe, expect, it } from 'vitest';
import { makeFlag } from '../flags/flag-model.domain.ts';
import { traceSchema } from '../ledger/ledger-contract.schema.ts';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { RUC, SITE, buildContext, processing, produce, reversal, rows, transfer } from '../ledger/ledger.factories.ts';
import { emptyLedgerState } from '../ledger/ledger.state.ts';
import { lineage, mergeOrigins, splitOrigin, trace } from './origin.domain.ts';

const context = buildContext({
  certificates: [{ organization: RUC.miner, scheme: 'FAIRMINED', from: '2024-01-01', to: null }],
});

/** Two miners' gold and 25 g of unknown gold merged by a trader at 90 % recovery. */
const events = [
  produce({ id: 'p1', lot: 'L1', material: 'ore', tonnes: 10, gradeGpt: 8 }),
  produce({ id: 'p2', lot: 'L2', actor: RUC.miner2, site: SITE.b }),
  transfer({ id: 't1', lot: 'L1', fineGrams: 40, newLot: 'L1b' }),
  transfer({ id: 't2', lot: 'L2', from: RUC.miner2 }),
  processing({ id: 'x1', inputs: ['L1b', 'L2'], untrackedFineGrams: 25, recovery: 0.9 }),
  transfer({ id: 't3', lot: 'L1', from: RUC.miner, to: RUC.plant, date: '2024-03-12' }),
];
const { state, errors } = applyEvents(context, emptyLedgerState(), rows(...events));

describe('trace', () => {
  it('applies cleanly', () => {
    expect(errors).toEqual([]);
  });

  it('gives shares through a merge in proportion to fine gold, untracked gold as unknown', () => {
    const result = trace(state, 'D1');
    expect(traceSchema.parse(result)).toEqual(result);
    expect(result).toEqual({
      lot: 'D1',
      fineGrams: 135,
      origins: [
        { site: SITE.b, share: 85 / 150, fineGrams: 76.5 },
        { site: SITE.a, share: 40 / 150, fineGrams: 36 },
      ],
      unknownShare: 25 / 150,
      certified: false,
      flags: [],
    });
  });

  it('keeps origins unchanged through a split, and certification with them', () => {
    expect(trace(state, 'L1b')).toMatchObject({ fineGrams: 40, origins: [{ site: SITE.a, share: 1, fineGrams: 40 }], unknownShare: 0, certified: true });
  });

  it('traces a closed lot as it was when it closed; no trace for unknown or void lots', () => {
    expect(trace(state, 'L2')).toMatchObject({ fineGrams: 85, origins: [{ site: SITE.b, share: 1 }] });
    expect(trace(state, 'nope')).toBeNull();
    const voided = applyEvents(context, state, rows(reversal({ reverses: 'x1', actor: RUC.trader }))).state;
    expect(trace(voided, 'D1')).toBeNull();
  });

  it('shows the flags of the lineage only, not later events of an ancestor', () => {
    const flagOn = (id: string) => makeFlag('FAST_RESALE', { date: '2024-03-01', actor: RUC.miner, lot: null, eventIds: [id], message: id });
    const flags = ['p1', 't1', 't3', 'p2'].map(flagOn);
    expect(trace(state, 'D1', flags)?.flags.map((f) => f.message)).toEqual(['p1', 't1', 'p2']);
    expect(trace(state, 'L1', flags)?.flags.map((f) => f.message)).toEqual(['p1', 't1', 't3']);
    expect(lineage(state, 'D1')).toEqual(
      new Map([
        ['D1', ['x1']],
        ['L1b', ['t1', 'x1']],
        ['L1', ['p1', 't1']],
        ['L2', ['p2', 't2', 'x1']],
      ]),
    );
  });
});

describe('origin vectors', () => {
  const three = {
    sites: new Map([
      ['a', 1n],
      ['b', 1n],
      ['c', 1n],
    ]),
    unknownMg: 0n,
  };

  it('split into integer parts that add back to the whole', () => {
    const { part, rest } = splitOrigin(three, 2n);
    expect(part).toEqual({
      sites: new Map([
        ['a', 1n],
        ['b', 1n],
      ]),
      unknownMg: 0n,
    });
    expect(rest).toEqual({ sites: new Map([['c', 1n]]), unknownMg: 0n });
  });

  it('merge with unknown gold, apportioned over the output', () => {
    const merged = mergeOrigins([three, { sites: new Map([['a', 3n]]), unknownMg: 0n }], 2n, 7n);
    // weights a 4, b 1, c 1, unknown 2 of 8 → 3.5, 0.875, 0.875, 1.75 over 7 mg
    expect(merged).toEqual({
      sites: new Map([
        ['a', 3n],
        ['b', 1n],
        ['c', 1n],
      ]),
      unknownMg: 2n,
    });
  });
});

describe('exact rounding (golden values the SQL side must reproduce)', () => {
  it('apportions a lossy merge with dust inputs, then a split, to the milligram', () => {
    const dust = applyEvents(
      buildContext(),
      emptyLedgerState(),
      rows(
        produce({ id: 'a', lot: 'A', grams: 333.333, fineness: 1, material: 'fine_gold' }),
        produce({ id: 'b', lot: 'B', grams: 666.667, fineness: 1, material: 'fine_gold', actor: RUC.miner2, site: SITE.b }),
        produce({ id: 'c', lot: 'C', grams: 0.001, fineness: 1, material: 'fine_gold', actor: RUC.miner2, site: SITE.c }),
        transfer({ id: 'ta', lot: 'A' }),
        transfer({ id: 'tb', lot: 'B', from: RUC.miner2 }),
        transfer({ id: 'tc', lot: 'C', from: RUC.miner2 }),
        processing({ id: 'x', inputs: ['A', 'B', 'C'], untrackedFineGrams: 0.001, recovery: 0.333 }),
        transfer({ id: 'ts', lot: 'D1', from: RUC.trader, to: RUC.refinery, fineGrams: 123.457, newLot: 'S', date: '2024-03-11' }),
      ),
    );
    expect(dust.errors).toEqual([]);
    const lot = (id: string) => dust.state.lots.get(id);
    // (333333 + 666667 + 1 + 1) × 0.333 = 333000.666 → 333001 mg; 1000002 − 333001 lost
    expect(dust.state.entries.get('x')).toMatchObject({ fineMg: 333_001n, lossMg: 667_001n });
    expect(lot('D1')?.origin).toEqual({
      sites: new Map([
        [SITE.a, 69_848n],
        [SITE.b, 139_696n],
      ]),
      unknownMg: 0n,
    });
    expect(lot('S')?.origin).toEqual({
      sites: new Map([
        [SITE.a, 41_152n],
        [SITE.b, 82_305n],
      ]),
      unknownMg: 0n,
    });
  });
});
