import { aggregationSchema, directionSchema, type Aggregation, type Direction } from '../monitoring.schema.ts';

/**
 * Cells of a policy matrix as people type them in spreadsheets: `62%`, `62`, `0.10%`,
 * `16.0%`, `ND`, `62,5` (decimal comma), `1,000` (thousands), `−8.3` (Unicode minus).
 */

export type CellMeasure = { kind: 'blank' } | { kind: 'nd' } | { kind: 'number'; value: number; percent: boolean } | { kind: 'invalid' };

const ND = /^(nd|n\.d\.?|n\/d|s\/d)$/i;
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const THOUSANDS_COMMA = /^[-+]?[1-9]\d{0,2}(,\d{3})+$/;

/** Normalize thousands and decimal separators to a plain JS number literal. */
function normalizeSeparators(text: string): string {
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Whichever comes last is the decimal separator: 1.234,5 or 1,234.5.
    return lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  }
  if (lastComma >= 0) {
    return THOUSANDS_COMMA.test(text) ? text.replace(/,/g, '') : text.replace(',', '.');
  }
  return text;
}

/** Parse a numeric cell: blank, ND, a number (percent sign noted and ignored), or invalid. */
export function parseMeasureCell(raw: string): CellMeasure {
  let text = raw.replace(/[\s\u00a0\u202f]+/g, '').replace(/[\u2212\u2013]/g, '-');
  if (text === '') return { kind: 'blank' };
  if (ND.test(text)) return { kind: 'nd' };
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1);
  } else if (text.startsWith('%')) {
    percent = true;
    text = text.slice(1);
  }
  text = normalizeSeparators(text);
  if (!PLAIN_NUMBER.test(text)) return { kind: 'invalid' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'invalid' };
  // `-0` would not survive a round trip through a spreadsheet.
  return { kind: 'number', value: value === 0 ? 0 : value, percent };
}

/** A key for enumerations: accents and case folded, spaces and hyphens as underscores. */
function enumKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_');
}

/** `ascendente`, `Descendente`, `no definido`, `No_definido` … or `null`. */
export function parseDirection(text: string): Direction | null {
  const parsed = directionSchema.safeParse(enumKey(text));
  return parsed.success ? parsed.data : null;
}

/** `acumulado`, `no acumulado`, `mínimo permisible`, `maximo_permisible` … or `null`. */
export function parseAggregation(text: string): Aggregation | null {
  const parsed = aggregationSchema.safeParse(enumKey(text));
  return parsed.success ? parsed.data : null;
}

/** A four-digit year, or `null`. */
export function parseYearCell(text: string): number | null {
  const trimmed = text.trim().replace(/\.0+$/, '');
  return /^\d{4}$/.test(trimmed) ? Number(trimmed) : null;
}

/** The shortest text that parses back to the same number (`62`, `0.1`, `1315.79`). */
export function formatMeasure(value: number | null | undefined, percent: boolean): string {
  if (value === undefined) return '';
  if (value === null) return 'ND';
  return percent ? `${String(value)}%` : String(value);
}
