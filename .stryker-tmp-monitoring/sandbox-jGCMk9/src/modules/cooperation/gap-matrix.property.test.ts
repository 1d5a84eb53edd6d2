// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ASPECTS, isActiveIn, objectiveOf, PROJECT_STATUSES, rateFor, STRATA, toUsd, type UsdRate } from './cooperation.domain.ts';
import { budgetUsd, gapMatrix, odaByAgency, type AnalysisProject } from './gap-matrix.domain.ts';

const RATES: UsdRate[] = [
  { currency: 'EUR', year: 2020, usdPerUnit: 1.142 },
  { currency: 'EUR', year: 2023, usdPerUnit: 1.081 },
  { currency: 'CHF', year: 2024, usdPerUnit: 1.136 },
];

describe('currency', () => {
  test('the year’s rate, else the nearest earlier, else the nearest later; USD is 1; unknown currencies have none', () => {
    expect(rateFor(RATES, 'EUR', 2023)).toBe(1.081);
    expect(rateFor(RATES, 'EUR', 2022)).toBe(1.142);
    expect(rateFor(RATES, 'EUR', 2030)).toBe(1.081);
    expect(rateFor(RATES, 'EUR', 2001)).toBe(1.142);
    expect(rateFor(RATES, 'USD', 1999)).toBe(1);
    expect(rateFor(RATES, 'XAU', 2024)).toBeNull();
    expect(toUsd(RATES, 1000, 'CHF', 2024)).toBe(1136);
    expect(toUsd(RATES, 1000, 'XAU', 2024)).toBeNull();
  });
});

describe('activity and objectives', () => {
  const p = (status: (typeof PROJECT_STATUSES)[number], startDate: string | null, endDate: string | null) => ({ status, startDate, endDate });
  test('active in the years its dates cover, never in pipeline or cancelled', () => {
    expect(isActiveIn(p('implementation', '2024-03-01', '2026-02-28'), 2024)).toBe(true);
    expect(isActiveIn(p('implementation', '2024-03-01', '2026-02-28'), 2026)).toBe(true);
    expect(isActiveIn(p('implementation', '2024-03-01', '2026-02-28'), 2023)).toBe(false);
    expect(isActiveIn(p('implementation', '2024-03-01', '2026-02-28'), 2027)).toBe(false);
    expect(isActiveIn(p('closed', '2020-01-01', '2022-12-31'), 2022)).toBe(true);
    expect(isActiveIn(p('pipeline', '2024-01-01', null), 2024)).toBe(false);
    expect(isActiveIn(p('cancelled', null, null), 2024)).toBe(false);
    expect(isActiveIn(p('implementation', null, null), 1999)).toBe(true);
  });
  test('CEPLAN numbering: a guideline or service belongs to its objective', () => {
    expect(objectiveOf('OP.01')).toBe('OP.01');
    expect(objectiveOf('LN.02.03')).toBe('OP.02');
    expect(objectiveOf('SS.03.01.02')).toBe('OP.03');
    expect(objectiveOf('IOP.01.01')).toBeNull();
  });
});

const project = (id: number): fc.Arbitrary<AnalysisProject> =>
  fc.record({
    id: fc.constant(id),
    status: fc.constantFrom(...PROJECT_STATUSES),
    startDate: fc.option(fc.constantFrom('2020-01-01', '2023-06-01', '2025-01-01'), { nil: null }),
    endDate: fc.option(fc.constantFrom('2024-12-31', '2027-12-31'), { nil: null }),
    agencyCode: fc.option(fc.constantFrom('giz', 'cosude', 'jica'), { nil: null }),
    departments: fc.uniqueArray(fc.constantFrom('21', '17', '04', '05'), { maxLength: 3 }),
    strata: fc.uniqueArray(fc.constantFrom(...STRATA), { maxLength: 3 }),
    aspects: fc.uniqueArray(fc.constantFrom(...ASPECTS), { maxLength: 4 }),
    policyCodes: fc.uniqueArray(fc.constantFrom('OP.01', 'LN.01.02', 'SS.02.01.01', 'OP.03'), { maxLength: 3 }),
    flows: fc.array(
      fc.record({
        kind: fc.constantFrom('budget' as const, 'commitment' as const, 'disbursement' as const, 'expenditure' as const),
        year: fc.integer({ min: 2020, max: 2027 }),
        currency: fc.constantFrom('USD', 'EUR', 'CHF'),
        amount: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      { maxLength: 6 },
    ),
  });
const projects = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => project(i + 1))));

describe('gap matrix (properties)', () => {
  test('each cell counts exactly the active projects serving that stratum and addressing that aspect; gaps are the empty cells', () => {
    fc.assert(
      fc.property(projects, fc.integer({ min: 2020, max: 2027 }), (ps, year) => {
        const m = gapMatrix(ps, RATES, { year });
        const active = ps.filter((p) => isActiveIn(p, year));
        expect(m.activeProjects).toBe(active.length);
        let empty = 0;
        for (const s of STRATA) {
          for (const a of ASPECTS) {
            const inCell = active.filter((p) => p.strata.includes(s) && p.aspects.includes(a));
            expect(m.cells[s][a].projects).toBe(inCell.length);
            expect(m.cells[s][a].budgetUsd).toBeCloseTo(
              inCell.reduce((t, p) => t + budgetUsd(p, RATES, year), 0),
              1,
            );
            if (inCell.length === 0) empty += 1;
          }
        }
        expect(m.gaps).toBe(empty);
        expect(m.unclassified).toBe(active.filter((p) => p.strata.length === 0 || p.aspects.length === 0).length);
      }),
    );
  });

  test('a region, agency or objective filter keeps a subset: no cell grows', () => {
    fc.assert(
      fc.property(projects, fc.constantFrom('21', '17'), fc.constantFrom('giz', 'jica'), fc.constantFrom('OP.01', 'OP.02'), (ps, region, agency, objective) => {
        const all = gapMatrix(ps, RATES, { year: 2024 });
        for (const f of [{ region }, { agency }, { objective }]) {
          const sub = gapMatrix(ps, RATES, { year: 2024, ...f });
          expect(sub.activeProjects).toBeLessThanOrEqual(all.activeProjects);
          for (const s of STRATA) for (const a of ASPECTS) expect(sub.cells[s][a].projects).toBeLessThanOrEqual(all.cells[s][a].projects);
        }
        const byRegion = all.byRegion.find((b) => b.key === region)?.projects ?? 0;
        expect(gapMatrix(ps, RATES, { year: 2024, region }).activeProjects).toBe(byRegion);
      }),
    );
  });

  test('ODA by agency: disbursements in USD add up to the converted flows', () => {
    fc.assert(
      fc.property(projects, (ps) => {
        const rows = odaByAgency(ps, RATES);
        const total = rows.reduce((t, r) => t + r.disbursedUsd, 0);
        const expected = ps
          .flatMap((p) => p.flows)
          .filter((f) => f.kind === 'disbursement')
          .reduce((t, f) => t + (toUsd(RATES, f.amount, f.currency, f.year) ?? 0), 0);
        expect(total).toBeCloseTo(expected, 0);
      }),
    );
  });
});
