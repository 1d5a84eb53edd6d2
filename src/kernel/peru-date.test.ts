import { describe, expect, it } from 'vitest';
import { isoDateSchema } from './date.schema.ts';
import {
  addDays,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  daysOfMonth,
  fromDayNumber,
  isIsoDate,
  isWithin,
  monthOf,
  peruDayEnd,
  peruToday,
  toDayNumber,
  toPeruDate,
  yearOf,
} from './peru-date.ts';

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

describe('calendar arithmetic on civil dates', () => {
  it('knows the length of every month, leap years by the Gregorian rule', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysOfMonth('2024-02')).toBe(29);
    expect(daysOfMonth('2023-11')).toBe(30);
  });

  it('refuses month 0, month 13, day 0 and a day past the month, at every boundary', () => {
    for (const bad of ['2024-00-10', '2024-13-01', '2024-01-00', '2024-01-32', '2023-02-29', '2024-06-31', ' 2024-01-01', '2024-01-01 ', '2024-1-01x']) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => toDayNumber(bad)).toThrow(RangeError);
    }
    for (const good of ['2024-01-01', '2024-12-31', '2024-01-31', '2024-02-29', '2023-02-28']) expect(isIsoDate(good)).toBe(true);
    expect(() => toDayNumber('2024-02-30')).toThrow("Invalid date '2024-02-30', expected YYYY-MM-DD");
  });

  it('counts days from 1970-01-01, before 1900 too, though such dates are not accepted as input', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    expect(toDayNumber('1899-12-31')).toBe(-25568);
    expect(isIsoDate('1899-12-31')).toBe(false);
    expect(isIsoDate('1900-01-01')).toBe(true);
    expect(fromDayNumber(-25568)).toBe('1899-12-31');
    expect(fromDayNumber(19723)).toBe('2024-01-01');
  });

  it('adds and subtracts calendar days across months and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(daysBetween('2024-05-05', '2024-05-05')).toBe(0);
  });

  it('names the weekday of any date, before 1970 as well (0 = Sunday)', () => {
    expect(['2024-03-24', '2024-03-25', '2024-03-26', '2024-03-27', '2024-03-28', '2024-03-29', '2024-03-30'].map(dayOfWeek)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
    expect(dayOfWeek('1900-01-01')).toBe(1);
  });

  it('reads the Peruvian date of a Date object, and refuses an invalid one', () => {
    expect(toPeruDate(new Date('2024-03-01T04:59:59Z'))).toBe('2024-02-29');
    expect(toPeruDate(new Date('2024-03-01T05:00:00Z'))).toBe('2024-03-01');
    expect(() => toPeruDate(new Date('nope'))).toThrow(RangeError);
    expect(() => toPeruDate('nope')).toThrow("Invalid timestamp 'nope'");
  });

  it('takes the month and year of a date, and tests a closed interval with open ends', () => {
    expect(monthOf('2024-07-31')).toBe('2024-07');
    expect(yearOf('2024-07-31')).toBe(2024);
    expect(isWithin('2024-07-01', '2024-07-01', '2024-07-31')).toBe(true);
    expect(isWithin('2024-07-31', '2024-07-01', '2024-07-31')).toBe(true);
    expect(isWithin('2024-06-30', '2024-07-01', '2024-07-31')).toBe(false);
    expect(isWithin('2024-08-01', '2024-07-01', '2024-07-31')).toBe(false);
    expect(isWithin('1999-01-01', null, '2024-07-31')).toBe(true);
    expect(isWithin('2099-01-01', '2024-07-01', null)).toBe(true);
    expect(isWithin('2000-01-01', '2024-07-01', null)).toBe(false);
    expect(isWithin('2099-01-01', null, '2024-07-31')).toBe(false);
    expect(isWithin('2024-07-15', null, null)).toBe(true);
  });
});

describe('the date schema reports one issue, with the one message', () => {
  it('a malformed date and a date before 1900 each give exactly one issue', () => {
    for (const bad of ['2025-13-45', 'ayer', '1899-12-31']) {
      expect(isoDateSchema.safeParse(bad).error?.issues.map((i) => i.message)).toEqual(['must be a calendar date YYYY-MM-DD']);
    }
  });
});
