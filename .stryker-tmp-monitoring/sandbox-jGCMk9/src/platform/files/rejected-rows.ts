/**
 * The rows of an uploaded list that an import rejected, cut out of the original file
 * (CSV or XLSX) with a last column saying why: what an official fixes in Excel and
 * uploads again. The header row is kept; the rows keep their order in the file. The
 * same cut serves the CLI's FILE.rejected.csv and the upload's download.
 */
// @ts-nocheck

import { toCsv } from './csv.ts';
import type { Table } from './tabular.ts';

export interface RejectedRowError {
  /** The row number a spreadsheet shows (header = row 1). */
  row: number;
  column?: string | undefined;
  message: string;
}

export const REASON_HEADER = 'ERRORES';

/** The header plus each rejected row's cells and its reasons (`COLUMN: why | …`). Pure. */
export function rejectedRows(table: Table, errors: readonly RejectedRowError[]): { headers: string[]; rows: { row: number; cells: string[] }[] } {
  const why = new Map<number, string[]>();
  for (const e of errors) why.set(e.row, [...(why.get(e.row) ?? []), e.column ? `${e.column}: ${e.message}` : e.message]);
  const listed = table.rows.filter((r) => why.has(r.row));
  // a row longer than the header (a stray cell in a CSV) keeps its cells: the reasons go after the widest
  const width = listed.reduce((w, r) => Math.max(w, r.cells.length), table.headers.length);
  const pad = (cells: readonly string[]): string[] => [...cells, ...Array<string>(width - cells.length).fill('')];
  const rows = listed.map((r) => ({ row: r.row, cells: [...pad(r.cells), why.get(r.row)!.join(' | ')] }));
  return { headers: [...pad(table.headers), REASON_HEADER], rows };
}

/** As CSV that Excel (es-PE) opens as it is: UTF-8 with BOM, comma-separated, formula cells neutralised. */
export function rejectedRowsCsv(table: Table, errors: readonly RejectedRowError[]): string {
  const { headers, rows } = rejectedRows(table, errors);
  return toCsv(
    headers,
    rows.map((r) => r.cells),
  );
}

/**
 * As an XLSX workbook of one sheet. Every cell is text (number format `@`): a RUC, a DNI
 * or a UBIGEO code keeps its digits and leading zeros as the import reads them back.
 * Text cells are never formulas in XLSX, so nothing needs neutralising here.
 */
export async function rejectedRowsXlsx(table: Table, errors: readonly RejectedRowError[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const { headers, rows } = rejectedRows(table, errors);
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('Rechazadas', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ header: h, width: Math.min(Math.max(h.length + 2, 12), 60), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r.cells);
  const reasons = sheet.getColumn(headers.length);
  reasons.width = 80;
  reasons.font = { color: { argb: 'FFC00000' } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
