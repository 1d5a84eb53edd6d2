import { peruToday as peruTodayAt } from '../kernel/peru-date.ts';

/**
 * The date a database's records stop at, when they stop (the demo's fictitious sector is
 * recorded up to a fixed day). Deadlines, stalled steps and every "today" default are
 * then computed as of that day, and the app says so, instead of finding every pending
 * step stalled for years. `null` for a live database.
 */
let dataAsOf: string | null = null;

export function setDataAsOf(date: string | null): void {
  dataAsOf = date;
}

export function getDataAsOf(): string | null {
  return dataAsOf;
}

/**
 * Today's calendar date in Peru (UTC−5, no daylight saving): 'YYYY-MM-DD'. The one place
 * that reads the clock for it; never later than the records' as-of date when there is one.
 */
export function peruToday(now: Date = new Date()): string {
  const today = peruTodayAt(now);
  return dataAsOf !== null && dataAsOf < today ? dataAsOf : today;
}
