import { isIndicatorRow } from './hierarchy.domain.ts';
import type { Measure, PolicyMatrix } from '../monitoring.schema.ts';

/**
 * A policy matrix as the rows the database stores (db/migrations/0006_monitoring.sql),
 * and what storing one matrix over another changes. Pure: the service loads the stored
 * matrix, compares, and writes only when something changed (an identical re-import
 * writes nothing, not even an audit entry).
 */

export interface ElementRecord {
  code: string;
  position: number;
  name: string;
}

export interface IndicatorRecord {
  code: string;
  direction: string;
  aggregation: string;
  responsible: string | null;
  indicator_type: string | null;
  justification: string | null;
  limitations: string | null;
  calculation_method: string | null;
  data_source: string | null;
  unit: string | null;
  baseline_year: number | null;
  baseline_value: number | null;
}

export interface TargetRecord {
  code: string;
  year: number;
  value: Measure;
}

/** A value as stored; `status` `nd` is ND (value null). */
export interface ValueRecord {
  code: string;
  year: number;
  status: 'measured' | 'nd';
  value: Measure;
  source: string | null;
  value_date: string | null;
  entered_by: string | null;
}

export interface NoteRecord {
  code: string;
  year: number;
  alert: string | null;
  measures: string | null;
}

export interface PublishedRecord {
  code: string;
  year: number;
  field: 'avance1' | 'avance2';
  value: Measure;
}

export interface MatrixRecords {
  elements: ElementRecord[];
  indicators: IndicatorRecord[];
  targets: TargetRecord[];
  values: ValueRecord[];
  notes: NoteRecord[];
  published: PublishedRecord[];
}

/** Something the file format accepts but the database does not (a row-level error). */
export interface StorageProblem {
  code: string;
  column: string;
  value: string;
  message: string;
}

export interface MatrixChanges {
  elements: { added: number; changed: number; removed: number };
  targets: number;
  /** New rows of the value history (corrections and withdrawals included). */
  values: number;
  notes: number;
  published: number;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** `YYYY-MM-DD` or `DD/MM/YYYY` (as es-PE spreadsheets write dates) → ISO, or null. */
export function isoDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const out = date.toISOString().slice(0, 10);
  return out === `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` ? out : null;
}

const orNull = (text: string | undefined): string | null => text ?? null;

/** The rows to store for a matrix, and what the database would refuse in it. */
export function toRecords(matrix: PolicyMatrix): { records: MatrixRecords; problems: StorageProblem[] } {
  const records: MatrixRecords = { elements: [], indicators: [], targets: [], values: [], notes: [], published: [] };
  const problems: StorageProblem[] = [];
  const checkYear = (code: string, column: string, year: number): void => {
    if (year < MIN_YEAR || year > MAX_YEAR)
      problems.push({ code, column, value: String(year), message: `a year between ${MIN_YEAR} and ${MAX_YEAR} is expected` });
  };
  matrix.rows.forEach((row, position) => {
    const { code } = row;
    records.elements.push({ code, position, name: isIndicatorRow(row) ? row.sheet.name : row.name });
    for (const [year, figures] of Object.entries(row.published)) {
      checkYear(code, `published_avance1_${year}`, Number(year));
      for (const field of ['avance1', 'avance2'] as const) {
        const value = figures[field];
        if (value !== undefined) records.published.push({ code, year: Number(year), field, value });
      }
    }
    if (!isIndicatorRow(row)) return;
    const { sheet, baseline } = row;
    if (baseline.year !== null) checkYear(code, 'baseline_year', baseline.year);
    records.indicators.push({
      code,
      direction: sheet.direction,
      aggregation: sheet.aggregation,
      responsible: orNull(sheet.responsible),
      indicator_type: orNull(sheet.indicatorType),
      justification: orNull(sheet.justification),
      limitations: orNull(sheet.limitations),
      calculation_method: orNull(sheet.calculationMethod),
      data_source: orNull(sheet.dataSource),
      unit: orNull(sheet.unit),
      baseline_year: baseline.year,
      baseline_value: baseline.value,
    });
    for (const [year, value] of Object.entries(row.targets)) {
      checkYear(code, `target_${year}`, Number(year));
      records.targets.push({ code, year: Number(year), value });
    }
    for (const [year, observed] of Object.entries(row.values)) {
      checkYear(code, `value_${year}`, Number(year));
      let date: string | null = null;
      if (observed.date !== undefined) {
        date = isoDate(observed.date);
        if (date === null) {
          problems.push({ code, column: `value_date_${year}`, value: observed.date, message: 'not a date (YYYY-MM-DD or DD/MM/YYYY)' });
        }
      }
      records.values.push({
        code,
        year: Number(year),
        status: observed.value === null ? 'nd' : 'measured',
        value: observed.value,
        source: orNull(observed.source),
        value_date: date,
        entered_by: orNull(observed.enteredBy),
      });
    }
    for (const [year, note] of Object.entries(row.notes)) {
      checkYear(code, `alert_${year}`, Number(year));
      records.notes.push({ code, year: Number(year), alert: orNull(note.alert), measures: orNull(note.measures) });
    }
  });
  return { records, problems };
}

