/**
 * Columns of the policy matrix file (CSV or the first sheet of an XLSX), as in
 * `test/fixtures/monitoring/pnmpmma-seguimiento-2024.csv`:
 *
 * code, level, name, responsible, indicator_type, direction, aggregation, baseline_year,
 * baseline_value, target_YYYY…, value_YYYY…, published_avance1_YYYY,
 * published_avance2_YYYY, alert
 *
 * and, optional, the rest of the technical sheet and of the yearly records:
 * justification, limitations, calculation_method, data_source, unit, value_source_YYYY,
 * value_date_YYYY, value_entered_by_YYYY, alert_YYYY, measures, measures_YYYY.
 * A bare `alert` / `measures` column belongs to the report year of the file: the latest
 * year with published figures, else the latest year with values.
 */

/** A rejected cell or row, located as a spreadsheet shows it (header = row 1). */
export interface MatrixError {
  row: number;
  /** The column's header as written in the file; empty for a whole row. */
  column: string;
  value: string;
  message: string;
}

export const FIXED_COLUMNS = ['code', 'level', 'name', 'responsible', 'indicator_type', 'direction', 'aggregation', 'baseline_year', 'baseline_value'] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];

export const SHEET_COLUMNS = ['justification', 'limitations', 'calculation_method', 'data_source', 'unit'] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];

export const YEARLY_COLUMNS = [
  'target',
  'value',
  'value_source',
  'value_date',
  'value_entered_by',
  'published_avance1',
  'published_avance2',
  'alert',
  'measures',
] as const;
export type YearlyColumn = (typeof YEARLY_COLUMNS)[number];

export type ColumnSpec =
  | { kind: 'fixed'; name: FixedColumn }
  | { kind: 'sheet'; name: SheetColumn }
  | { kind: 'yearly'; name: YearlyColumn; year: number }
  /** Bare `alert` or `measures`: the report year of the file. */
  | { kind: 'note'; name: 'alert' | 'measures' };

const YEARLY = new RegExp(`^(${YEARLY_COLUMNS.join('|')})_(\\d{4})$`);

/** What a header cell names, or `null` for an unknown column. */
export function columnSpec(header: string): ColumnSpec | null {
  const name = header.trim().toLowerCase();
  if ((FIXED_COLUMNS as readonly string[]).includes(name)) {
    return { kind: 'fixed', name: name as FixedColumn };
  }
  if ((SHEET_COLUMNS as readonly string[]).includes(name)) {
    return { kind: 'sheet', name: name as SheetColumn };
  }
  if (name === 'alert' || name === 'measures') return { kind: 'note', name };
  const match = YEARLY.exec(name);
  if (match) return { kind: 'yearly', name: match[1] as YearlyColumn, year: Number(match[2]) };
  return null;
}

/** The year a bare `alert` / `measures` column belongs to, from the yearly columns present. */
export function noteYear(specs: readonly (ColumnSpec | null)[]): number | null {
  const yearsOf = (names: readonly YearlyColumn[]): number[] => specs.flatMap((s) => (s?.kind === 'yearly' && names.includes(s.name) ? [s.year] : []));
  const published = yearsOf(['published_avance1', 'published_avance2']);
  if (published.length > 0) return Math.max(...published);
  const values = yearsOf(['value']);
  return values.length > 0 ? Math.max(...values) : null;
}
