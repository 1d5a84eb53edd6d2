/**
 * The one CSV writer of the server: what Excel (es-PE) opens as it is — UTF-8 with a
 * byte-order mark, comma-separated, CRLF, quoted when needed — with every cell that a
 * spreadsheet would run as a formula neutralised (see csv-cell.ts).
 */
// @ts-nocheck

import { stringify } from 'csv-stringify/sync';
import { safeCsvCell } from './csv-cell.ts';

export type CsvCell = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

/** A header and rows as CSV text (with BOM unless `bom: false`). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, opts: { bom?: boolean } = {}): string {
  const records: string[][] = [header.map(safeCsvCell)];
  for (const r of rows) records.push(r.map(safeCsvCell));
  return (opts.bom === false ? '' : BOM) + stringify(records, { record_delimiter: '\r\n' });
}

export { safeCsvCell };
