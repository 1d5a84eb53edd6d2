import { describe, expect, test } from 'vitest';
import type { UsdRate } from './cooperation.domain.ts';
import { budgetUsd, gapMatrix, odaByAgency, selectProjects, type AnalysisProject } from './gap-matrix.domain.ts';

const RATES: UsdRate[] = [{ currency: 'EUR', year: 2024, usdPerUnit: 1.1 }];
const project = (id: number, over: Partial<AnalysisProject> = {}): AnalysisProject => ({
  id,
  status: 'implementation',
  startDate: '2023-01-01',
  endDate: null,
  agencyCode: 'giz',
  departments: ['21'],
  strata: ['pma'],
  aspects: ['technical'],
  policyCodes: ['LN.01.02'],
  flows: [],
  ...over,
});

describe('budgetUsd', () => {
  test('only the budget lines of the year, converted, rounded to cents; unconvertible lines count 0', () => {
    const p = project(1, {
      flows: [
        { kind: 'budget', year: 2024, currency: 'EUR', amount: 1000.005 },
        { kind: 'budget', year: 2024, currency: 'USD', amount: 250.25 },
        { kind: 'budget', year: 2023, currency: 'USD', amount: 99 },
        { kind: 'disbursement', year: 2024, currency: 'USD', amount: 77 },
        { kind: 'budget', year: 2024, currency: 'XAU', amount: 5 },
      ],
    });
    expect(budgetUsd(p, RATES, 2024)).toBe(1350.26);
    expect(budgetUsd(p, RATES, 2023)).toBe(99);
    expect(budgetUsd(project(2), RATES, 2024)).toBe(0);
  });
});

describe('selectProjects', () => {
  const ps = [
    project(1),
    project(2, { agencyCode: 'jica', departments: ['04'], policyCodes: ['OP.02', 'SS.01.01.01'] }),
    project(3, { agencyCode: null, policyCodes: [] }),
    project(4, { status: 'pipeline' }),
  ];
  test('active projects matching every filter given', () => {
    expect(selectProjects(ps, { year: 2024 }).map((p) => p.id)).toEqual([1, 2, 3]);
    expect(selectProjects(ps, { year: 2024, agency: 'jica' }).map((p) => p.id)).toEqual([2]);
    expect(selectProjects(ps, { year: 2024, region: '21' }).map((p) => p.id)).toEqual([1, 3]);
    expect(selectProjects(ps, { year: 2024, objective: 'OP.01' }).map((p) => p.id)).toEqual([1, 2]);
    expect(selectProjects(ps, { year: 2024, objective: 'OP.02' }).map((p) => p.id)).toEqual([2]);
    expect(selectProjects(ps, { year: 2024, objective: 'OP.03' })).toEqual([]);
  });
});

describe('gapMatrix', () => {
  const ps = [
    project(1, { flows: [{ kind: 'budget', year: 2024, currency: 'USD', amount: 100.1 }], departments: ['21', '04'] }),
    project(2, {
      agencyCode: 'jica',
      strata: ['pma', 'ppm'],
      aspects: ['technical', 'legal'],
      policyCodes: ['OP.02', 'SS.01.01.01', 'LN.01.03', 'IOP.01.01'],
      flows: [{ kind: 'budget', year: 2024, currency: 'EUR', amount: 1000 }],
    }),
    project(3, { agencyCode: null, strata: [], policyCodes: [], flows: [{ kind: 'budget', year: 2024, currency: 'USD', amount: 50 }], departments: ['17'] }),
  ];
  const m = gapMatrix(ps, RATES, { year: 2024 });

  test('cells carry each project once with its whole budget', () => {
    expect(m.cells.pma.technical).toEqual({ projects: 2, budgetUsd: 1200.1 });
    expect(m.cells.ppm.legal).toEqual({ projects: 1, budgetUsd: 1100 });
    expect(m.cells.informal.technical).toEqual({ projects: 0, budgetUsd: 0 });
    expect(m.gaps).toBe(6 * 14 - 4);
    expect(m.activeProjects).toBe(3);
    expect(m.unclassified).toBe(1);
  });

  test('breakdowns by region, agency ("none" when unknown) and objective, largest budget first, then by key', () => {
    expect(m.byRegion).toEqual([
      { key: '21', projects: 2, budgetUsd: 1200.1 },
      { key: '04', projects: 1, budgetUsd: 100.1 },
      { key: '17', projects: 1, budgetUsd: 50 },
    ]);
    expect(m.byAgency).toEqual([
      { key: 'jica', projects: 1, budgetUsd: 1100 },
      { key: 'giz', projects: 1, budgetUsd: 100.1 },
      { key: 'none', projects: 1, budgetUsd: 50 },
    ]);
    expect(m.byObjective).toEqual([
      { key: 'OP.01', projects: 2, budgetUsd: 1200.1 },
      { key: 'OP.02', projects: 1, budgetUsd: 1100 },
    ]);
  });

  test('equal budgets are ordered by key', () => {
    const same = gapMatrix([project(1, { departments: ['21'] }), project(2, { departments: ['04'] }), project(3, { departments: ['10'] })], RATES, {
      year: 2024,
    });
    expect(same.byRegion.map((b) => b.key)).toEqual(['04', '10', '21']);
  });
});

describe('odaByAgency', () => {
  test('disbursements and commitments by agency and year, each at its rate, sorted by year then agency', () => {
    const rows = odaByAgency(
      [
        project(1, {
          flows: [
            { kind: 'disbursement', year: 2024, currency: 'EUR', amount: 100 },
            { kind: 'commitment', year: 2024, currency: 'USD', amount: 500 },
            { kind: 'disbursement', year: 2023, currency: 'USD', amount: 10.005 },
            { kind: 'budget', year: 2024, currency: 'USD', amount: 9999 },
            { kind: 'expenditure', year: 2024, currency: 'USD', amount: 9999 },
          ],
        }),
        project(2, { agencyCode: null, flows: [{ kind: 'disbursement', year: 2024, currency: 'XAU', amount: 3 }] }),
        project(3, { agencyCode: 'cosude', flows: [{ kind: 'disbursement', year: 2024, currency: 'USD', amount: 1 }] }),
      ],
      RATES,
    );
    expect(rows).toEqual([
      { agencyCode: 'giz', year: 2023, disbursedUsd: 10.01, committedUsd: 0 },
      { agencyCode: 'cosude', year: 2024, disbursedUsd: 1, committedUsd: 0 },
      { agencyCode: 'giz', year: 2024, disbursedUsd: 110, committedUsd: 500 },
      { agencyCode: 'none', year: 2024, disbursedUsd: 0, committedUsd: 0 },
    ]);
  });
});
