import { describe, expect, it } from 'vitest';
import { RUC, SITE } from './ledger.factories.ts';
import { canonicalEventContent, parseLedgerFile, parseLedgerLine, producedFineMg, type LedgerEvent } from './ledger.schema.ts';

const A = RUC.miner;
const B = RUC.trader;

/** The issue's example lines, with real-looking RUCs and codes. */
export const ISSUE_EXAMPLE = [
  { id: 'p1', type: 'produce', date: '2024-03-01', actor: A, site: SITE.a, lot: 'L1', material: 'ore', tonnes: 10, gradeGpt: 8 },
  { id: 'p2', type: 'produce', date: '2024-03-02', actor: A, site: SITE.a, lot: 'L2', material: 'dore', grams: 100, fineness: 0.85 },
  { id: 't1', type: 'transfer', date: '2024-03-05', from: A, to: B, lot: 'L1', fineGrams: 40, newLot: 'L1b', priceUsd: 2400, claim: 'FAIRMINED' },
  { id: 't2', type: 'transfer', date: '2024-03-06', from: A, to: B, fineGrams: 25 },
];

function errorsOf(input: unknown): Array<{ field: string; message: string }> {
  const result = parseLedgerLine(JSON.stringify(input), 7);
  if (result.ok) return [];
  expect(result.errors.every((e) => e.row === 7)).toBe(true);
  return result.errors.map(({ field, message }) => ({ field, message }));
}

describe('parsing a ledger line', () => {
  it('accepts the issue example and computes fine gold', () => {
    const events = ISSUE_EXAMPLE.map((e, i) => parseLedgerLine(JSON.stringify(e), i + 1));
    expect(events.every((r) => r.ok)).toBe(true);
    const [ore, dore] = events.map((r) => (r.ok ? r.event : null));
    expect(ore?.type === 'produce' && producedFineMg(ore)).toBe(80_000n);
    expect(dore?.type === 'produce' && producedFineMg(dore)).toBe(85_000n);
  });

  it('applies the process defaults (no untracked gold, plain merge)', () => {
    const result = parseLedgerLine(
      JSON.stringify({ id: 'x', type: 'process', date: '2024-03-10', actor: B, inputs: ['L1'], output: { lot: 'D', material: 'dore' } }),
      1,
    );
    expect(result.ok && result.event.type === 'process' && [result.event.untrackedFineGrams, result.event.recovery]).toEqual([0, 1]);
  });

  it('names the field of every error', () => {
    const produce = ISSUE_EXAMPLE[0];
    expect(errorsOf({ ...produce, actor: undefined })).toEqual([{ field: 'actor', message: 'is required' }]);
    expect(errorsOf({ ...produce, actor: '123' })).toEqual([{ field: 'actor', message: 'must be a RUC of 11 digits' }]);
    expect(errorsOf({ ...produce, date: '2023-02-29' })).toEqual([{ field: 'date', message: 'must be a calendar date YYYY-MM-DD' }]);
    expect(errorsOf({ ...produce, tonnes: -1 })).toEqual([{ field: 'tonnes', message: 'must be greater than 0' }]);
    expect(errorsOf({ ...produce, tonnes: '10' })).toEqual([{ field: 'tonnes', message: 'must be a number' }]);
    expect(errorsOf({ ...produce, material: 'silver' })[0]?.field).toBe('material');
    expect(errorsOf({ ...produce, fineGram: 3 })).toEqual([{ field: 'fineGram', message: 'is not a field of this event' }]);
    expect(errorsOf({ ...produce, type: 'mint' })[0]?.field).toBe('type');
    expect(errorsOf({ ...produce, tonnes: 0.1 + 0.2 })[0]).toEqual({ field: 'tonnes', message: 'must have at most 15 significant digits' });
  });

  it('requires the quantities of the material and refuses the others', () => {
    const ore = ISSUE_EXAMPLE[0];
    expect(errorsOf({ ...ore, gradeGpt: undefined, grams: 5 })).toEqual([
      { field: 'gradeGpt', message: 'is required for material ore' },
      { field: 'grams', message: 'is not allowed for material ore' },
    ]);
    expect(errorsOf({ ...ISSUE_EXAMPLE[1], fineness: 1.2 })).toEqual([{ field: 'fineness', message: 'must be at most 1' }]);
    expect(errorsOf({ ...ore, tonnes: 0.0001, gradeGpt: 1 })).toEqual([{ field: 'tonnes', message: 'fine gold rounds to 0 mg' }]);
  });

  it('checks transfers across fields', () => {
    const untracked = ISSUE_EXAMPLE[3];
    expect(errorsOf({ ...untracked, fineGrams: undefined })).toEqual([{ field: 'fineGrams', message: 'is required for an untracked sale (no lot)' }]);
    expect(errorsOf({ ...untracked, newLot: 'X' })).toEqual([{ field: 'newLot', message: 'needs a lot to split' }]);
    expect(errorsOf({ ...untracked, to: A })).toEqual([{ field: 'to', message: 'must differ from from' }]);
    expect(errorsOf({ ...ISSUE_EXAMPLE[2], newLot: 'L1' })).toEqual([{ field: 'newLot', message: 'must differ from lot' }]);
    expect(errorsOf({ ...ISSUE_EXAMPLE[2], claim: 'GREEN' })[0]?.field).toBe('claim');
  });

  it('checks processes, exports and reversals', () => {
    const process = { id: 'x1', type: 'process', date: '2024-03-10', actor: B, inputs: ['L1b', 'L2'], output: { lot: 'D1', material: 'dore' } };
    expect(errorsOf({ ...process, inputs: [] })).toEqual([{ field: 'inputs', message: 'must list at least one input lot' }]);
    expect(errorsOf({ ...process, inputs: ['L1', 'L2', 'L1'] })).toEqual([{ field: 'inputs.2', message: 'lot L1 is listed twice' }]);
    expect(errorsOf({ ...process, recovery: 0 })).toEqual([{ field: 'recovery', message: 'must be greater than 0' }]);
    expect(errorsOf({ ...process, recovery: 1.01 })).toEqual([{ field: 'recovery', message: 'must be at most 1' }]);
    expect(errorsOf({ ...process, untrackedFineGrams: -1 })).toEqual([{ field: 'untrackedFineGrams', message: 'must be 0 or more' }]);
    expect(errorsOf({ ...process, output: { lot: 'D1', material: 'dore', grams: 3 } })).toEqual([
      { field: 'output.grams', message: 'is not a field of this event' },
    ]);
    const exported = { id: 'e1', type: 'export', date: '2024-03-20', from: B, lot: 'D1', country: 'PE', customsRef: 'x' };
    expect(errorsOf(exported)).toEqual([{ field: 'country', message: 'an export leaves Peru' }]);
    expect(errorsOf({ ...exported, country: 'ch' })[0]?.field).toBe('country');
    const reverse = { id: 'r1', type: 'reverse', date: '2024-03-21', actor: A, reverses: 'r1', reason: 'typo' };
    expect(errorsOf(reverse)).toEqual([{ field: 'reverses', message: 'an event cannot reverse itself' }]);
    expect(errorsOf({ ...reverse, reverses: 't2', reason: ' ' })).toEqual([{ field: 'reason', message: 'must not be empty' }]);
  });

  it('reports lines that are not JSON objects, keeping the id when there is one', () => {
    expect(parseLedgerLine('{"id":"p1",', 3)).toMatchObject({ ok: false, errors: [{ row: 3, id: '', field: '' }] });
    expect(parseLedgerLine('[1]', 4)).toMatchObject({ ok: false, errors: [{ row: 4, message: 'must be a JSON object' }] });
    const missing = parseLedgerLine('{"id":"q9","type":"produce"}', 5);
    expect(missing.ok ? [] : missing.errors.map((e) => `${e.row} ${e.id} ${e.field} ${e.message}`)).toEqual([
      '5 q9 date is required',
      '5 q9 actor is required',
      '5 q9 site is required',
      '5 q9 lot is required',
      '5 q9 material is required',
    ]);
  });
});

