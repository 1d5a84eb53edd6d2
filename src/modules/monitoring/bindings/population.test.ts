/**
 * The counts of the shares of P(Y) without their records (`countsOfRows`, rows in any
 * order) against the shares with their records (`sharesOfRows`, rows ordered by ruc and
 * id): declarants with several inscriptions in several departments, met by some rows only.
 */
import { expect, test } from 'vitest';
import { countOf } from './binding.contract.ts';
import { countsOfRows, sharesOfRows, type ParsedRow } from './population.ts';

const row = (id: number, ruc: string, department: string, hits: string): ParsedRow => ({
  id,
  ruc,
  declarant_name: `DECLARANTE ${ruc}`,
  mining_right_code: `R-${id}`,
  department_code: department,
  hits,
});

// conditions: 0 met by a declarant's later row only, 1 by their home row, 2 by nobody, 3 by every row
const rows = [
  row(7, '20100000001', '21', '1001'),
  row(3, '20100000001', '17', '0101'),
  row(5, '20100000002', '17', '0101'),
  row(9, '20100000002', '04', '1001'),
  row(1, '20100000003', '04', '0001'),
  row(4, '20100000004', '21', '1001'),
  row(8, '20100000004', '21', '0001'),
];
const conditions = ['c0', 'c1', 'c2', 'c3'];
const ordered = [...rows].sort((a, b) => a.ruc.localeCompare(b.ruc) || a.id - b.id);

test('the counts of rows in any order are the counts of the shares with their records', () => {
  const expected = sharesOfRows(ordered, conditions).map((s) => countOf({ ...s, availability: 'complete', note: null }));
  for (const order of [rows, ordered, [...rows].reverse()]) {
    const counted = countsOfRows(order, conditions).map((s) => ({ ...s, availability: 'complete', note: null }));
    expect(counted).toEqual(expected);
  }
  // a declarant is in the department of their lowest-id row, counted once
  expect(expected[0]).toMatchObject({ numerator: 3, denominator: 4, records: 3, population: 4 });
  expect(expected[0]!.regions).toEqual([
    { code: '04', numerator: 0, denominator: 1, value: 0 },
    { code: '17', numerator: 2, denominator: 2, value: 100 },
    { code: '21', numerator: 1, denominator: 1, value: 100 },
  ]);
  expect(expected[2]).toMatchObject({ numerator: 0, value: 0 });
  expect(expected[3]).toMatchObject({ numerator: 4, value: 100 });
});
