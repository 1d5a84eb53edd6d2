import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { seedMatrix } from '../../../../test/fixtures/monitoring/seed-matrix.ts';
import { hasChanges, isoDate, matrixChanges, toRecords } from './matrix-records.domain.ts';
import type { IndicatorRow, PolicyMatrix } from '../monitoring.schema.ts';

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
      code: 'IOP.01.01',
      year: 2024,
      status: 'measured',
      value: 87,
      source: null,
      value_date: null,
      entered_by: null,
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

describe('toRecords: years the database accepts, the fields each row keeps', () => {
  test('years outside 1900–2200 are problems, named by their column; the bounds themselves are accepted', () => {
    const m = seedMatrix();
    const row = indicator(m, 'IOP.01.01');
    row.targets['1899'] = 1;
    row.targets['1900'] = 1;
    row.targets['2200'] = 1;
    row.targets['2201'] = 1;
    row.values['2201'] = { value: 3 };
    row.notes['1899'] = { alert: 'x' };
    row.published['2201'] = { avance1: 50 };
    row.baseline = { ...row.baseline, year: 1899 };
    const message = 'a year between 1900 and 2200 is expected';
    expect(toRecords(m).problems).toEqual([
      { code: 'IOP.01.01', column: 'published_avance1_2201', value: '2201', message },
      { code: 'IOP.01.01', column: 'baseline_year', value: '1899', message },
      { code: 'IOP.01.01', column: 'target_1899', value: '1899', message },
      { code: 'IOP.01.01', column: 'target_2201', value: '2201', message },
      { code: 'IOP.01.01', column: 'value_2201', value: '2201', message },
      { code: 'IOP.01.01', column: 'alert_1899', value: '1899', message },
    ]);
    expect(toRecords(m).problems.every((p) => p.message === message)).toBe(true);
  });
  test('a value keeps its source, date and author; notes their alert and measures; an element its position', () => {
    const m = seedMatrix();
    const row = indicator(m, 'IOP.02.02');
    row.values['2024'] = { value: null, source: 'INEI', date: '15/03/2025', enteredBy: 'ana' };
    row.notes['2024'] = { alert: 'Retraso', measures: 'Reprogramar' };
    const r = toRecords(m).records;
    expect(r.values.find((v) => v.code === 'IOP.02.02' && v.year === 2024)).toEqual({
      code: 'IOP.02.02',
      year: 2024,
      status: 'nd',
      value: null,
      source: 'INEI',
      value_date: '2025-03-15',
      entered_by: 'ana',
    });
    expect(r.notes.find((n) => n.code === 'IOP.02.02' && n.year === 2024)).toEqual({
      code: 'IOP.02.02',
      year: 2024,
      alert: 'Retraso',
      measures: 'Reprogramar',
    });
    expect(r.elements.map((e) => e.position)).toEqual(m.rows.map((_, i) => i));
    const sheet = r.indicators.find((i) => i.code === 'IOP.02.02')!;
    expect(sheet).toMatchObject({
      code: 'IOP.02.02',
      direction: row.sheet.direction,
      aggregation: row.sheet.aggregation,
      baseline_year: row.baseline.year,
      baseline_value: row.baseline.value,
    });
    expect(r.elements.find((e) => e.code === 'IOP.02.02')?.name).toBe(row.sheet.name);
  });
  test('dates: whole strings only, real days only, both spreadsheet forms', () => {
    expect(isoDate(' 2025-03-15 ')).toBe('2025-03-15');
    expect(isoDate('15/03/2025')).toBe('2025-03-15');
    expect(isoDate('x2025-03-15')).toBeNull();
    expect(isoDate('2025-03-15x')).toBeNull();
    expect(isoDate('15/03/2025x')).toBeNull();
    expect(isoDate('x15/03/2025')).toBeNull();
    expect(isoDate('2025-02-29')).toBeNull();
    expect(isoDate('2024-02-29')).toBe('2024-02-29');
    expect(isoDate('15-03-2025')).toBeNull();
    expect(isoDate('')).toBeNull();
  });
});

describe('matrixChanges: each kind counted apart', () => {
  test('notes and published figures added, changed and removed; an element renamed or moved changes', () => {
    const base = records(seedMatrix());
    const m = seedMatrix();
    indicator(m, 'IOP.01.01').notes['2031'] = { alert: 'nueva' };
    const op = m.rows.find((r) => r.code === 'OP.02')!;
    op.published['2024'] = { ...op.published['2024'], avance2: 99 };
    const c = matrixChanges(base, records(m));
    expect(c).toEqual({ elements: { added: 0, changed: 0, removed: 0 }, targets: 0, values: 0, notes: 1, published: 1 });
    expect(hasChanges(c)).toBe(true);
    const renamed = seedMatrix();
    const first = renamed.rows[0]!;
    if ('name' in first) first.name = `${first.name} (actualizado)`;
    expect(matrixChanges(base, records(renamed)).elements).toEqual({ added: 0, changed: 1, removed: 0 });
    const moved = seedMatrix();
    moved.rows = [...moved.rows.slice(1), moved.rows[0]!];
    expect(matrixChanges(base, records(moved)).elements.changed).toBe(moved.rows.length);
  });
  test('rows of a removed element are not changes; a removed target or note is', () => {
    const base = records(seedMatrix());
    const m = seedMatrix();
    const target = indicator(m, 'IOP.02.01');
    const year = Object.keys(target.targets)[0]!;
    delete target.targets[year];
    expect(matrixChanges(base, records(m))).toMatchObject({ targets: 1, values: 0 });
    const gone = seedMatrix();
    const last = gone.rows.at(-1)!; // the last row: no other element changes position
    expect(Object.keys('targets' in last ? last.targets : {}).length).toBeGreaterThan(0);
    gone.rows = gone.rows.slice(0, -1);
    expect(matrixChanges(base, records(gone))).toEqual({ elements: { added: 0, changed: 0, removed: 1 }, targets: 0, values: 0, notes: 0, published: 0 });
  });
  test('hasChanges sees each count on its own', () => {
    const none = { elements: { added: 0, changed: 0, removed: 0 }, targets: 0, values: 0, notes: 0, published: 0 };
    expect(hasChanges(none)).toBe(false);
    for (const k of ['targets', 'values', 'notes', 'published'] as const) expect(hasChanges({ ...none, [k]: 1 })).toBe(true);
    for (const k of ['added', 'changed', 'removed'] as const) expect(hasChanges({ ...none, elements: { ...none.elements, [k]: 1 } })).toBe(true);
  });
});
