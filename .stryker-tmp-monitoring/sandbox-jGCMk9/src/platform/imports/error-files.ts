/**
 * The two files an import leaves beside a file it refused, in ONE format for every
 * import and for the upload's download:
 * - FILE.errors.csv — `row,column,value,message,code`, one line per error;
 * - FILE.rejected.csv — the file's header and rejected rows as they were, plus `ERRORES`
 *   (the shared rejected-rows cut of files/rejected-rows.ts).
 * Both through the one CSV writer (files/csv.ts: UTF-8 BOM, formula cells neutralised).
 */
// @ts-nocheck

import { toCsv } from '../files/csv.ts';
import { rejectedRows } from '../files/rejected-rows.ts';
import type { Table } from '../files/tabular.ts';
import type { ImportSource } from './sources.ts';
import type { RowError } from './types.ts';

export const ERRORS_HEADER = ['row', 'column', 'value', 'message', 'code'] as const;

export function errorsCsv(errors: readonly RowError[]): string {
  return toCsv(
    [...ERRORS_HEADER],
    errors.map((e) => [e.row, e.column, e.value, e.message, e.code]),
  );
}

/** The source's records as a table, when they can be read again (tabular and GeoJSON; a streamed JSONL cannot). */
export function sourceTable(source: ImportSource): Table | null {
  if (source.table) return source.table;
  const records = source.records();
  if (!Array.isArray(records)) return null;
  const list = records as { row: number; cells: readonly string[]; properties?: Readonly<Record<string, string>> }[];
  const headers = source.format === 'geojson' ? [...source.headers] : ['LINEA'];
  return {
    headers,
    rows: list.map((r) => ({ row: r.row, cells: r.properties ? headers.map((h) => r.properties![h] ?? '') : [...r.cells] })),
  };
}

/** The rejected rows, cut out of the file, with why (null when the records cannot be re-read). */
export function rejectedRowsCsvOf(source: ImportSource, errors: readonly RowError[]): string | null {
  const table = sourceTable(source);
  if (!table) return null;
  const { headers, rows } = rejectedRows(table, errors);
  return toCsv(
    headers,
    rows.map((r) => r.cells),
  );
}
