import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { nameKey } from '../text.ts';

/** A sheet as officials hand it over: a header row and data rows, cells as text. */
export interface Table {
  headers: string[];
  /** `row` is the number a spreadsheet shows (header = row 1). */
  rows: { row: number; cells: string[] }[];
}

export class TableFormatError extends Error {}

/** Reads CSV (comma or semicolon, with or without BOM) or XLSX (first sheet). */
export async function readTable(file: string): Promise<Table> {
  const buf = await readFile(file);
  return /\.xlsx$/i.test(file) ? readXlsx(buf) : readCsv(buf);
}

export function readCsv(buf: Buffer): Table {
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel in es-PE saves "CSV" with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (err) {
    throw new TableFormatError(`The file is not valid CSV: ${(err as Error).message}`);
  }
  const [headers = [], ...data] = records;
  const rows = data
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { headers, rows };
}

export async function readXlsx(buf: Buffer): Promise<Table> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new TableFormatError(`The file is not a valid XLSX workbook: ${(err as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new TableFormatError('The workbook has no sheet');
  const width = ws.columnCount;
  const text = (row: ExcelJS.Row): string[] => {
    const out: string[] = [];
    for (let c = 1; c <= width; c++) out.push(cellText(row.getCell(c).value));
    return out;
  };
  const headers = text(ws.getRow(1));
  const rows: Table['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells = text(row);
    if (cells.some((c) => c !== '')) rows.push({ row: n, cells });
  });
  return { headers, rows };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
  }
  return String(v);
}

/**
 * Maps the file's headers to canonical names, case- and accent-insensitively.
 * `spec` maps each canonical name to its accepted spellings.
 */
export function matchHeaders<K extends string>(
  headers: string[],
  spec: Record<K, readonly string[]>,
): { index: Partial<Record<K, number>>; unknown: string[] } {
  const byKey = new Map<string, K>();
  for (const [canonical, aliases] of Object.entries(spec) as [K, readonly string[]][]) {
    for (const a of aliases) byKey.set(nameKey(a), canonical);
  }
  const index: Partial<Record<K, number>> = {};
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    const k = byKey.get(nameKey(h));
    if (k !== undefined && index[k] === undefined) index[k] = i;
    else if (h.trim() !== '') unknown.push(h);
  });
  return { index, unknown };
}
