/**
 * Numbers, dates and units in Peruvian format (es-PE) whatever the language of the
 * labels: officials compare the screen with es-PE spreadsheets and resolutions.
 * Month names follow the interface language.
 */
import type { Lang } from './i18n.tsx';

const LOCALE = 'es-PE';
const TZ = 'America/Lima';

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(min: number, max: number): Intl.NumberFormat {
  const key = `${min}|${max}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: min, maximumFractionDigits: max });
    numberFormats.set(key, f);
  }
  return f;
}

const dash = '—';
const ok = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

export const fmtInt = (n: number | null | undefined): string => (ok(n) ? nf(0, 0).format(n) : dash);
/** A number with up to `digits` decimals (fixed when `fixed`). */
export const fmtNum = (n: number | null | undefined, digits = 1, fixed = false): string => (ok(n) ? nf(fixed ? digits : 0, digits).format(n) : dash);
/** `n` is already a percentage (72.4 → "72.4 %"). */
export const fmtPct = (n: number | null | undefined, digits = 1): string => (ok(n) ? `${nf(digits, digits).format(n)} %` : dash);
export const fmtGrams = (g: number | null | undefined): string => (ok(g) ? `${nf(0, 2).format(g)} g` : dash);
export const fmtHa = (n: number | null | undefined): string => (ok(n) ? `${nf(0, 2).format(n)} ha` : dash);
export const fmtUsd = (n: number | null | undefined): string => (ok(n) ? `US$ ${nf(2, 2).format(n)}` : dash);
export const fmtDays = (n: number | null | undefined): string => (ok(n) ? `${nf(0, 0).format(n)} d` : dash);

const dateOnly = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dateInLima = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TZ });
const dateTimeInLima = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: TZ,
});

/** A calendar date (YYYY-MM-DD) or a timestamp, as dd/mm/aaaa (timestamps: the day in Peru). */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return dash;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dateOnly.format(new Date(`${value}T00:00:00Z`));
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateInLima.format(d);
}

export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return dash;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeInLima.format(d);
}

/** "2024-03" → "mar. 2024" / "Mar 2024". */
export function fmtMonth(month: string, lang: Lang): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat(lang === 'es' ? LOCALE : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

let dataAsOf: string | null = null;

/** The date the server's records stop at (the demo), or null: "today" never passes it. */
export function setDataAsOf(date: string | null): void {
  dataAsOf = date;
}

/** Today's date in Peru, YYYY-MM-DD (never later than the records' as-of date when there is one). */
export function peruToday(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
  return dataAsOf !== null && dataAsOf < today ? dataAsOf : today;
}
