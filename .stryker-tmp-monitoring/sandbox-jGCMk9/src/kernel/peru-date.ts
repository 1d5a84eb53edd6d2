/**
 * Peru's calendar dates: the one home of date arithmetic shared by the domains.
 *
 * A date is a civil date in Peru written 'YYYY-MM-DD' (ISO dates compare correctly as
 * strings). Arithmetic is done on day numbers derived from `Date.UTC`, never on local
 * `Date` objects, so the host's time zone cannot shift a date. Peru (America/Lima) is
 * UTC−5 all year: it has not observed daylight saving time since 1994, so an instant's
 * Peruvian date is a fixed 5-hour shift for every date this system handles.
 *
 * Pure: no clock is read here; "today" is `peruToday(now)` with the instant passed in
 * (platform/time.ts reads the clock).
 */
// @ts-nocheck


/** A civil date 'YYYY-MM-DD' (Peru), validated by {@link isIsoDate}. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const PERU_UTC_OFFSET_MS = -5 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Dates before this year are typing errors in every record Veta keeps. */
const FIRST_YEAR = 1900;

/** Number of days of a month (`month` 1–12) in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The year of a real Gregorian date written `YYYY-MM-DD`, any year; undefined otherwise. */
function yearOfValid(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return year;
}

/** True when `value` is a real calendar date written `YYYY-MM-DD` (leap years included), from 1900 on. */
export function isIsoDate(value: string): boolean {
  const year = yearOfValid(value);
  return year !== undefined && year >= FIRST_YEAR;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (any Gregorian year); throws RangeError on an invalid date. */
export function toDayNumber(date: IsoDate): number {
  if (yearOfValid(date) === undefined) throw new RangeError(`Invalid date '${date}', expected YYYY-MM-DD`);
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY);
}

/** The 'YYYY-MM-DD' date of a day number. */
export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Adds calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** The civil date in Peru (UTC−5, no DST) of an instant: a `Date` or an ISO 8601 timestamp with offset. */
export function toPeruDate(instant: Date | string): IsoDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Invalid timestamp '${String(instant)}'`);
  return new Date(ms + PERU_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Peru at the instant `now` (the caller reads the clock). */
export function peruToday(now: Date): IsoDate {
  return toPeruDate(now);
}

/** The last instant of a Peruvian calendar day, as an ISO timestamp: the cut-off "on that date" means. */
export function peruDayEnd(date: IsoDate): string {
  return new Date(`${date}T23:59:59.999-05:00`).toISOString();
}

/** `YYYY-MM` of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** Calendar year of a date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Days of the month `YYYY-MM`. */
export function daysOfMonth(month: string): number {
  return daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

/** True when `date` lies in `[from, to]`, both inclusive; a null bound is open. */
export function isWithin(date: IsoDate, from: IsoDate | null, to: IsoDate | null): boolean {
  return (from === null || date >= from) && (to === null || date <= to);
}
