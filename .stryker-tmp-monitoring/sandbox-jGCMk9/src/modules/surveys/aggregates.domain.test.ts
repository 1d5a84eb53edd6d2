// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { aggregate, ageBand, MIN_CELL, suppress, type Fact, type Indicator } from './aggregates.domain.ts';

const FIELDS = { stratum: 'stratum', sex: 'sex', age: 'age' };
const MERCURY: Indicator = { code: 'mercury', label: { es: 'm', en: 'm' }, kind: 'share', field: 'hg', value: 'yes' };
const WOMEN: Indicator = { code: 'women', label: { es: 'w', en: 'w' }, kind: 'ratio', num: 'women', den: 'total' };
const fact = (departmentCode: string, facts: Record<string, string>): Fact => ({ departmentCode, facts });

describe('baseline figures', () => {
  test('shares and ratios by group, and the total', () => {
    const facts = [
      ...Array.from({ length: 6 }, (_, i) => fact('21', { hg: i < 3 ? 'yes' : 'no', women: '1', total: '4', sex: 'female', age: '30' })),
      ...Array.from({ length: 8 }, (_, i) => fact('17', { hg: i < 6 ? 'yes' : 'no', women: '2', total: '10', sex: 'male', age: '50' })),
    ];
    const [hg, women] = aggregate(facts, 'region', [MERCURY, WOMEN], FIELDS);
    expect(hg!.cells).toEqual([
      { group: '17', respondents: 8, value: 6 / 8, suppressed: false },
      { group: '21', respondents: 6, value: 3 / 6, suppressed: false },
    ]);
    expect(hg!.total).toEqual({ group: 'total', respondents: 14, value: 9 / 14, suppressed: false });
    expect(women!.total.value).toBeCloseTo((6 * 1 + 8 * 2) / (6 * 4 + 8 * 10), 12);
    expect(aggregate(facts, 'age_band', [MERCURY], FIELDS)[0]!.cells.map((c) => c.group)).toEqual(['30-44', '45-59']);
  });

  test('a cell under five respondents is withheld, and a second one so that it cannot be worked out', () => {
    const cells = suppress([
      { group: 'a', respondents: 3, value: 1 },
      { group: 'b', respondents: 9, value: 0.5 },
      { group: 'c', respondents: 7, value: 0.2 },
    ]);
    expect(cells.map((c) => [c.group, c.suppressed, c.respondents])).toEqual([
      ['a', true, null],
      ['b', false, 9],
      ['c', true, null],
    ]);
  });

  test.each([
    ['17', 'under_18'],
    ['18', '18-29'],
    ['44', '30-44'],
    ['59', '45-59'],
    ['60', '60+'],
    ['', null],
    ['x', null],
  ])('age %s is in band %s', (age, band) => expect(ageBand(age)).toBe(band));

  test('property: no published cell has fewer than five respondents, and never exactly one is withheld', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ d: fc.constantFrom('01', '04', '17', '21', '05'), hg: fc.constantFrom('yes', 'no') }), { maxLength: 80 }), (rows) => {
        const [ind] = aggregate(
          rows.map((r) => fact(r.d, { hg: r.hg })),
          'region',
          [MERCURY],
          FIELDS,
        );
        for (const c of [...ind!.cells, ind!.total]) {
          if (!c.suppressed) expect(c.respondents!).toBeGreaterThanOrEqual(MIN_CELL);
          else expect([c.respondents, c.value]).toEqual([null, null]);
        }
        if (ind!.cells.length > 1) expect(ind!.cells.filter((c) => c.suppressed).length).not.toBe(1);
      }),
    );
  });
});