interface Diff {
  added: number;
  changed: number;
  removed: number;
}

function diff<T>(before: readonly T[], after: readonly T[], key: (r: T) => string): Diff {
  const old = new Map(before.map((r) => [key(r), JSON.stringify(r)]));
  const out: Diff = { added: 0, changed: 0, removed: 0 };
  const seen = new Set<string>();
  for (const r of after) {
    const k = key(r);
    seen.add(k);
    const previous = old.get(k);
    if (previous === undefined) out.added += 1;
    else if (previous !== JSON.stringify(r)) out.changed += 1;
  }
  for (const k of old.keys()) if (!seen.has(k)) out.removed += 1;
  return out;
}

const total = (d: Diff): number => d.added + d.changed + d.removed;
const byCode = (r: { code: string }): string => r.code;
const byYear = (r: { code: string; year: number }): string => `${r.code}|${r.year}`;

/**
 * What storing `after` over `before` (null: a new policy) changes, row by row: elements
 * added, changed (name, position or technical sheet) and removed; targets, notes and
 * published figures added, changed or removed; values whose current entry differs
 * (each becomes a new row of the history, a value no longer in the matrix a withdrawal).
 */
export function matrixChanges(before: MatrixRecords | null, after: MatrixRecords): MatrixChanges {
  const b = before ?? { elements: [], indicators: [], targets: [], values: [], notes: [], published: [] };
  const elements = diff(b.elements, after.elements, byCode);
  // An element changes with its name, its position or its technical sheet (the code fixes
  // the level, so an element has a sheet before and after or neither).
  const oldElements = new Map(b.elements.map((e) => [e.code, JSON.stringify(e)]));
  const oldSheets = new Map(b.indicators.map((i) => [i.code, JSON.stringify(i)]));
  const newSheets = new Map(after.indicators.map((i) => [i.code, JSON.stringify(i)]));
  let changed = 0;
  for (const e of after.elements) {
    const old = oldElements.get(e.code);
    if (old !== undefined && (old !== JSON.stringify(e) || oldSheets.get(e.code) !== newSheets.get(e.code))) changed += 1;
  }
  // Rows of elements no longer in the matrix stay in the database, unseen: not changes.
  const kept = new Set(after.elements.map((e) => e.code));
  const keep = <T extends { code: string }>(rows: readonly T[]): T[] => rows.filter((r) => kept.has(r.code));
  return {
    elements: { added: elements.added, changed, removed: elements.removed },
    targets: total(diff(keep(b.targets), after.targets, byYear)),
    values: total(diff(keep(b.values), after.values, byYear)),
    notes: total(diff(keep(b.notes), after.notes, byYear)),
    published: total(diff(keep(b.published), after.published, (r) => `${r.code}|${r.year}|${r.field}`)),
  };
}

/** Whether storing changes anything. */
export function hasChanges(c: MatrixChanges): boolean {
  return c.elements.added + c.elements.changed + c.elements.removed + c.targets + c.values + c.notes + c.published > 0;
}
