import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndicator, buildMatrix, seedCsv, seedMatrix } from '../../../../test/fixtures/monitoring/seed-matrix.ts';
import { parseMatrixCsv, parseMatrixXlsx, type MatrixParseResult } from './matrix.parse.ts';
import { writeMatrixCsv, writeMatrixXlsx } from './matrix.write.ts';
import type { Aggregation, Direction, IndicatorRow, PolicyMatrix } from '../monitoring.schema.ts';

function matrixOf(result: MatrixParseResult): PolicyMatrix {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.matrix;
}

describe('writing the matrix', () => {
  it('writes the fixture with the fixture’s columns and the same cells, numbers aside', () => {
    const written = parseCsv(writeMatrixCsv(seedMatrix())) as string[][];
    const original = parseCsv(seedCsv()) as string[][];
    expect(written[0]).toEqual(original[0]);
    expect(written.map((r) => r[0])).toEqual(original.map((r) => r[0]));
    const iop = written.find((r) => r[0] === 'IOP.01.01');
    expect(iop?.slice(7, 11)).toEqual(['2020', '62%', '63.9%', '64.5%']);
    const alert = written.find((r) => r[0] === 'ISS.02.02.01.01')?.at(-1);
    expect(alert).toBe('El servicio aún se está desarrollando.');
  });

  it('round-trips the fixture through CSV and XLSX', async () => {
    const matrix = seedMatrix();
    expect(matrixOf(parseMatrixCsv(writeMatrixCsv(matrix)))).toEqual(matrix);
    expect(matrixOf(await parseMatrixXlsx(await writeMatrixXlsx(matrix)))).toEqual(matrix);
  });

  it('round-trips the whole technical sheet and the yearly records', async () => {
    const indicator = buildIndicator({
      sheet: {
        justification: 'Mide la cobertura, "con comillas", y\nsaltos de línea.',
        limitations: 'Autodeclarado',
        calculationMethod: 'A / B × 100',
        dataSource: 'REINFO',
        unit: 'personas',
        responsible: 'DGFM-MINEM',
        indicatorType: 'Eficacia',
      },
      values: {
        '2023': { value: 12, source: 'Oficio 123-2024', date: '2024-03-01', enteredBy: 'jperez' },
        '2024': { value: null, source: 'Sin reporte' },
      },
      notes: { '2023': { alert: 'Retraso', measures: 'Reprogramar' }, '2024': { alert: 'Sin datos' } },
      published: { '2023': { avance1: 80 }, '2024': { avance1: null, avance2: 0 } },
    });
    const matrix = buildMatrix([indicator]);
    const csv = writeMatrixCsv(matrix);
    expect(csv.split('\n')[0]).toContain('alert_2023');
    expect(matrixOf(parseMatrixCsv(csv))).toEqual(matrix);
    expect(matrixOf(await parseMatrixXlsx(await writeMatrixXlsx(matrix)))).toEqual(matrix);
  });

  const PAIRS: [Direction, Aggregation][] = [
    ['ascendente', 'acumulado'],
    ['ascendente', 'no_acumulado'],
    ['descendente', 'acumulado'],
    ['descendente', 'no_acumulado'],
    ['no_definido', 'minimo_permisible'],
    ['no_definido', 'maximo_permisible'],
  ];
  const text = fc
    .string({ minLength: 1, maxLength: 30 })
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const measure = fc.option(
    fc.oneof(
      fc.integer({ min: -100, max: 5000 }),
      fc.double({ min: -1e5, max: 1e5, noNaN: true }).map((x) => x || 0),
    ),
    { nil: null },
  );
  const yearly = <T>(value: fc.Arbitrary<T>) => fc.dictionary(fc.constantFrom('2022', '2023', '2024', '2025'), value, { maxKeys: 3 });
  const indicator = (index: number) =>
    fc
      .record({
        pair: fc.constantFrom(...PAIRS),
        name: text,
        unit: fc.constantFrom(undefined, '%', 'personas'),
        responsible: fc.option(text, { nil: undefined }),
        baseline: fc.option(fc.record({ year: fc.integer({ min: 2015, max: 2024 }), value: measure }), { nil: null }),
        targets: yearly(measure),
        values: yearly(fc.record({ value: measure }, { requiredKeys: ['value'] })),
        notes: yearly(fc.record({ alert: text, measures: text }, { requiredKeys: [] })),
        published: yearly(fc.record({ avance1: measure, avance2: measure }, { requiredKeys: [] })),
      })
      .map((r): IndicatorRow => {
        const notes = Object.fromEntries(Object.entries(r.notes).filter(([, n]) => Object.keys(n).length > 0));
        const published = Object.fromEntries(Object.entries(r.published).filter(([, p]) => Object.keys(p).length > 0));
        return buildIndicator({
          code: `IOP.01.${String(index + 1).padStart(2, '0')}`,
          sheet: {
            name: r.name,
            direction: r.pair[0],
            aggregation: r.pair[1],
            ...(r.unit === undefined ? {} : { unit: r.unit }),
            ...(r.responsible === undefined ? {} : { responsible: r.responsible }),
          },
          baseline: r.baseline ?? { year: null, value: null },
          targets: r.targets,
          values: r.values,
          notes,
          published,
        });
      });

  it('round-trips any matrix through CSV and XLSX (property)', async () => {
    const matrices = fc
      .integer({ min: 1, max: 4 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => indicator(i))))
      .map((indicators) => buildMatrix(indicators));
    await fc.assert(
      fc.asyncProperty(matrices, async (matrix) => {
        expect(matrixOf(parseMatrixCsv(writeMatrixCsv(matrix)))).toEqual(matrix);
        expect(matrixOf(await parseMatrixXlsx(await writeMatrixXlsx(matrix)))).toEqual(matrix);
      }),
      { numRuns: 40 },
    );
  });
});
