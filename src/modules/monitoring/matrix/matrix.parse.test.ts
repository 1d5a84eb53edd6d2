import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { indicatorOf, seedCsv, seedMatrix } from '../../../../test/fixtures/monitoring/seed-matrix.ts';
import { parentCode } from './hierarchy.domain.ts';
import { parseAggregation, parseDirection, parseMeasureCell } from './matrix.cells.ts';
import { formatMatrixError, parseMatrixCsv, parseMatrixFile, parseMatrixXlsx, type MatrixError } from './matrix.parse.ts';

const HEADER =
  'code,level,name,responsible,indicator_type,direction,aggregation,baseline_year,baseline_value,target_2024,value_2024,published_avance1_2024,published_avance2_2024,alert';

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

function errorsOf(text: string): MatrixError[] {
  const result = parseMatrixCsv(text);
  if (result.ok) throw new Error('expected the matrix to be rejected');
  return result.errors;
}

describe('cells', () => {
  it('reads numbers as the fixture writes them', () => {
    expect(parseMeasureCell('62%')).toEqual({ kind: 'number', value: 62, percent: true });
    expect(parseMeasureCell('63.90%')).toEqual({ kind: 'number', value: 63.9, percent: true });
    expect(parseMeasureCell('0.10%')).toEqual({ kind: 'number', value: 0.1, percent: true });
    expect(parseMeasureCell('13.3')).toEqual({ kind: 'number', value: 13.3, percent: false });
    expect(parseMeasureCell(' 1000 ')).toEqual({ kind: 'number', value: 1000, percent: false });
    expect(parseMeasureCell('-8.3')).toEqual({ kind: 'number', value: -8.3, percent: false });
    expect(parseMeasureCell('0.0')).toEqual({ kind: 'number', value: 0, percent: false });
  });

  it('reads ND and blanks apart', () => {
    for (const nd of ['ND', 'nd', 'N.D.', 'N/D']) expect(parseMeasureCell(nd)).toEqual({ kind: 'nd' });
    expect(parseMeasureCell('')).toEqual({ kind: 'blank' });
    expect(parseMeasureCell('   ')).toEqual({ kind: 'blank' });
  });

  it('reads decimal commas, thousands separators and the Unicode minus', () => {
    expect(parseMeasureCell('62,5%')).toMatchObject({ value: 62.5 });
    expect(parseMeasureCell('0,10')).toMatchObject({ value: 0.1 });
    expect(parseMeasureCell('1,000')).toMatchObject({ value: 1000 });
    expect(parseMeasureCell('1,234.5')).toMatchObject({ value: 1234.5 });
    expect(parseMeasureCell('1.234,5')).toMatchObject({ value: 1234.5 });
    expect(parseMeasureCell('−8.3')).toMatchObject({ value: -8.3 });
  });

  it('rejects what is not a number', () => {
    for (const bad of ['abc', '12a', '%', '1..2', '#DIV/0!', '5 %%']) expect(parseMeasureCell(bad)).toEqual({ kind: 'invalid' });
  });

  it('reads directions and aggregations however they are spelled', () => {
    expect(parseDirection('Ascendente')).toBe('ascendente');
    expect(parseDirection('no definido')).toBe('no_definido');
    expect(parseDirection('subiendo')).toBeNull();
    expect(parseAggregation('no acumulado')).toBe('no_acumulado');
    expect(parseAggregation('Mínimo permisible')).toBe('minimo_permisible');
    expect(parseAggregation('máximo-permisible')).toBe('maximo_permisible');
    expect(parseAggregation('sumado')).toBeNull();
  });

  it('derives parents from codes', () => {
    expect(parentCode('ISS.01.02.01.01')).toBe('SS.01.02.01');
    expect(parentCode('SS.01.02.01')).toBe('LN.01.02');
    expect(parentCode('LN.01.02')).toBe('OP.01');
    expect(parentCode('IOP.01.01')).toBe('OP.01');
    expect(parentCode('OP.01')).toBeNull();
  });
});

