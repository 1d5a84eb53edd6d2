import { describe, expect, it } from 'vitest';
import { applyEvents, importLedger } from './ledger.domain.ts';
import { RUC, buildContext, exporting, jsonl, processing, produce, rows, transfer } from './ledger.factories.ts';
import type { LedgerEvent } from './ledger.schema.ts';
import { emptyLedgerState } from './ledger.state.ts';

const context = buildContext();

function errorsOf(...events: LedgerEvent[]): string[] {
  return applyEvents(context, emptyLedgerState(), rows(...events)).errors.map((e) => `${e.row} ${e.id} ${e.field}: ${e.message}`);
}

const WHY = (row: number) => ` (the event creating it on row ${row} was rejected)`;

describe('lots that a rejected event would have created', () => {
  it('names the rejected split whose new lot a later event uses', () => {
    const overdrawn = transfer({ fineGrams: 999, newLot: 'L1b' });
    const onNewLot = transfer({ id: 't2', lot: 'L1b', from: RUC.trader, to: RUC.refinery, date: '2024-03-06' });
    expect(errorsOf(produce(), overdrawn, onNewLot).at(-1)).toBe(`3 t2 lot: unknown lot L1b${WHY(2)}`);
  });

  it('names the rejected process whose output a later event uses', () => {
    const rejected = processing({ actor: RUC.trader }); // the trader does not hold L1
    const onOutput = transfer({ id: 't2', lot: 'D1', from: RUC.trader, to: RUC.refinery, date: '2024-03-11' });
    expect(errorsOf(produce(), rejected, onOutput).at(-1)).toBe(`3 t2 lot: unknown lot D1${WHY(2)}`);
  });

  it('does not blame a rejected event for a lot it only used', () => {
    // the first transfer fails on a lot nobody created: the lot is unknown, not "rejected"
    const first = transfer({ lot: 'L7' });
    const second = transfer({ id: 't2', lot: 'L7', date: '2024-03-06' });
    expect(errorsOf(first, second)).toEqual(['1 t1 lot: unknown lot L7', '2 t2 lot: unknown lot L7']);
    // a rejected whole transfer (no new lot) or export creates nothing either
    const exported = exporting({ lot: 'L8' });
    expect(errorsOf(exported, transfer({ id: 't2', lot: 'L8', from: RUC.trader, to: RUC.refinery, date: '2024-03-21' }))).toEqual([
      '1 e1 lot: unknown lot L8',
      '2 t2 lot: unknown lot L8',
    ]);
  });
});

describe('importing a file with lines that do not parse', () => {
  it('reports the errors of the file in row order, parse errors and rule errors mixed', () => {
    const lines = [
      JSON.stringify(transfer({ lot: 'L7' })), // row 1: rule error (unknown lot)
      '{"id":"z","type":"produce"', // row 2: does not parse
      JSON.stringify(transfer({ id: 't2', lot: 'L8' })), // row 3: rule error
      'not json', // row 4: does not parse
    ];
    const { state, summary } = importLedger(context, emptyLedgerState(), `${lines.join('\n')}\n`);
    expect(state.lots.size).toBe(0);
    expect(summary.rejected).toBe(4);
    expect(summary.errors.map((e) => e.row)).toEqual([1, 2, 3, 4]);
    expect(summary.errors.map((e) => e.id)).toEqual(['t1', '', 't2', '']);
  });

  it('imports a file whose lines all parse like the events themselves', () => {
    const text = jsonl(produce(), transfer());
    expect(importLedger(context, emptyLedgerState(), text).summary).toEqual({ inserted: 2, unchanged: 0, rejected: 0, errors: [] });
  });
});
