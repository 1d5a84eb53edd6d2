/**
 * `format=csv|xlsx` on a list: every row its filters match, in its order, streamed page by
 * page (keyset, so memory stays flat however long the list). CSV cells go through the
 * platform's formula-neutralising cell writer (files/csv.ts); the XLSX keeps numbers as
 * numbers (Excel computes on them) and writes with ExcelJS's streaming writer.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { BOM, safeCsvCell } from '../files/csv.ts';
import type { ListFormat, Page } from './list.ts';

export type ExportCell = string | number | boolean | null | undefined;

/** A column of the exported file: its header and the cell of a row (a number stays a number in the XLSX). */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => ExportCell;
  /** Excel number format of a numeric column (e.g. '0.000'). */
  numFmt?: string;
}

/** Rows a page at a time: `page(after)` is the list's own page function. */
export async function* allPages<T>(page: (after: string | null) => Promise<Pick<Page<T>, 'items' | 'next'>>): AsyncGenerator<T[]> {
  let after: string | null = null;
  do {
    const p: Pick<Page<T>, 'items' | 'next'> = await page(after);
    if (p.items.length > 0) yield p.items;
    after = p.next;
  } while (after !== null);
}

const csvLines = (rows: readonly (readonly ExportCell[])[]): string =>
  stringify(
    rows.map((r) => r.map(safeCsvCell)),
    { record_delimiter: '\r\n' },
  );

/** The CSV of the rows, as a stream: BOM, header, then each page as it comes. */
export function csvStream<T>(columns: readonly ExportColumn<T>[], pages: AsyncIterable<T[]>): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield BOM + csvLines([columns.map((c) => c.header)]);
    for await (const rows of pages) yield csvLines(rows.map((r) => columns.map((c) => c.value(r))));
  }
  return Readable.from(lines());
}

/** The XLSX of the rows, as a stream (one sheet, header in bold, frozen). */
export function xlsxStream<T>(sheet: string, columns: readonly ExportColumn<T>[], pages: AsyncIterable<T[]>): Readable {
  const out = new PassThrough();
  void (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({
      header: c.header,
      key: c.header,
      width: Math.max(10, Math.min(40, c.header.length + 4)),
      ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const rows of pages) for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? null)).commit();
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

const TYPES: Record<ListFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Answers the list as a file download (`<name>.csv` / `<name>.xlsx`). */
export function sendListFile<T>(reply: FastifyReply, format: ListFormat, name: string, columns: readonly ExportColumn<T>[], pages: AsyncIterable<T[]>) {
  const body = format === 'csv' ? csvStream(columns, pages) : xlsxStream(name, columns, pages);
  return reply
    .type(TYPES[format])
    .header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}
