import { beforeEach, describe, expect, it } from 'vitest';
import { buildIndicator, buildMatrix, seedMatrix } from '../../../test/fixtures/monitoring/seed-matrix.ts';
import { isIndicatorRow } from './matrix/hierarchy.domain.ts';
import { evaluateMatrix, matrixProblems, publishedManagementIndex, toEvaluationJson } from './monitoring.domain.ts';
import { evaluationJsonSchema, policyMatrixSchema } from './monitoring.schema.ts';
import { formatAvance } from './report/report.view.ts';

describe('the 2024 follow-up of the national MAPE policy (seed 002)', () => {
  // Built before each test, not when the file is collected, so that mutation testing
  // attributes the evaluation's code to the tests that check it.
  let matrix: ReturnType<typeof seedMatrix>;
  let evaluation: ReturnType<typeof evaluateMatrix>;
  beforeEach(() => {
    matrix = seedMatrix();
    evaluation = evaluateMatrix(matrix, { year: 2024, targetYear: 2023 });
  });
  const indicator = (code: string) => evaluation.indicators.find((i) => i.code === code);
  const objective = (code: string) => evaluation.objectives.find((o) => o.code === code);

  it('computes the figures the issue quotes', () => {
    expect(indicator('IOP.01.01')?.avance1).toBeCloseTo(136.15, 2);
    expect(indicator('IOP.01.01')?.avance2).toBeCloseTo(1315.79, 2);
    expect(objective('OP.01')?.avance1).toBeCloseTo(95.68, 2);
    expect(objective('OP.01')?.avance2).toBeCloseTo(93.88, 2);
    expect(evaluation.managementIndex).toBeCloseTo(72.43, 2);
  });

  it('reproduces every published Avance Tipo 1 of the indicators and objectives', () => {
    const results = new Map<string, number | null>([
      ...evaluation.indicators.map((i) => [i.code, i.avance1] as const),
      ...evaluation.objectives.map((o) => [o.code, o.avance1] as const),
    ]);
    let compared = 0;
    for (const row of matrix.rows) {
      const published = row.published['2024']?.avance1;
      if (published === undefined) continue;
      compared += 1;
      const computed = results.get(row.code) ?? null;
      if (published === null) expect(computed).toBeNull();
      else expect(formatAvance(computed)).toBe(published.toFixed(1));
    }
    expect(compared).toBe(31); // 4 objectives, 8 IOP, 19 ISS
  });

  it('reproduces the published traffic-light counts', () => {
    expect(evaluation.bands).toEqual({
      objectives: { red: 0, yellow: 1, green: 3, nd: 0 },
      objectiveIndicators: { red: 0, yellow: 3, green: 5, nd: 0 },
      serviceIndicators: { red: 1, yellow: 1, green: 8, nd: 9 },
    });
  });

  it('gives the published index 74.0 from the published objective figures', () => {
    const fromPublished = publishedManagementIndex(matrix, 2024);
    expect(fromPublished).toBeCloseTo(73.95, 10);
    expect(formatAvance(fromPublished)).toBe('74.0');
    expect(formatAvance(evaluation.managementIndex)).toBe('72.4');
  });

  it('lists the alerts of 2024 in file order', () => {
    expect(evaluation.alerts.map((a) => a.code)).toEqual([
      'ISS.01.02.01.01',
      'ISS.02.02.01.01',
      'ISS.02.04.02.01',
      'ISS.02.05.01.01',
      'ISS.02.05.02.01',
      'ISS.03.01.01.01',
      'ISS.04.04.01.01',
    ]);
    expect(evaluation.alerts[1]?.alert).toBe('El servicio aún se está desarrollando.');
  });

  it('gives the JSON contract: indicators in file order, full precision, null for ND', () => {
    const json = toEvaluationJson(evaluation);
    expect(evaluationJsonSchema.parse(json)).toEqual(json);
    expect(json.year).toBe(2024);
    expect(json.targetYear).toBe(2023);
    expect(json.indicators.map((i) => i.code)).toEqual(matrix.rows.filter(isIndicatorRow).map((r) => r.code));
    expect(json.indicators[0]).toEqual({
      code: 'IOP.01.01',
      name: expect.stringMatching(/^Porcentaje de pequeños mineros y mineros artesanales \(formales e informales\) con instrumentos de gestión ambiental/),
      level: 'IOP',
      avance1: (87 / 63.9) * 100,
      avance2: ((87 - 62) / (63.9 - 62)) * 100,
      band: 'green',
    });
    expect(json.indicators.find((i) => i.code === 'ISS.01.01.01.01')).toMatchObject({ avance1: null, avance2: null, band: 'nd' });
    expect(json.objectives.map((o) => [o.code, o.band])).toEqual([
      ['OP.01', 'green'],
      ['OP.02', 'yellow'],
      ['OP.03', 'green'],
      ['OP.04', 'green'],
    ]);
    expect(json.objectives[0]?.name).toBe('Reducir las condiciones de precariedad social, laboral y ambiental de la pequeña minería y minería artesanal.');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('compares with the targets of the value year by default', () => {
    const sameYear = evaluateMatrix(matrix, { year: 2024 });
    expect(sameYear.targetYear).toBe(2024);
    expect(sameYear.indicators[0]?.avance1).toBeCloseTo((87 / 64.5) * 100, 10);
  });
});

describe('matrices loaded from elsewhere (e.g. the database)', () => {
  it('the seed satisfies the schema and has no structural problem', () => {
    const matrix = seedMatrix();
    expect(policyMatrixSchema.parse(matrix)).toEqual(matrix);
    expect(matrixProblems(matrix)).toEqual([]);
  });

  it('the schema and matrixProblems catch what the file parser would reject', () => {
    const bad = buildIndicator({ code: 'ISS.01.01.01.01', level: 'ISS', sheet: { direction: 'ascendente', aggregation: 'maximo_permisible' } });
    const matrix = buildMatrix([bad, buildIndicator(), buildIndicator()]);
    expect(policyMatrixSchema.safeParse(matrix).success).toBe(false);
    expect(matrixProblems(matrix).map((p) => [p.code, p.message])).toEqual([
      ['ISS.01.01.01.01', 'aggregation maximo_permisible cannot go with direction ascendente'],
      ['IOP.01.01', 'duplicate code'],
      ['ISS.01.01.01.01', 'its parent SS.01.01.01 is not in the matrix'],
    ]);
  });
});

describe('evaluateMatrix on built matrices', () => {
  it('aggregates only the IOP indicators of each objective, clamped', () => {
    const matrix = buildMatrix([
      buildIndicator({ code: 'IOP.01.01', targets: { '2024': 10 }, values: { '2024': { value: 30 } } }),
      buildIndicator({ code: 'IOP.01.02', targets: { '2024': 100 }, values: { '2024': { value: 50 } } }),
    ]);
    matrix.rows.push(
      { code: 'LN.01.01', level: 'LN', name: 'Lineamiento', published: {} },
      { code: 'SS.01.01.01', level: 'SS', name: 'Servicio', published: {} },
      buildIndicator({ code: 'ISS.01.01.01.01', level: 'ISS', targets: { '2024': 10 }, values: { '2024': { value: 1 } } }),
    );
    const evaluation = evaluateMatrix(matrix, { year: 2024 });
    expect(evaluation.objectives[0]?.indicatorCodes).toEqual(['IOP.01.01', 'IOP.01.02']);
    expect(evaluation.objectives[0]?.avance1).toBe(75); // (100 + 50) / 2: 300 is clamped
    expect(evaluation.objectives[0]?.band).toBe('yellow');
    expect(evaluation.bands.serviceIndicators).toEqual({ red: 1, yellow: 0, green: 0, nd: 0 });
  });

  it('gives ND objectives and index when no indicator can be computed', () => {
    const matrix = buildMatrix([buildIndicator({ values: { '2024': { value: null } } })]);
    const evaluation = evaluateMatrix(matrix, { year: 2024 });
    expect(evaluation.objectives[0]).toMatchObject({ avance1: null, avance2: null, band: 'nd' });
    expect(evaluation.managementIndex).toBeNull();
    expect(toEvaluationJson(evaluation).managementIndex).toBeNull();
  });
});
