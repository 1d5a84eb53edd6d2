import { describe, expect, it } from 'vitest';
import { applyEvents, importLedger } from './ledger.domain.ts';
import { RUC, SITE, buildContext, exporting, jsonl, processing, produce, reversal, rows, transfer } from './ledger.factories.ts';
import type { LedgerEvent } from './ledger.schema.ts';
import { emptyLedgerState, type LedgerState } from './ledger.state.ts';

const context = buildContext();

function run(...events: LedgerEvent[]) {
  return applyEvents(context, emptyLedgerState(), rows(...events));
}

function after(state: LedgerState, ...events: LedgerEvent[]) {
  return applyEvents(context, state, rows(...events));
}

function errorsOf(result: ReturnType<typeof run>): string[] {
  return result.errors.map((e) => `${e.row} ${e.id} ${e.field}: ${e.message}`);
}

function lotOf(state: LedgerState, id: string) {
  const lot = state.lots.get(id);
  if (!lot) throw new Error(`no lot ${id}`);
  return lot;
}

/** The example chain: ore and doré produced, part sold, merged at 90 %, exported. */
const chain = [
  produce({ id: 'p1', lot: 'L1', material: 'ore', tonnes: 10, gradeGpt: 8 }),
  produce({ id: 'p2', lot: 'L2', date: '2024-03-02', site: SITE.a, grams: 100, fineness: 0.85 }),
  transfer({ id: 't1', lot: 'L1', fineGrams: 40, newLot: 'L1b', priceUsd: 2400 }),
  transfer({ id: 't2', lot: undefined, fineGrams: 25, date: '2024-03-06' }),
  transfer({ id: 't3', lot: 'L2', date: '2024-03-06' }),
  processing({ id: 'x1', inputs: ['L1b', 'L2'], recovery: 0.9 }),
  exporting({ id: 'e1', lot: 'D1' }),
];

describe('applying the example chain', () => {
  const result = run(...chain);

  it('inserts every event', () => {
    expect(result).toMatchObject({ inserted: 7, unchanged: 0, rejected: 0, errors: [] });
  });

  it('splits, transfers, merges and exports lots with exact milligrams', () => {
    const { state } = result;
    expect(lotOf(state, 'L1')).toMatchObject({ holder: RUC.miner, fineMg: 40_000n, status: 'open', oreKg: 5_000n });
    expect(lotOf(state, 'L1b')).toMatchObject({ fineMg: 40_000n, parents: ['L1'], status: 'consumed', oreKg: 5_000n });
    expect(lotOf(state, 'L2')).toMatchObject({ holder: RUC.trader, fineMg: 85_000n, status: 'consumed' });
    expect(lotOf(state, 'D1')).toMatchObject({ holder: RUC.trader, fineMg: 112_500n, status: 'exported', parents: ['L1b', 'L2'] });
    expect(state.entries.get('x1')).toMatchObject({ inputMg: 125_000n, fineMg: 112_500n, lossMg: 12_500n, inputOreKg: 5_000n });
    expect(state.entries.get('t2')).toMatchObject({ fineMg: 25_000n, heldLot: null });
  });

  it('re-applying the same events changes nothing', () => {
    const again = after(result.state, ...chain);
    expect(again).toMatchObject({ inserted: 0, unchanged: 7, rejected: 0, errors: [] });
    expect(again.state).toEqual(result.state);
  });
});

