import { describe, expect, it } from 'vitest';
import { isoDateSchema } from './date.schema.ts';
import { isIsoDate, peruDayEnd, peruToday, toPeruDate } from './peru-date.ts';

describe('one calendar date', () => {
  it('refuses what is not a real date, with one message', () => {
    for (const bad of ['2025-13-45', '2025-02-29', '2024-04-31', '2024-3-01', '2024-03-01T00:00:00Z', '1899-12-31', '']) {
      expect(isIsoDate(bad)).toBe(false);
      expect(isoDateSchema.safeParse(bad).error?.issues[0]?.message).toBe('must be a calendar date YYYY-MM-DD');
    }
    for (const good of ['2024-02-29', '2025-12-31', '1900-01-01']) expect(isoDateSchema.parse(good)).toBe(good);
  });

  it("takes today in Peru from the instant it is given (UTC−5), and a day's last instant", () => {
    expect(peruToday(new Date('2025-01-01T04:59:59.999Z'))).toBe('2024-12-31');
    expect(peruToday(new Date('2025-01-01T05:00:00.000Z'))).toBe('2025-01-01');
    expect(toPeruDate('2024-07-01T23:59:59-05:00')).toBe('2024-07-01');
    expect(peruDayEnd('2024-12-31')).toBe('2025-01-01T04:59:59.999Z');
  });
});
