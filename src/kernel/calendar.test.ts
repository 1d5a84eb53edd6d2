import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  EASTER_HOLIDAYS,
  easterSunday,
  FIXED_HOLIDAYS,
  isBusinessDay,
  isNationalHoliday,
  nationalHolidays,
} from './business-days.ts';
import { addDays, dayOfWeek, fromDayNumber, toDayNumber, toPeruDate } from './peru-date.ts';

const dateArb = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2040-12-31') }).map((day) => fromDayNumber(day));

describe('Easter and holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2019, '2019-04-21'],
    [2000, '2000-04-23'],
    [2038, '2038-04-25'],
    [2008, '2008-03-23'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('Easter is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(dayOfWeek(easter)).toBe(0);
        expect(dayOfWeek(addDays(easter, -3))).toBe(4);
        expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
      }),
    );
  });

  it('lists Holy Thursday and Good Friday and the holidays added since 2022', () => {
    const dates2024 = nationalHolidays(2024).map((h) => h.date);
    expect(dates2024).toEqual([
      '2024-01-01',
      '2024-03-28',
      '2024-03-29',
      '2024-05-01',
      '2024-06-07',
      '2024-06-29',
      '2024-07-23',
      '2024-07-28',
      '2024-07-29',
      '2024-08-06',
      '2024-08-30',
      '2024-10-08',
      '2024-11-01',
      '2024-12-08',
      '2024-12-09',
      '2024-12-25',
    ]);
    expect(nationalHolidays(2021)).toHaveLength(12);
    expect(isNationalHoliday('2022-08-06')).toBe(true);
    expect(isNationalHoliday('2021-12-09')).toBe(false);
    expect(isNationalHoliday('2023-07-23')).toBe(true);
    expect(isNationalHoliday('2023-06-07')).toBe(false);
  });
});

describe('business days', () => {
  it('skips weekends and holidays', () => {
    expect(isBusinessDay('2024-03-27')).toBe(true);
    expect(isBusinessDay('2024-03-28')).toBe(false);
    expect(isBusinessDay('2024-03-30')).toBe(false);
    expect(isBusinessDay('2024-06-07')).toBe(false);
    expect(addBusinessDays('2024-03-27', 1)).toBe('2024-04-01');
    expect(addBusinessDays('2024-07-22', 1)).toBe('2024-07-24');
    expect(addBusinessDays('2025-12-05', 3)).toBe('2025-12-12');
    expect(addBusinessDays('2025-12-05', 0)).toBe('2025-12-05');
    expect(businessDaysBetween('2024-03-27', '2024-04-01')).toBe(1);
    expect(businessDaysBetween('2024-04-01', '2024-03-27')).toBe(-1);
  });

  it('also skips extra public-sector non-working days when given', () => {
    const extraNonWorkingDays = new Set(['2024-12-23', '2024-12-24']);
    expect(addBusinessDays('2024-12-20', 1)).toBe('2024-12-23');
    expect(addBusinessDays('2024-12-20', 1, { extraNonWorkingDays })).toBe('2024-12-26');
  });

  it('rejects invalid dates and negative counts', () => {
    expect(() => toDayNumber('2024-02-30')).toThrow(RangeError);
    expect(() => toDayNumber('24-2-3')).toThrow(RangeError);
    expect(() => addBusinessDays('2024-01-02', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2024-01-02', 1.5)).toThrow(RangeError);
  });

  it('addBusinessDays lands on a business day, after the start', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 250 }), (date, n) => {
        const result = addBusinessDays(date, n);
        expect(isBusinessDay(result)).toBe(true);
        expect(result > date).toBe(true);
        expect(addBusinessDays(date, n + 1) > result).toBe(true);
      }),
    );
  });

  it('businessDaysBetween inverts addBusinessDays', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 250 }), (date, n) => {
        expect(businessDaysBetween(date, addBusinessDays(date, n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (from, span) => {
        const to = addDays(from, span);
        const count = businessDaysBetween(from, to);
        expect(businessDaysBetween(to, from)).toBe(0 - count);
        if (isBusinessDay(to)) expect(addBusinessDays(from, count)).toBe(to);
      }),
    );
  });
});

describe('dates in Peru', () => {
  it('converts instants to the Peruvian civil date (UTC-5, no DST)', () => {
    expect(toPeruDate('2024-01-01T03:00:00Z')).toBe('2023-12-31');
    expect(toPeruDate('2024-01-01T05:00:00Z')).toBe('2024-01-01');
    expect(toPeruDate('2024-07-01T23:59:59-05:00')).toBe('2024-07-01');
    expect(toPeruDate('2024-07-02T00:30:00+02:00')).toBe('2024-07-01');
    expect(() => toPeruDate('yesterday')).toThrow(RangeError);
  });

  it('round-trips day numbers and dates', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        expect(fromDayNumber(toDayNumber(date))).toBe(date);
      }),
    );
    expect(dayOfWeek('1969-12-28')).toBe(0);
    expect(dayOfWeek('2024-03-30')).toBe(6);
  });
});