describe('the seed fixture', () => {
  const matrix = seedMatrix();

  it('has the 4 objectives, 8 IOP, 19 ISS and their guidelines and services, in file order', () => {
    const count = (level: string) => matrix.rows.filter((r) => r.level === level).length;
    expect([count('OP'), count('IOP'), count('LN'), count('SS'), count('ISS')]).toEqual([4, 8, 17, 19, 19]);
    expect(matrix.rows[0]?.code).toBe('OP.01');
    expect(matrix.rows.at(-1)?.code).toBe('ISS.04.04.01.01');
  });

  it('reads an indicator completely', () => {
    expect(indicatorOf(matrix, 'IOP.01.01')).toEqual({
      code: 'IOP.01.01',
      level: 'IOP',
      sheet: {
        name: 'Porcentaje de pequeños mineros y mineros artesanales (formales e informales) con instrumentos de gestión ambiental implementados en sus actividades mineras.',
        responsible: 'DGFM-MINEM',
        direction: 'ascendente',
        aggregation: 'no_acumulado',
        unit: '%',
      },
      baseline: { year: 2020, value: 62 },
      targets: { '2023': 63.9, '2024': 64.5, '2025': 65.2, '2026': 65.8, '2027': 66.5, '2028': 67.1, '2029': 67.8, '2030': 68.5 },
      values: { '2023': { value: 67 }, '2024': { value: 87 } },
      notes: {},
      published: { '2024': { avance1: 136.2, avance2: 1315.8 } },
    });
  });

  it('keeps ND apart from numbers, units from the percent signs, and the alert of 2024', () => {
    const iss = indicatorOf(matrix, 'ISS.02.05.01.01');
    expect(iss.values).toEqual({ '2023': { value: null }, '2024': { value: null } });
    expect(iss.published['2024']).toEqual({ avance1: null, avance2: 0 });
    expect(iss.sheet.unit).toBeUndefined();
    expect(iss.sheet.indicatorType).toBe('Calidad');
    expect(iss.notes['2024']?.alert).toMatch(/^El servicio aún no se ha implementado/);
    expect(indicatorOf(matrix, 'ISS.01.04.01.01').sheet).toMatchObject({ direction: 'no_definido', aggregation: 'minimo_permisible' });
    expect(indicatorOf(matrix, 'ISS.01.05.01.01').baseline).toEqual({ year: 2020, value: 0.1 });
  });

  it('is read the same from bytes, with a BOM, with semicolons and with CRLF', async () => {
    const bytes = new TextEncoder().encode(`\ufeff${seedCsv()}`);
    const fromBytes = await parseMatrixFile(bytes);
    expect(fromBytes).toEqual({ ok: true, matrix });
    const records = parseCsv(seedCsv()) as string[][];
    const semicolons = stringify(records, { delimiter: ';', record_delimiter: '\r\n' });
    expect(parseMatrixCsv(semicolons)).toEqual({ ok: true, matrix });
  });
});

