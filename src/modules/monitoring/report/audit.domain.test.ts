import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorOf, round1, seedMatrix, setPublished } from '../../../../test/fixtures/monitoring/seed-matrix.ts';
import { agrees, avance, clampPercent, invertedAvance, objectiveAggregate } from '../matrix/ceplan.domain.ts';
import { evaluateMatrix, indicatorInput, type Discrepancy } from '../monitoring.domain.ts';
import type { AvanceField, PolicyMatrix } from '../monitoring.schema.ts';

const SEED = { year: 2024, targetYear: 2023 } as const;

function audit(matrix: PolicyMatrix, options: { year: number; targetYear?: number } = SEED): Discrepancy[] {
  return evaluateMatrix(matrix, options).discrepancies;
}

function only(matrix: PolicyMatrix, code: string, field: AvanceField): Discrepancy {
  const found = audit(matrix).filter((d) => d.code === code && d.field === field);
  expect(found).toHaveLength(1);
  return found[0] as Discrepancy;
}

/** The figure the method gives for an indicator of the seed, year 2024 against target T. */
function computed(matrix: PolicyMatrix, code: string, field: AvanceField, targetYear = 2023): number | null {
  return avance(field, indicatorInput(indicatorOf(matrix, code), 2024, targetYear));
}

describe('audit of the published 2024 report (seed 002, targets of 2023)', () => {
  it('lists exactly the eight Avance Tipo 2 figures, each with its explanation', () => {
    const found = audit(seedMatrix()).map((d) => [d.code, d.field, d.kind]);
    expect(found).toHaveLength(8);
    expect(found).toEqual(
      expect.arrayContaining([
        ['IOP.01.02', 'avance2', 'INVERTED_FORMULA'],
        ['OP.01', 'avance2', 'AGGREGATE_OF_PUBLISHED'],
        ['ISS.02.03.01.01', 'avance2', 'CLAMPED'],
        ['ISS.01.02.01.01', 'avance2', 'ND_AS_NUMBER'],
        ['ISS.01.04.01.01', 'avance2', 'ND_AS_NUMBER'],
        ['ISS.02.05.01.01', 'avance2', 'ND_AS_NUMBER'],
        ['ISS.02.05.02.01', 'avance2', 'ND_AS_NUMBER'],
        ['ISS.03.01.01.01', 'avance2', 'ND_AS_NUMBER'],
      ]),
    );
  });

  it('gives figures and a reason for people', () => {
    const inverted = only(seedMatrix(), 'IOP.01.02', 'avance2');
    expect(inverted.published).toBe(113.9);
    expect(inverted.computed).toBeCloseTo(87.76, 2);
    expect(inverted.reason).toMatch(/invertida/);
    const nd = only(seedMatrix(), 'ISS.03.01.01.01', 'avance2');
    expect(nd).toMatchObject({ published: 0, computed: null });
    expect(nd.reason).toMatch(/ND/);
  });

  it('with the 2024 targets, explains the published figures as computed against 2023', () => {
    const found = audit(seedMatrix(), { year: 2024 });
    const byTargetYear = found.filter((d) => d.kind === 'TARGET_YEAR');
    expect(byTargetYear.length).toBeGreaterThan(20);
    expect(byTargetYear.every((d) => d.matchedTargetYear === 2023 && d.reason.includes('2023'))).toBe(true);
  });

  it('lists nothing for a published ND, nor for figures not published', () => {
    const matrix = seedMatrix();
    setPublished(matrix, 'IOP.01.01', 'avance1', null);
    delete matrix.rows.find((r) => r.code === 'IOP.02.01')?.published['2024'];
    expect(audit(matrix).map((d) => d.code)).not.toContain('IOP.01.01');
    expect(audit(matrix)).toHaveLength(8);
  });
});

