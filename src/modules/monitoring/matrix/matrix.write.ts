import { stringify } from 'csv-stringify/sync';
import { isIndicatorRow } from './hierarchy.domain.ts';
import { FIXED_COLUMNS, SHEET_COLUMNS, noteYear, columnSpec, type ColumnSpec } from './matrix.columns.ts';
import type { IndicatorRow, Measure, MatrixRow, PolicyMatrix } from '../monitoring.schema.ts';

/**
 * Write a policy matrix in the file layout `matrix.parse.ts` reads (the fixture's
 * columns first; optional columns only when some row uses them), so that parsing what
 * was written gives the same matrix back.
 */

/** A cell to write: text, a plain number, a number of a percent indicator, or blank. */
type OutCell = string | number | { percent: number } | null;

function years(keys: Iterable<string>): number[] {
  return [...new Set([...keys].map(Number))].sort((a, b) => a - b);
}

function hasNumber(row: IndicatorRow): boolean {
  return row.baseline.value !== null || Object.values(row.targets).some((t) => t !== null) || Object.values(row.values).some((v) => v.value !== null);
}

/** Whether the unit has to be written: a percent sign on the numbers says `%` by itself. */
function needsUnitColumn(row: IndicatorRow): boolean {
  const unit = row.sheet.unit;
  return unit !== undefined && (unit !== '%' || !hasNumber(row));
}

/** The header of the file for a matrix. */
export function matrixHeader(matrix: PolicyMatrix): string[] {
  const indicators = matrix.rows.filter(isIndicatorRow);
  const targetYears = years(indicators.flatMap((r) => Object.keys(r.targets)));
  const valueYears = years(indicators.flatMap((r) => Object.keys(r.values)));
  const publishedYears = years(matrix.rows.flatMap((r) => Object.keys(r.published)));
  const header: string[] = [
    ...FIXED_COLUMNS,
    ...targetYears.map((y) => `target_${y}`),
    ...valueYears.map((y) => `value_${y}`),
    ...publishedYears.flatMap((y) => [`published_avance1_${y}`, `published_avance2_${y}`]),
  ];
  const bareYear = noteYear(header.map(columnSpec));
  for (const field of ['alert', 'measures'] as const) {
    const noteYears = years(indicators.flatMap((r) => Object.entries(r.notes).flatMap(([y, n]) => (n[field] === undefined ? [] : [y]))));
    if (noteYears.length === 1 && noteYears[0] === bareYear) header.push(field);
    else header.push(...noteYears.map((y) => `${field}_${y}`));
  }
  for (const field of ['source', 'date', 'entered_by'] as const) {
    const key = field === 'entered_by' ? 'enteredBy' : field;
    const used = years(indicators.flatMap((r) => Object.entries(r.values).flatMap(([y, v]) => (v[key] === undefined ? [] : [y]))));
    header.push(...used.map((y) => `value_${field}_${y}`));
  }
  for (const column of SHEET_COLUMNS) {
    const used = column === 'unit' ? indicators.some(needsUnitColumn) : indicators.some((r) => sheetText(r, column) !== undefined);
    if (used) header.push(column);
  }
  return header;
}

function sheetText(row: IndicatorRow, column: (typeof SHEET_COLUMNS)[number]): string | undefined {
  switch (column) {
    case 'justification':
      return row.sheet.justification;
    case 'limitations':
      return row.sheet.limitations;
    case 'calculation_method':
      return row.sheet.calculationMethod;
    case 'data_source':
      return row.sheet.dataSource;
    case 'unit':
      return row.sheet.unit;
  }
}

function measureCell(value: Measure | undefined, percent: boolean): OutCell {
  if (value === undefined) return null;
  if (value === null) return 'ND';
  return percent ? { percent: value } : value;
}

function cellFor(row: MatrixRow, spec: ColumnSpec, bareNoteYear: number | null): OutCell {
  if (spec.kind === 'fixed' && spec.name === 'code') return row.code;
  if (spec.kind === 'fixed' && spec.name === 'level') return row.level;
  if (spec.kind === 'yearly' && (spec.name === 'published_avance1' || spec.name === 'published_avance2')) {
    const field = spec.name === 'published_avance1' ? 'avance1' : 'avance2';
    return measureCell(row.published[String(spec.year)]?.[field], false);
  }
  if (!isIndicatorRow(row)) return spec.kind === 'fixed' && spec.name === 'name' ? row.name : null;
  const percent = row.sheet.unit === '%';
  switch (spec.kind) {
    case 'fixed':
      switch (spec.name) {
        case 'name':
          return row.sheet.name;
        case 'responsible':
          return row.sheet.responsible ?? null;
        case 'indicator_type':
          return row.sheet.indicatorType ?? null;
        case 'direction':
          return row.sheet.direction;
        case 'aggregation':
          return row.sheet.aggregation;
        case 'baseline_year':
          return row.baseline.year;
        case 'baseline_value':
          return row.baseline.year === null && row.baseline.value === null ? null : measureCell(row.baseline.value, percent);
        default:
          return null;
      }
    case 'sheet':
      return sheetText(row, spec.name) ?? null;
    case 'note':
      return bareNoteYear === null ? null : (row.notes[String(bareNoteYear)]?.[spec.name] ?? null);
    case 'yearly': {
      const key = String(spec.year);
      switch (spec.name) {
        case 'target':
          return measureCell(row.targets[key], percent);
        case 'value':
          return measureCell(row.values[key]?.value, percent);
        case 'value_source':
          return row.values[key]?.source ?? null;
        case 'value_date':
          return row.values[key]?.date ?? null;
        case 'value_entered_by':
          return row.values[key]?.enteredBy ?? null;
        case 'alert':
        case 'measures':
          return row.notes[key]?.[spec.name] ?? null;
        default:
          return null;
      }
    }
  }
}

/** The matrix as a header and rows of cells to write. */
function matrixTable(matrix: PolicyMatrix): { header: string[]; rows: OutCell[][] } {
  const header = matrixHeader(matrix);
  const specs = header.map((h) => {
    const spec = columnSpec(h);
    if (spec === null) throw new Error(`unknown column ${h}`);
    return spec;
  });
  const bareNoteYear = noteYear(specs);
  return { header, rows: matrix.rows.map((row) => specs.map((spec) => cellFor(row, spec, bareNoteYear))) };
}

function csvText(cell: OutCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return `${String(cell.percent)}%`;
}

/** The matrix as CSV (UTF-8 text, comma separated, header first). */
export function writeMatrixCsv(matrix: PolicyMatrix): string {
  const { header, rows } = matrixTable(matrix);
  return stringify([header, ...rows.map((r) => r.map(csvText))], { record_delimiter: '\n' });
}

/**
 * A literal percent sign: Excel shows `62.0%` for the number 62 without scaling it, and
 * `matrix.parse.ts` reads it back as 62 of a percent indicator, exactly.
 */
export const PERCENT_NUMBER_FORMAT = '0.0##"%"';

/** The matrix as an XLSX workbook (one sheet, numbers as numbers). */
export async function writeMatrixXlsx(matrix: PolicyMatrix): Promise<Uint8Array> {
  const { header, rows } = matrixTable(matrix);
  const { default: Excel } = await import('exceljs'); // loaded on first use: it is large
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('Matriz');
  sheet.addRow(header).font = { bold: true };
  for (const cells of rows) {
    const row = sheet.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? c.percent : c)));
    cells.forEach((c, i) => {
      if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = PERCENT_NUMBER_FORMAT;
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