describe('row-level errors', () => {
  const op = 'OP.01,OP,Objetivo,,,,,,,,,,,';

  it('reject a permisible aggregation with a direction, and no_definido with a plain aggregation', () => {
    const errors = errorsOf(
      csv(op, 'IOP.01.01,IOP,Indicador,X,,ascendente,minimo_permisible,2020,1,2,3,,,', 'IOP.01.02,IOP,Indicador,X,,no_definido,acumulado,2020,1,2,3,,,'),
    );
    expect(errors).toEqual([
      expect.objectContaining({ row: 3, column: 'aggregation', value: 'minimo_permisible' }),
      expect.objectContaining({ row: 4, column: 'aggregation', value: 'acumulado' }),
    ]);
    expect(errors[0]?.message).toMatch(/no_definido/);
  });

  it('locate unparseable cells, unknown values and missing parents', () => {
    const errors = errorsOf(
      csv(
        op,
        'IOP.01.01,IOP,Indicador,X,,ascendente,no_acumulado,2020,1,dos,3,,,',
        'IOP.01.02,IOP,Indicador,X,,hacia arriba,no_acumulado,20,1,2,3,,,',
        'ISS.01.01.01.01,ISS,Indicador,X,,ascendente,acumulado,2020,1,2,3,,,',
        'LN.02.01,LN,Lineamiento,,,,,,,,,,,',
      ),
    );
    expect(errors).toEqual([
      { row: 3, column: 'target_2024', value: 'dos', message: 'not a number, a percentage or ND' },
      expect.objectContaining({ row: 4, column: 'direction', value: 'hacia arriba' }),
      expect.objectContaining({ row: 4, column: 'baseline_year', value: '20' }),
      expect.objectContaining({ row: 5, column: 'code', message: 'its parent SS.01.01.01 is not in the matrix' }),
      expect.objectContaining({ row: 6, column: 'code', message: 'its parent OP.02 is not in the matrix' }),
    ]);
    expect(formatMatrixError(errors[0] as MatrixError)).toBe('row 3, column target_2024 (value "dos"): not a number, a percentage or ND');
  });

  it('count rows as a spreadsheet shows them, multi-line cells included', () => {
    const errors = errorsOf(csv('OP.01,OP,"Objetivo en\ndos líneas",,,,,,,,,,,', '', 'IOP.01.01,IOP,I,X,,ascendente,no_acumulado,2020,1,2,x,,,'));
    expect(errors).toEqual([expect.objectContaining({ row: 4, column: 'value_2024' })]);
  });

  it('reject bad codes, levels that contradict them, duplicates and values on non-indicators', () => {
    const errors = errorsOf(
      csv(
        op,
        'OP.01,OP,Otra vez,,,,,,,,,,,',
        'IOP.1,IOP,Mal código,,,ascendente,acumulado,,,,,,,',
        'LN.01.01,SS,Nivel equivocado,,,,,,,,,,,',
        'SS.01.01.01,SS,Servicio,,,ascendente,,,,,,,,',
        'SS.01.01.02,SS,Servicio,,,,,,,,,99,,',
      ),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'code'],
      [4, 'code'],
      [5, 'level'],
      [6, 'direction'],
      [7, 'published_avance1_2024'],
    ]);
  });

  it('reject unknown and duplicate columns on row 1', () => {
    const errors = errorsOf('code,level,name,valeu_2024,name\nOP.01,OP,Objetivo,,');
    expect(errors).toEqual([
      expect.objectContaining({ row: 1, column: 'valeu_2024', message: 'unknown column' }),
      expect.objectContaining({ row: 1, column: 'name', message: 'duplicate column' }),
    ]);
  });

  it('need a year for a bare alert column', () => {
    const errors = errorsOf('code,level,name,direction,aggregation,target_2024,alert\nOP.01,OP,O,,,,\nIOP.01.01,IOP,I,ascendente,acumulado,5,Atención');
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: 'alert' })]);
  });
});

describe('XLSX', () => {
  async function workbook(rows: (string | number | null)[][], formats: Record<string, string> = {}): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Hoja1');
    for (const row of rows) sheet.addRow(row);
    for (const [address, numFmt] of Object.entries(formats)) sheet.getCell(address).numFmt = numFmt;
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  it('reads the first sheet with typed cells, percent formats included', async () => {
    const data = await workbook(
      [
        ['code', 'level', 'name', 'direction', 'aggregation', 'baseline_year', 'baseline_value', 'target_2024', 'value_2024'],
        ['OP.01', 'OP', 'Objetivo', null, null, null, null, null, null],
        ['IOP.01.01', 'IOP', 'Indicador', 'ascendente', 'no acumulado', 2020, 0.62, 0.639, 'ND'],
      ],
      { G3: '0%', H3: '0.00%' },
    );
    const result = await parseMatrixXlsx(data);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = indicatorOf(result.matrix, 'IOP.01.01');
    expect(row.baseline).toEqual({ year: 2020, value: 62 });
    expect(row.targets).toEqual({ '2024': 63.9 });
    expect(row.values).toEqual({ '2024': { value: null } });
    expect(row.sheet.unit).toBe('%');
    expect(await parseMatrixFile(data)).toEqual(result);
  });

  it('reports errors with the sheet’s row numbers', async () => {
    const data = await workbook([
      ['code', 'level', 'name', 'direction', 'aggregation'],
      ['OP.01', 'OP', 'Objetivo', null, null],
      [null, null, null, null, null],
      ['IOP.01.01', 'IOP', 'Indicador', 'no_definido', 'no_acumulado'],
    ]);
    const result = await parseMatrixXlsx(data);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ row: 4, column: 'aggregation' })] });
  });

  it('rejects a file that is not a workbook', async () => {
    const result = await parseMatrixXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(result.ok).toBe(false);
  });
});
