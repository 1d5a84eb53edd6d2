/**
 * Formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is run as a formula by Excel and LibreOffice. Every CSV Veta
 * writes, on the server and in the web app, passes its cells through `safeCsvCell`.
 * Pure and dependency-free: the web app imports it too.
 */
// @ts-nocheck

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number ("-12.5", "+3", "-1e3", "-0,5" in es-PE) stays a number. */
const NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

/** The cell as it is, or prefixed with `'` when a spreadsheet would read it as a formula. */
export function safeCsvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  if (typeof value === 'number' || typeof value === 'boolean') return s;
  return FORMULA_START.test(s) && !NUMBER.test(s) ? `'${s}` : s;
}

/** The inverse, for imports: a cell Veta neutralised reads back as it was (an export re-imports unchanged). */
export function unneutraliseCsvCell(value: string): string {
  return value.startsWith("'") && safeCsvCell(value.slice(1)) === value ? value.slice(1) : value;
}