describe('planted discrepancies are classified by the method, not by a list', () => {
  it('ND_AS_NUMBER: a number published where there is no value', () => {
    const matrix = seedMatrix();
    setPublished(matrix, 'ISS.02.02.01.01', 'avance1', 35.2);
    expect(only(matrix, 'ISS.02.02.01.01', 'avance1').kind).toBe('ND_AS_NUMBER');
    indicatorOf(matrix, 'IOP.04.01').values['2024'] = { value: null };
    expect(only(matrix, 'IOP.04.01', 'avance1').kind).toBe('ND_AS_NUMBER');
    indicatorOf(matrix, 'IOP.02.01').baseline = { year: 2020, value: null };
    expect(only(matrix, 'IOP.02.01', 'avance2')).toMatchObject({ kind: 'ND_AS_NUMBER', computed: null });
    expect(audit(matrix).filter((d) => d.code === 'IOP.02.01')).toHaveLength(1); // Tipo 1 needs no LB
  });

  it('TARGET_YEAR: a figure computed against another year’s target, naming that year', () => {
    const matrix = seedMatrix();
    setPublished(matrix, 'IOP.04.01', 'avance1', round1(computed(matrix, 'IOP.04.01', 'avance1', 2027) ?? 0));
    setPublished(matrix, 'IOP.02.02', 'avance2', round1(computed(matrix, 'IOP.02.02', 'avance2', 2025) ?? 0));
    const a = only(matrix, 'IOP.04.01', 'avance1');
    expect(a).toMatchObject({ kind: 'TARGET_YEAR', matchedTargetYear: 2027 });
    expect(a.reason).toContain('2027');
    expect(only(matrix, 'IOP.02.02', 'avance2')).toMatchObject({ kind: 'TARGET_YEAR', matchedTargetYear: 2025 });
  });

  it('TARGET_YEAR names the earliest year whose target gives the figure', () => {
    const matrix = seedMatrix();
    const row = indicatorOf(matrix, 'ISS.04.03.01.01');
    row.targets['2028'] = 80;
    row.targets['2029'] = 80;
    setPublished(matrix, row.code, 'avance1', round1((32 / 80) * 100));
    expect(only(matrix, row.code, 'avance1')).toMatchObject({ kind: 'TARGET_YEAR', matchedTargetYear: 2028 });
  });

  it('TARGET_YEAR, for any indicator and any other target year of the seed', () => {
    const candidates = seedMatrix()
      .rows.filter((r) => 'sheet' in r && r.values['2024']?.value != null)
      .map((r) => r.code);
    const years = [2024, 2025, 2026, 2027, 2028, 2029, 2030];
    fc.assert(
      fc.property(fc.constantFrom(...candidates), fc.constantFrom(...years), fc.constantFrom<AvanceField>('avance1', 'avance2'), (code, year, field) => {
        const matrix = seedMatrix();
        const planted = computed(matrix, code, field, year);
        const method = computed(matrix, code, field);
        fc.pre(planted !== null && !agrees(round1(planted), method));
        setPublished(matrix, code, field, round1(planted ?? 0));
        const d = only(matrix, code, field);
        expect(d.kind).toBe('TARGET_YEAR');
        expect(d.matchedTargetYear).toBeLessThanOrEqual(year);
        expect(agrees(round1(planted ?? 0), computed(matrix, code, field, d.matchedTargetYear))).toBe(true);
      }),
    );
  });

  it('INVERTED_FORMULA: the reciprocal of each formula', () => {
    const matrix = seedMatrix();
    const plant = (code: string, field: AvanceField): void => {
      const inverted = invertedAvance(field, indicatorInput(indicatorOf(matrix, code), 2024, 2023));
      setPublished(matrix, code, field, round1(inverted ?? 0));
    };
    plant('IOP.01.01', 'avance1'); // LE/VO for VO/LE
    plant('IOP.01.02', 'avance1'); // VO/LE for LE/VO
    plant('IOP.02.01', 'avance2'); // (LE−LB)/(VO−LB)
    plant('ISS.01.06.02.01', 'avance2'); // acumulado: Tipo 2 = Tipo 1, LE/VO
    const kinds = audit(matrix).map((d) => `${d.code} ${d.field} ${d.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'IOP.01.01 avance1 INVERTED_FORMULA',
        'IOP.01.02 avance1 INVERTED_FORMULA',
        'IOP.02.01 avance2 INVERTED_FORMULA',
        'ISS.01.06.02.01 avance2 INVERTED_FORMULA',
        'IOP.01.02 avance2 INVERTED_FORMULA', // the published one, still there
      ]),
    );
  });

  it('CLAMPED: an indicator’s avance cut to 100 or to 0', () => {
    const matrix = seedMatrix();
    setPublished(matrix, 'IOP.04.01', 'avance1', 100);
    setPublished(matrix, 'IOP.03.02', 'avance2', 0);
    expect(only(matrix, 'IOP.04.01', 'avance1').kind).toBe('CLAMPED');
    expect(only(matrix, 'IOP.03.02', 'avance2')).toMatchObject({ kind: 'CLAMPED', published: 0 });
    const clamped = clampPercent(computed(matrix, 'ISS.02.01.01.01', 'avance2') ?? 0);
    setPublished(matrix, 'ISS.02.01.01.01', 'avance2', clamped);
    expect(only(matrix, 'ISS.02.01.01.01', 'avance2').kind).toBe('CLAMPED');
  });

  it('AGGREGATE_OF_PUBLISHED: an objective averaged from wrong published indicator figures', () => {
    const matrix = seedMatrix();
    setPublished(matrix, 'IOP.03.02', 'avance1', 60.4);
    const published = [211.1, 60.4];
    setPublished(matrix, 'OP.03', 'avance1', round1(objectiveAggregate(published) ?? 0));
    expect(only(matrix, 'OP.03', 'avance1').kind).toBe('AGGREGATE_OF_PUBLISHED');
    expect(only(matrix, 'IOP.03.02', 'avance1').kind).toBe('UNEXPLAINED');
  });

  it('UNEXPLAINED: a figure no known cause gives', () => {
    const matrix = seedMatrix();
    setPublished(matrix, 'IOP.02.02', 'avance1', 93.1);
    setPublished(matrix, 'OP.02', 'avance1', 12.3);
    expect(only(matrix, 'IOP.02.02', 'avance1').kind).toBe('UNEXPLAINED');
    expect(only(matrix, 'OP.02', 'avance1').kind).toBe('UNEXPLAINED');
  });

  it('ND_AS_NUMBER for an objective none of whose indicators can be computed', () => {
    const matrix = seedMatrix();
    for (const code of ['IOP.04.01', 'IOP.04.02']) indicatorOf(matrix, code).values['2024'] = { value: null };
    expect(only(matrix, 'OP.04', 'avance1').kind).toBe('ND_AS_NUMBER');
  });

  it('the first explanation wins: ND before another year, another year before the inverse', () => {
    const matrix = seedMatrix();
    const row = indicatorOf(matrix, 'IOP.04.01');
    // Make the 2026 target give exactly the reciprocal of the 2023 one (14.5²/4 = 52.5625).
    row.targets['2026'] = (14.5 * 14.5) / 4;
    setPublished(matrix, row.code, 'avance1', round1(invertedAvance('avance1', indicatorInput(row, 2024, 2023)) ?? 0));
    expect(only(matrix, row.code, 'avance1')).toMatchObject({ kind: 'TARGET_YEAR', matchedTargetYear: 2026 });
  });
});