describe('rejecting a batch', () => {
  const base = run(produce()).state;

  it('rejects unknown actors and sites', () => {
    expect(errorsOf(run(produce({ actor: RUC.stranger, site: 'NOPE' })))).toEqual([
      `1 p1 actor: unknown actor ${RUC.stranger}`,
      '1 p1 site: unknown site NOPE',
    ]);
    expect(errorsOf(after(base, transfer({ to: RUC.stranger })))).toEqual([`1 t1 to: unknown actor ${RUC.stranger}`]);
  });

  it('rejects an overdraw', () => {
    expect(errorsOf(after(base, transfer({ fineGrams: 85.001, newLot: 'L1b' })))).toEqual(['1 t1 fineGrams: overdraws lot L1: 85.001 g > 85 g held']);
  });

  it('rejects a lot held by someone else', () => {
    expect(errorsOf(after(base, transfer({ from: RUC.miner2 })))).toEqual([`1 t1 lot: lot L1 is held by ${RUC.miner}, not ${RUC.miner2}`]);
    expect(errorsOf(after(base, processing({ actor: RUC.trader })))).toEqual([`1 x1 inputs.0: lot L1 is held by ${RUC.miner}, not ${RUC.trader}`]);
    expect(errorsOf(after(base, exporting({ from: RUC.trader, lot: 'L1' })))).toEqual([`1 e1 lot: lot L1 is held by ${RUC.miner}, not ${RUC.trader}`]);
  });

  it('rejects a partial transfer without newLot', () => {
    expect(errorsOf(after(base, transfer({ fineGrams: 40 })))).toEqual(['1 t1 newLot: is required for a partial transfer (40 g of 85 g)']);
  });

  it('rejects a lot id that already exists, void ones included', () => {
    expect(errorsOf(after(base, produce({ id: 'p2' })))).toEqual(['1 p2 lot: lot L1 already exists (created by p1)']);
    expect(errorsOf(after(base, transfer({ fineGrams: 1, newLot: 'L9' }), produce({ id: 'p3', lot: 'L9' })))).toEqual([
      '2 p3 lot: lot L9 already exists (created by t1)',
    ]);
    expect(errorsOf(after(base, processing({ actor: RUC.miner, output: { lot: 'L1', material: 'dore' } })))).toEqual([
      '1 x1 output.lot: lot L1 already exists (created by p1)',
    ]);
    const voided = after(base, reversal({ reverses: 'p1' })).state;
    expect(errorsOf(after(voided, produce({ id: 'p2' })))).toEqual(['1 p2 lot: lot L1 already exists (created by p1)']);
  });

  it('rejects an id reused with different content, and skips one with the same content', () => {
    expect(errorsOf(after(base, produce({ grams: 101 })))).toEqual(['1 p1 id: id p1 is already used by a different event']);
    expect(after(base, produce())).toMatchObject({ inserted: 0, unchanged: 1, errors: [] });
    expect(run(produce(), produce())).toMatchObject({ inserted: 1, unchanged: 1, errors: [] });
    expect(errorsOf(run(produce(), produce({ lot: 'L2' })))).toEqual(['2 p1 id: id p1 is already used by a different event']);
  });

  it('rejects events on closed lots', () => {
    const consumed = after(base, processing({ actor: RUC.miner })).state;
    expect(errorsOf(after(consumed, transfer()))).toEqual(['1 t1 lot: lot L1 is consumed (event x1)']);
    const exported = after(base, exporting({ from: RUC.miner, lot: 'L1' })).state;
    expect(errorsOf(after(exported, exporting({ id: 'e2', from: RUC.miner, lot: 'L1' })))).toEqual(['1 e2 lot: lot L1 is exported (event e1)']);
    expect(errorsOf(after(base, transfer({ newLot: 'L1b' }), transfer({ id: 't2', to: RUC.plant })))).toEqual(['2 t2 lot: lot L1 is depleted (event t1)']);
    expect(errorsOf(after(base, transfer({ lot: 'L7' })))).toEqual(['1 t1 lot: unknown lot L7']);
  });

  it('rejects an event dated before the last event of its lot', () => {
    expect(errorsOf(after(base, transfer({ date: '2024-02-28' })))).toEqual(['1 t1 date: is before the last event on lot L1 (2024-03-01)']);
  });

  it('says when a lot is unknown because the event creating it was rejected', () => {
    expect(errorsOf(run(produce({ site: 'NOPE' }), transfer()))).toEqual([
      '1 p1 site: unknown site NOPE',
      '2 t1 lot: unknown lot L1 (the event creating it on row 1 was rejected)',
    ]);
  });

  it('returns the given state untouched and counts every event as rejected', () => {
    const result = after(base, produce({ id: 'p2', lot: 'L2' }), transfer({ fineGrams: 999, newLot: 'L1b' }), produce({ id: 'p3', lot: 'L3' }));
    expect(result).toMatchObject({ inserted: 0, unchanged: 0, rejected: 3 });
    expect(result.state).toBe(base);
    expect([...base.lots.keys()]).toEqual(['L1']);
  });
});