describe('parsing a file', () => {
  it('numbers rows by physical line and skips blank lines', () => {
    const text = `${JSON.stringify(ISSUE_EXAMPLE[0])}\n\n${JSON.stringify({ ...ISSUE_EXAMPLE[1], grams: 0 })}\r\n`;
    const parsed = parseLedgerFile(text);
    expect(parsed.lines).toBe(2);
    expect(parsed.events.map((e) => e.row)).toEqual([1]);
    expect(parsed.errors).toEqual([{ row: 3, id: 'p2', field: 'grams', message: 'must be greater than 0' }]);
  });
});

describe('canonical content', () => {
  it('ignores key order, number spelling and explicit defaults', () => {
    const a = parseLedgerLine(
      '{"id":"x","type":"process","date":"2024-03-10","actor":"20600000003","inputs":["L1"],"output":{"material":"dore","lot":"D"}}',
      1,
    );
    const b = parseLedgerLine(
      '{"type":"process","recovery":1.0,"id":"x","untrackedFineGrams":0,"actor":"20600000003","date":"2024-03-10","output":{"lot":"D","material":"dore"},"inputs":["L1"]}',
      1,
    );
    const c = parseLedgerLine(
      '{"type":"process","recovery":0.99,"id":"x","actor":"20600000003","date":"2024-03-10","output":{"lot":"D","material":"dore"},"inputs":["L1"]}',
      1,
    );
    const content = (r: typeof a) => (r.ok ? canonicalEventContent(r.event as LedgerEvent) : 'invalid');
    expect(content(a)).toBe(content(b));
    expect(content(a)).not.toBe(content(c));
  });
});