describe('the holiday table as the law writes it', () => {
  it('names each national holiday of 2024 (DL 713 art. 6 and later laws)', () => {
    expect(nationalHolidays(2024).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2024-01-01 Año Nuevo',
      '2024-03-28 Jueves Santo',
      '2024-03-29 Viernes Santo',
      '2024-05-01 Día del Trabajo',
      '2024-06-07 Batalla de Arica y Día de la Bandera',
      '2024-06-29 San Pedro y San Pablo',
      '2024-07-23 Día de la Fuerza Aérea del Perú',
      '2024-07-28 Fiestas Patrias',
      '2024-07-29 Fiestas Patrias',
      '2024-08-06 Batalla de Junín',
      '2024-08-30 Santa Rosa de Lima',
      '2024-10-08 Combate de Angamos',
      '2024-11-01 Todos los Santos',
      '2024-12-08 Inmaculada Concepción',
      '2024-12-09 Batalla de Ayacucho',
      '2024-12-25 Navidad del Señor',
    ]);
  });

  it('each added holiday starts in its first year, not before', () => {
    const has = (date: string) => isNationalHoliday(date);
    expect([has('2021-08-06'), has('2022-08-06')]).toEqual([false, true]); // Ley 31530
    expect([has('2021-12-09'), has('2022-12-09')]).toEqual([false, true]); // Ley 31381
    expect([has('2022-07-23'), has('2023-07-23')]).toEqual([false, true]); // Ley 31822
    expect([has('2023-06-07'), has('2024-06-07')]).toEqual([false, true]); // Ley 31788
    expect(nationalHolidays(2022)).toHaveLength(14);
    expect(nationalHolidays(2023)).toHaveLength(15);
    expect(nationalHolidays(2025)).toHaveLength(16);
  });

  it('cites a source for every fixed holiday and keeps the year sorted', () => {
    expect(FIXED_HOLIDAYS.every((h) => /^(DL 713 art\. 6|Ley \d{5})$/.test(h.source))).toBe(true);
    expect(EASTER_HOLIDAYS).toEqual([
      { offset: -3, name: 'Jueves Santo' },
      { offset: -2, name: 'Viernes Santo' },
    ]);
    // Easter 2008 fell on 23 March: Holy Thursday (20 March) is listed before the later fixed holidays
    const y2008 = nationalHolidays(2008).map((h) => h.date);
    expect(y2008).toEqual([...y2008].sort());
    expect(y2008.slice(0, 3)).toEqual(['2008-01-01', '2008-03-20', '2008-03-21']);
    expect(nationalHolidays(2024)).toBe(nationalHolidays(2024)); // computed once per year
  });

  it('Easter of years far from today (the algorithm, not a table)', () => {
    expect(easterSunday(1900)).toBe('1900-04-15');
    expect(easterSunday(1961)).toBe('1961-04-02');
    expect(easterSunday(2011)).toBe('2011-04-24');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(1818)).toBe('1818-03-22');
    expect(easterSunday(1943)).toBe('1943-04-25');
    expect(easterSunday(2049)).toBe('2049-04-18');
    expect(easterSunday(2100)).toBe('2100-03-28');
    expect(easterSunday(1700)).toBe('1700-04-11');
  });
});

describe('business days: every exclusion on its own', () => {
  it('a weekday holiday, a Saturday, a Sunday and an extra non-working day are each skipped', () => {
    expect(isBusinessDay('2024-05-01')).toBe(false); // Wednesday, Día del Trabajo
    expect(isBusinessDay('2024-05-02')).toBe(true);
    expect(isBusinessDay('2024-05-04')).toBe(false); // Saturday
    expect(isBusinessDay('2024-05-05')).toBe(false); // Sunday
    expect(isBusinessDay('2024-05-03')).toBe(true); // Friday
    expect(isBusinessDay('2024-05-06')).toBe(true); // Monday
    expect(isBusinessDay('2024-05-02', { extraNonWorkingDays: new Set(['2024-05-02']) })).toBe(false);
    expect(isBusinessDay('2024-05-02', { extraNonWorkingDays: new Set(['2024-05-03']) })).toBe(true);
    expect(() => isNationalHoliday('2024-02-30')).toThrow(RangeError);
  });

  it('counts (from, to]: the start day is not counted, the end day is', () => {
    expect(businessDaysBetween('2024-05-02', '2024-05-02')).toBe(0);
    expect(businessDaysBetween('2024-05-02', '2024-05-03')).toBe(1);
    expect(businessDaysBetween('2024-05-02', '2024-05-06')).toBe(2);
    expect(businessDaysBetween('2024-04-30', '2024-05-02')).toBe(1); // 1 May is a holiday
    expect(businessDaysBetween('2024-05-06', '2024-05-02')).toBe(-2);
    expect(businessDaysBetween('2024-12-20', '2024-12-26', { extraNonWorkingDays: new Set(['2024-12-23', '2024-12-24']) })).toBe(1);
    expect(addBusinessDays('2024-05-03', 1)).toBe('2024-05-06');
    expect(addBusinessDays('2024-04-30', 1)).toBe('2024-05-02');
    expect(addBusinessDays('2024-04-30', 10)).toBe('2024-05-15'); // 2, 3, 6–10, 13–15 May
    expect(() => addBusinessDays('2024-01-02', -1)).toThrow('Business days must be a non-negative integer, got -1');
    expect(() => addBusinessDays('2024-01-02', Number.NaN)).toThrow(RangeError);
  });
});
