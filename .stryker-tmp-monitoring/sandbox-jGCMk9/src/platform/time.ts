// @ts-nocheck
import { peruToday as peruTodayAt } from '../kernel/peru-date.ts';

/** Today's calendar date in Peru (UTC−5, no daylight saving): 'YYYY-MM-DD'. The one place that reads the clock for it. */
export function peruToday(now: Date = new Date()): string {
  return peruTodayAt(now);
}
