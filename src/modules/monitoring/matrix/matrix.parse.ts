import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { missingParents } from './hierarchy.domain.ts';
import { columnSpec, noteYear, type ColumnSpec, type MatrixError } from './matrix.columns.ts';
import { buildRow, type RowCells } from './matrix.rows.ts';
import type { MatrixRow, PolicyMatrix } from '../monitoring.schema.ts';
import { decodeText } from '../../../platform/imports/decode.ts';
import { FileRejected } from '../../../platform/imports/errors.ts';
import { DEFAULT_LIMITS } from '../../../platform/imports/limits.ts';
import { checkXlsxSize } from '../../../platform/imports/xlsx-guard.ts';

export type { MatrixError };

export type MatrixParseResult = { ok: true; matrix: PolicyMatrix } | { ok: false; errors: MatrixError[] };

/** A sheet of text cells: the header and the data rows with their spreadsheet numbers. */
export interface RawTable {
  header: string[];
  rows: { rowNumber: number; cells: string[] }[];
}

/** One line per error, for stderr. */
export function formatMatrixError(error: MatrixError): string {
  const where = error.column === '' ? `row ${error.row}` : `row ${error.row}, column ${error.column}`;
  const value = error.value === '' ? '' : ` (value "${error.value}")`;
  return `${where}${value}: ${error.message}`;
}

function checkHeader(header: readonly string[]): { specs: (ColumnSpec | null)[]; errors: MatrixError[] } {
  const errors: MatrixError[] = [];
  const seen = new Set<string>();
  const specs = header.map((name, index) => {
    const key = name.trim().toLowerCase();
    const column = name.trim() === '' ? `#${index + 1}` : name;
    if (key === '') {
      errors.push({ row: 1, column, value: '', message: 'empty column name' });
      return null;
    }
    const spec = columnSpec(key);
    if (spec === null) errors.push({ row: 1, column, value: name, message: 'unknown column' });
    if (seen.has(key)) errors.push({ row: 1, column, value: name, message: 'duplicate column' });
    seen.add(key);
    return spec;
  });
  for (const required of ['code', 'level', 'name']) {
    if (!seen.has(required)) {
      errors.push({ row: 1, column: required, value: '', message: 'required column is missing' });
    }
  }
  return { specs, errors };
}

/**
 * Parse a matrix from text cells: every row checked (code shape and level, parents,
 * direction × aggregation, numbers, years), all errors collected.
 */
export function parseMatrixTable(table: RawTable): MatrixParseResult {
  const { specs, errors } = checkHeader(table.header);
  if (errors.length > 0) return { ok: false, errors };
  const alertYear = noteYear(specs);
  const rows: MatrixRow[] = [];
  const rowNumbers = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const extra = cells.slice(table.header.length).find((c) => c.trim() !== '');
    if (extra !== undefined) {
      errors.push({ row: rowNumber, column: '', value: extra, message: 'cell beyond the last column' });
    }
    const rowCells: RowCells = { rowNumber, header: table.header, specs, cells, alertYear };
    const built = buildRow(rowCells);
    errors.push(...built.errors);
    if (built.row === null) continue;
    if (rowNumbers.has(built.row.code)) {
      errors.push({
        row: rowNumber,
        column: 'code',
        value: built.row.code,
        message: `duplicate code (first on row ${rowNumbers.get(built.row.code)})`,
      });
      continue;
    }
    rowNumbers.set(built.row.code, rowNumber);
    rows.push(built.row);
  }
  for (const { code, parent } of missingParents(rows.map((r) => r.code))) {
    errors.push({
      row: rowNumbers.get(code) ?? 0,
      column: 'code',
      value: code,
      message: `its parent ${parent} is not in the matrix`,
    });
  }
  if (errors.length > 0) {
    return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  }
  return { ok: true, matrix: { policy: {}, rows } };
}

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Parse a matrix from CSV text (comma, semicolon or tab separated; BOM tolerated). */
export function parseMatrixCsv(text: string): MatrixParseResult {
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\ufeff/, '')),
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ row: line, column: '', value: '', message: `unreadable CSV: ${message}` }] };
  }
  const [header, ...data] = records;
  if (header === undefined) {
    return { ok: false, errors: [{ row: 1, column: '', value: '', message: 'the file is empty' }] };
  }
  return parseMatrixTable({
    header,
    rows: data.map((cells, index) => ({ rowNumber: index + 2, cells })),
  });
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether a number format scales by 100 (a `%` outside quotes and escapes). */
export function isScaledPercentFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined) return false;
  const unquoted = numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return unquoted.includes('%');
}

/**
 * A number as a person reads it: `62%` typed in Excel is stored as 0.62 with a scaling
 * percent format; `62` shown with a literal "%" (as `matrix.write.ts` writes) is 62%.
 */
function numberText(value: number, numFmt: string | undefined): string {
  if (isScaledPercentFormat(numFmt)) return `${Number((value * 100).toPrecision(12))}%`;
  return numFmt?.includes('%') ? `${value}%` : String(value);
}

/** A worksheet cell as the text a person sees as its content (percent formats rescaled). */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value, cell.numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) return '';
    if (typeof result === 'number') return numberText(result, cell.numFmt);
    if (result instanceof Date) return formatDate(result);
    if (typeof result === 'object') return String(result.error);
    return String(result);
  }
  if ('text' in value) return String(value.text);
  return cell.text;
}

/** Parse a matrix from an XLSX workbook: its first sheet, header on row 1. */
export async function parseMatrixXlsx(data: Uint8Array): Promise<MatrixParseResult> {
  const { default: Excel } = await import('exceljs'); // loaded on first use: it is large
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ row: 0, column: '', value: '', message: `unreadable XLSX: ${message}` }] };
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined || sheet.rowCount === 0) {
    return { ok: false, errors: [{ row: 1, column: '', value: '', message: 'the workbook has no rows' }] };
  }
  const width = sheet.columnCount;
  const read = (rowNumber: number): string[] => {
    const row = sheet.getRow(rowNumber);
    return Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1)));
  };
  const header = read(1);
  while (header.length > 0 && header[header.length - 1]?.trim() === '') header.pop();
  const rows: RawTable['rows'] = [];
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber += 1) {
    rows.push({ rowNumber, cells: read(rowNumber) });
  }
  return parseMatrixTable({ header, rows });
}

/** Whether bytes are an XLSX (zip) rather than CSV text. */
export function looksLikeXlsx(data: Uint8Array): boolean {
  return data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/**
 * Parse a matrix file, XLSX or CSV, by its content. CSV is decoded as the import pipeline
 * decodes every file (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252: no letter
 * lost, no U+FFFD made up); an XLSX is size-checked before it is unzipped.
 */
export async function parseMatrixFile(data: Uint8Array): Promise<MatrixParseResult> {
  try {
    if (looksLikeXlsx(data)) {
      await checkXlsxSize(data, DEFAULT_LIMITS);
      return await parseMatrixXlsx(data);
    }
    return parseMatrixCsv(decodeText(data).text);
  } catch (error) {
    if (error instanceof FileRejected) return { ok: false, errors: [{ row: 0, column: '', value: '', message: error.message }] };
    throw error;
  }
}
