/**
 * Peru's business-day calendar for administrative deadlines.
 *
 * Business days (días hábiles) follow TUO of Law 27444 (DS 004-2019-JUS),
 * art. 145: consecutive days, excluding Saturdays, Sundays, national holidays
 * and days declared non-working for the public sector. The latter are declared
 * year by year by supreme decree (e.g. DS 151-2022-PCM) and regional holidays
 * exist too: pass them as `extraNonWorkingDays`; they are not data here.
 * Dates are Peruvian civil dates (see peru-date.ts).
 */
// @ts-nocheck

import { addDays, dayOfWeek, fromDayNumber, toDayNumber, type IsoDate } from './peru-date.ts';

export type CalendarOptions = {
  /** Public-sector non-working days or regional holidays to exclude as well. */
  readonly extraNonWorkingDays?: ReadonlySet<IsoDate>;
};

export type Holiday = { readonly date: IsoDate; readonly name: string };

type FixedHoliday = {
  readonly month: number;
  readonly day: number;
  readonly name: string;
  /** First year the holiday applies (the first occurrence after the law took effect). */
  readonly fromYear?: number;
  readonly source: string;
};

/**
 * Fixed national holidays: DL 713 art. 6 as amended. Where a law added a date,
 * `fromYear` is the first year in which that date fell after the law's publication.
 */
export const FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  { month: 1, day: 1, name: 'Año Nuevo', source: 'DL 713 art. 6' },
  { month: 5, day: 1, name: 'Día del Trabajo', source: 'DL 713 art. 6' },
  // Law 31788 (approved by insistence in June 2023, after 7 June): the first
  // 7 June holiday was 2024; 7 June 2023 was a working day.
  { month: 6, day: 7, name: 'Batalla de Arica y Día de la Bandera', fromYear: 2024, source: 'Ley 31788' },
  { month: 6, day: 29, name: 'San Pedro y San Pablo', source: 'DL 713 art. 6' },
  // Law 31822, published 8 July 2023; first holiday 23 July 2023.
  { month: 7, day: 23, name: 'Día de la Fuerza Aérea del Perú', fromYear: 2023, source: 'Ley 31822' },
  { month: 7, day: 28, name: 'Fiestas Patrias', source: 'DL 713 art. 6' },
  { month: 7, day: 29, name: 'Fiestas Patrias', source: 'DL 713 art. 6' },
  // Law 31530, July 2022.
  { month: 8, day: 6, name: 'Batalla de Junín', fromYear: 2022, source: 'Ley 31530' },
  { month: 8, day: 30, name: 'Santa Rosa de Lima', source: 'DL 713 art. 6' },
  { month: 10, day: 8, name: 'Combate de Angamos', source: 'DL 713 art. 6' },
  { month: 11, day: 1, name: 'Todos los Santos', source: 'DL 713 art. 6' },
  { month: 12, day: 8, name: 'Inmaculada Concepción', source: 'DL 713 art. 6' },
  // Law 31381 (approved by Congress 9 December 2021): first holiday 9 December 2022.
  { month: 12, day: 9, name: 'Batalla de Ayacucho', fromYear: 2022, source: 'Ley 31381' },
  { month: 12, day: 25, name: 'Navidad del Señor', source: 'DL 713 art. 6' },
];

/** Movable holidays, in days relative to Easter Sunday (DL 713 art. 6). */
export const EASTER_HOLIDAYS: readonly { readonly offset: number; readonly name: string }[] = [
  { offset: -3, name: 'Jueves Santo' },
  { offset: -2, name: 'Viernes Santo' },
];

/**
 * Easter Sunday of a Gregorian year: the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher).
 */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, readonly Holiday[]>();

/** National holidays of a year, sorted by date (DL 713 art. 6 and the laws above). */
export function nationalHolidays(year: number): readonly Holiday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const fixed = FIXED_HOLIDAYS.filter((h) => h.fromYear === undefined || year >= h.fromYear).map((h): Holiday => ({
    date: `${String(year).padStart(4, '0')}-${pad(h.month)}-${pad(h.day)}`,
    name: h.name,
  }));
  const easter = easterSunday(year);
  const movable = EASTER_HOLIDAYS.map((h): Holiday => ({ date: addDays(easter, h.offset), name: h.name }));
  const all = [...fixed, ...movable].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  holidayCache.set(year, all);
  return all;
}

/** Whether a date is a national holiday. */
export function isNationalHoliday(date: IsoDate): boolean {
  toDayNumber(date);
  return nationalHolidays(Number(date.slice(0, 4))).some((h) => h.date === date);
}

/** Whether a date is a business day: Monday–Friday, not a national holiday nor an extra non-working day. */
export function isBusinessDay(date: IsoDate, options: CalendarOptions = {}): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return false;
  if (options.extraNonWorkingDays?.has(date)) return false;
  return !isNationalHoliday(date);
}

/**
 * The n-th business day after `date` (TUO Law 27444 art. 144–145: a term starts
 * the day after notification and counts business days). `n = 0` returns `date`.
 */
export function addBusinessDays(date: IsoDate, n: number, options: CalendarOptions = {}): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Business days must be a non-negative integer, got ${n}`);
  let day = toDayNumber(date);
  let remaining = n;
  while (remaining > 0) {
    day += 1;
    if (isBusinessDay(fromDayNumber(day), options)) remaining -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Business days in the interval (from, to]: the number of business days that
 * elapse after `from` up to and including `to`; negative when `to` precedes `from`.
 * `businessDaysBetween(d, addBusinessDays(d, n)) === n` for every n ≥ 0.
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate, options: CalendarOptions = {}): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  if (end < start) return 0 - businessDaysBetween(to, from, options);
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) {
    if (isBusinessDay(fromDayNumber(day), options)) count += 1;
  }
  return count;
}
