/**
 * Sheets as officials hand them over — CSV (comma or semicolon, any of the encodings
 * Excel saves) or XLSX (first sheet) — read as a header row and data rows of text.
 * Files that are not text, workbooks that would expand past the limits, and cells with
 * NUL bytes never reach a parser or the database: they are refused with a reason.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { decodeText } from '../imports/decode.ts';
import { FileRejected } from '../imports/errors.ts';
import { DEFAULT_LIMITS, type ImportLimits } from '../imports/limits.ts';
import { checkXlsxSize } from '../imports/xlsx-guard.ts';
import { nameKey } from '../text.ts';

/** A sheet: a header row and data rows, cells as text. */
export interface Table {
  headers: string[];
  /** `row` is the number a spreadsheet shows (header = row 1). */
  rows: { row: number; cells: string[] }[];
}

/** Reads CSV or XLSX (by the file name's extension). */
export async function readTable(file: string, limits: ImportLimits = DEFAULT_LIMITS): Promise<Table> {
  const buf = await readFile(file);
  return /\.xlsx$/i.test(file) ? readXlsx(buf, limits) : readCsv(buf, limits);
}

export function readCsv(buf: Uint8Array, limits: ImportLimits = DEFAULT_LIMITS): Table {
  const { text } = decodeText(buf);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel in es-PE saves "CSV" with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      info: true,
      to: limits.maxRows + 2,
    }) as unknown as typeof records;
  } catch (err) {
    throw new FileRejected('file.format', `The file is not valid CSV: ${(err as Error).message}`);
  }
  if (records.length > limits.maxRows + 1) throw tooManyRows(limits);
  const [header, ...data] = records;
  const rows = data.map((r, i) => ({ row: i + 2, cells: r.record })).filter((r) => r.cells.some((c) => c !== ''));
  return { headers: header?.record ?? [], rows };
}

const tooManyRows = (limits: ImportLimits): FileRejected =>
  new FileRejected('file.too_many_rows', `The file has more than ${limits.maxRows.toLocaleString('en')} rows: split it`, { max: limits.maxRows });

/**
 * The first sheet of a workbook, streamed: the zip's directory is checked first (declared
 * uncompressed sizes), then rows are read one by one and reading stops past the cell limit,
 * so a spreadsheet bomb costs a bounded amount of memory.
 */
export async function readXlsx(buf: Uint8Array, limits: ImportLimits = DEFAULT_LIMITS): Promise<Table> {
  await checkXlsxSize(buf, limits);
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(buf)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let headers: string[] | null = null;
  const rows: Table['rows'] = [];
  let cells = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const width = Math.max(row.cellCount, headers?.length ?? 0);
        cells += width;
        if (cells > limits.maxXlsxCells) {
          throw new FileRejected('file.too_many_cells', `The sheet has more than ${limits.maxXlsxCells.toLocaleString('en')} cells: split it`, {
            max: limits.maxXlsxCells,
          });
        }
        const text: string[] = [];
        for (let c = 1; c <= width; c++) text.push(cellText(row.getCell(c).value));
        if (row.number === 1) headers = text;
        else if (text.some((c) => c !== '')) {
          if (rows.length >= limits.maxRows) throw tooManyRows(limits);
          rows.push({ row: row.number, cells: text });
        }
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof FileRejected) throw err;
    throw new FileRejected('file.format', `The file is not a valid XLSX workbook: ${(err as Error).message}`);
  }
  if (headers === null && rows.length === 0) throw new FileRejected('file.format', 'The workbook has no sheet, or its first sheet is empty');
  const width = headers?.length ?? 0;
  return {
    headers: headers ?? [],
    rows: rows.map((r) => ({ row: r.row, cells: r.cells.length > width && r.cells.slice(width).every((c) => c === '') ? r.cells.slice(0, width) : r.cells })),
  };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/**
 * Maps the file's headers to canonical names, case- and accent-insensitively.
 * `spec` maps each canonical name to its accepted spellings.
 */
export function matchHeaders<K extends string>(
  headers: readonly string[],
  spec: Record<K, readonly string[]>,
): { index: Partial<Record<K, number>>; unknown: string[] } {
  const byKey = new Map<string, K>();
  for (const [canonical, aliases] of Object.entries(spec) as [K, readonly string[]][]) {
    for (const a of [canonical, ...aliases]) if (!byKey.has(nameKey(a))) byKey.set(nameKey(a), canonical);
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
