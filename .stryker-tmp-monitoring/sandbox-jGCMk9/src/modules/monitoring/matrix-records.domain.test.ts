// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { seedMatrix } from '../../../test/fixtures/monitoring/seed-matrix.ts';
import { hasChanges, isoDate, matrixChanges, toRecords } from './matrix-records.domain.ts';
import type { IndicatorRow, PolicyMatrix } from './monitoring.schema.ts';

const records = (m: PolicyMatrix) => toRecords(m).records;
const indicator = (m: PolicyMatrix, code: string): IndicatorRow => m.rows.find((r) => r.code === code) as IndicatorRow;

describe('toRecords', () => {
  test('the seed gives a row per element, indicator, target, value, note and published figure', () => {
    const { records: r, problems } = toRecords(seedMatrix());
    expect(problems).toEqual([]);
    expect(r.elements).toHaveLength(67);
    expect(r.indicators).toHaveLength(27);
    expect(r.targets).toHaveLength(27 * 8);
    expect(r.values.find((v) => v.code === 'IOP.01.01' && v.year === 2024)).toEqual({
      code: 'IOP.01.01', year: 2024, status: 'measured', value: 87, source: null, value_date: null, entered_by: null,
    });
    expect(r.values.filter((v) => v.status === 'nd').length).toBeGreaterThan(0);
    expect(r.published.find((p) => p.code === 'OP.02' && p.field === 'avance2')).toEqual({ code: 'OP.02', year: 2024, field: 'avance2', value: 45.8 });
  });

  test('dates are stored as ISO dates; what is not a date is a problem', () => {
    expect(isoDate('2025-03-15')).toBe('2025-03-15');
    expect(isoDate('5/3/2025')).toBe('2025-03-05');
    expect(isoDate('31/02/2025')).toBeNull();
    expect(isoDate('marzo')).toBeNull();
    const m = seedMatrix();
    indicator(m, 'IOP.02.02').values['2024'] = { value: 17.6, date: '2025-13-01' };
    expect(toRecords(m).problems).toEqual([{ code: 'IOP.02.02', column: 'value_date_2024', value: '2025-13-01', message: expect.any(String) }]);
  });
});

describe('matrixChanges', () => {
  test('a new policy adds everything; the same matrix again changes nothing', () => {
    const c = matrixChanges(null, records(seedMatrix()));
    expect(c.elements).toEqual({ added: 67, changed: 0, removed: 0 });
    expect(hasChanges(matrixChanges(records(seedMatrix()), records(seedMatrix())))).toBe(false);
  });

  test('each kind of change is counted where it happens', () => {
    const m = seedMatrix();
    indicator(m, 'IOP.01.01').values['2024'] = { value: 88 };
    indicator(m, 'IOP.01.02').sheet.responsible = 'MTPE';
    indicator(m, 'IOP.02.01').targets['2031'] = 40;
    delete indicator(m, 'IOP.02.02').values['2023'];
    m.rows = m.rows.filter((r) => r.code !== 'ISS.04.04.01.01');
    expect(matrixChanges(records(seedMatrix()), records(m))).toEqual({
      elements: { added: 0, changed: 1, removed: 1 },
      targets: 1,
      values: 2,
      notes: 0,
      published: 0,
    });
  });

  test('property: any single value change is one new row of the history', () => {
    const base = records(seedMatrix());
    const codes = base.values.map((v) => `${v.code}|${v.year}`);
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (key, value) => {
        const m = seedMatrix();
        const [code, year] = key.split('|') as [string, string];
        const before = indicator(m, code).values[year]!.value;
        indicator(m, code).values[year] = { value };
        const changes = matrixChanges(base, records(m));
        expect(changes.values).toBe(before === value ? 0 : 1);
        expect(changes.elements).toEqual({ added: 0, changed: 0, removed: 0 });
      }),
      { numRuns: 50 },
    );
  });
});
