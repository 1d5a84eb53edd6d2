/**
 * Reads an XLSForm workbook (every sheet, cells as text) with ExcelJS, and turns it into
 * a form definition. The version defaults to a digest of the workbook's content, so the
 * same file is the same version and a changed file without `settings.version` is a new one.
 */
// @ts-nocheck

import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { parseXlsForm, type Sheet, type XlsFormResult } from './xlsform.domain.ts';

export class WorkbookError extends Error {}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

/** Every sheet of a workbook as text rows (`row` as Excel numbers it). */
export async function readSheets(buf: Buffer): Promise<Sheet[]> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new WorkbookError(`The file is not a valid XLSX workbook: ${(err as Error).message}`);
  }
  return wb.worksheets.map((ws) => {
    const width = ws.columnCount;
    const text = (row: ExcelJS.Row): string[] => {
      const out: string[] = [];
      for (let c = 1; c <= width; c++) out.push(cellText(row.getCell(c).value));
      return out;
    };
    const rows: Sheet['rows'] = [];
    let headers: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) headers = text(row);
      else rows.push({ row: n, cells: text(row) });
    });
    return { name: ws.name, headers, rows };
  });
}

/** A workbook to a form: the file name is the form_id when the settings sheet has none. */
export async function readXlsForm(buf: Buffer, fileName: string): Promise<XlsFormResult & { sha256: string }> {
  const sha256 = createHash('sha256').update(buf).digest('hex');
  let sheets: Sheet[];
  try {
    sheets = await readSheets(buf);
  } catch (err) {
    if (!(err instanceof WorkbookError)) throw err;
    return { ok: false, errors: [{ sheet: '', row: 0, column: '', message: err.message }], sha256 };
  }
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.xlsx$/i, '')
    .replace(/[^A-Za-z0-9_.-]/g, '_');
  const fallbackId = /^[A-Za-z_]/.test(base) ? base : `form_${base}`;
  return { ...parseXlsForm(sheets, { fallbackId, fallbackVersion: sha256.slice(0, 12) }), sha256 };
}

/** Writes sheets as an XLSX workbook (tests, the shipped form's build). */
export async function writeSheets(sheets: readonly { name: string; rows: readonly (readonly string[])[] }[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow([...r]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
