/** Today's calendar date in Peru (UTC−5, no daylight saving): 'YYYY-MM-DD'. */
export function peruToday(now: Date = new Date()): string {
  return new Date(now.getTime() - 5 * 3600_000).toISOString().slice(0, 10);
}