describe('reversing', () => {
  it('cancels a production, voiding its lot', () => {
    const { state, errors } = run(produce(), reversal({ reverses: 'p1' }));
    expect(errors).toEqual([]);
    expect(lotOf(state, 'L1')).toMatchObject({ status: 'void', history: [] });
    expect(state.entries.get('p1')?.reversedBy).toBe('r1');
  });

  it('restores a split exactly, and a whole transfer to its seller', () => {
    const before = run(produce(), transfer({ fineGrams: 40, newLot: 'L1b' })).state;
    const split = after(before, reversal()).state;
    expect(lotOf(split, 'L1')).toMatchObject({ fineMg: 85_000n, status: 'open', history: ['p1'], holder: RUC.miner });
    expect(lotOf(split, 'L1').origin).toEqual(lotOf(run(produce()).state, 'L1').origin);
    expect(lotOf(split, 'L1b').status).toBe('void');
    const whole = run(produce(), transfer(), reversal()).state;
    expect(lotOf(whole, 'L1')).toMatchObject({ holder: RUC.miner, history: ['p1'] });
    const renamed = run(produce(), transfer({ newLot: 'L1b' }), reversal()).state;
    expect(lotOf(renamed, 'L1')).toMatchObject({ status: 'open', fineMg: 85_000n });
  });

  it('reopens the inputs of a reversed process and the lot of a reversed export', () => {
    const processed = run(produce(), processing({ actor: RUC.miner }), reversal({ reverses: 'x1' })).state;
    expect(lotOf(processed, 'L1').status).toBe('open');
    expect(lotOf(processed, 'D1').status).toBe('void');
    const exported = run(produce(), exporting({ from: RUC.miner, lot: 'L1' }), reversal({ reverses: 'e1' })).state;
    expect(lotOf(exported, 'L1')).toMatchObject({ status: 'open', history: ['p1'] });
  });

  it('refuses when something downstream depends on the event', () => {
    expect(errorsOf(run(produce(), transfer(), reversal({ reverses: 'p1' })))).toEqual(['3 r1 reverses: event t1 on lot L1 depends on p1']);
    expect(
      errorsOf(run(produce(), transfer({ fineGrams: 40, newLot: 'L1b' }), transfer({ id: 't2', lot: 'L1b', from: RUC.trader, to: RUC.plant }), reversal())),
    ).toEqual(['4 r1 reverses: event t2 on lot L1b depends on t1']);
  });

  it('refuses unknown, already reversed and reversal targets, and earlier dates', () => {
    expect(errorsOf(run(produce(), reversal({ reverses: 'zz' })))).toEqual(['2 r1 reverses: unknown event zz']);
    expect(errorsOf(run(produce(), reversal({ reverses: 'p1' }), reversal({ id: 'r2', reverses: 'p1' })))).toEqual([
      '3 r2 reverses: p1 was already reversed by r1',
    ]);
    expect(errorsOf(run(produce(), reversal({ reverses: 'p1' }), reversal({ id: 'r2', reverses: 'r1' })))).toEqual([
      '3 r2 reverses: r1 is a reversal; record the event again instead',
    ]);
    expect(errorsOf(run(produce(), reversal({ reverses: 'p1', date: '2024-02-01' })))).toEqual(["2 r1 date: is before the reversed event's date (2024-03-01)"]);
  });

  it('cancels an untracked sale, which no lot depends on', () => {
    const { state, errors } = run(transfer({ lot: undefined, fineGrams: 3 }), reversal());
    expect(errors).toEqual([]);
    expect(state.entries.get('t1')?.reversedBy).toBe('r1');
  });
});

describe('importing a file', () => {
  const text = jsonl(...chain);

  it('prints the import contract and is idempotent', () => {
    const first = importLedger(context, emptyLedgerState(), text);
    expect(first.summary).toEqual({ inserted: 7, unchanged: 0, rejected: 0, errors: [] });
    const second = importLedger(context, first.state, text);
    expect(second.summary).toEqual({ inserted: 0, unchanged: 7, rejected: 0, errors: [] });
    expect(second.state).toEqual(first.state);
  });

  it('rejects the whole file when a line does not parse, reporting other rows too', () => {
    const bad = `${text}{"id":"z","type":"produce"\n${JSON.stringify(transfer({ id: 't9', lot: 'L7' }))}\n`;
    const { state, summary } = importLedger(context, emptyLedgerState(), bad);
    expect(state.lots.size).toBe(0);
    expect(summary).toMatchObject({ inserted: 0, unchanged: 0, rejected: 9 });
    expect(summary.errors.map((e) => [e.row, e.id, e.field])).toEqual([
      [8, '', ''],
      [9, 't9', 'lot'],
    ]);
  });
});

describe('events built in code', () => {
  it('are validated like lines of a file', () => {
    const empty = { ...processing({ actor: RUC.miner }), inputs: [] };
    const lossy = { ...processing({ actor: RUC.miner }), recovery: 1.5 };
    const zero = { ...processing({ actor: RUC.miner }), recovery: 0 };
    expect(errorsOf(after(run(produce()).state, empty, lossy, zero))).toEqual([
      '1 x1 inputs: must list at least one input lot',
      '2 x1 recovery: must be at most 1',
      '3 x1 recovery: must be greater than 0',
    ]);
    expect(errorsOf(run({ ...transfer(), fineGrams: 40, newLot: 'L1' }))).toEqual(['1 t1 newLot: must differ from lot']);
  });
});

describe('whole transfers', () => {
  it('move the lot itself when fineGrams equals its content', () => {
    const { state, errors } = run(produce(), transfer({ fineGrams: 85 }));
    expect(errors).toEqual([]);
    expect(lotOf(state, 'L1')).toMatchObject({ holder: RUC.trader, fineMg: 85_000n, status: 'open', history: ['p1', 't1'] });
  });
});
