import { describe, expect, test } from 'vitest';
import {
  IATI_ORG_ROLE,
  IATI_STATUS,
  IATI_TRANSACTION_KIND,
  PARTNER_ROLES,
  POLICY_CODE_PATTERN,
  PROJECT_STATUSES,
  departmentOf,
  iatiRoleCode,
  iatiStatusCode,
  iatiTransactionCode,
  isActiveIn,
  objectiveOf,
  rateFor,
  toUsd,
  type UsdRate,
} from './cooperation.domain.ts';

describe('IATI code lists', () => {
  test('each status and role has its code, and back', () => {
    expect(PROJECT_STATUSES.map(iatiStatusCode)).toEqual(['1', '2', '3', '4', '5', '6']);
    for (const s of PROJECT_STATUSES) expect(IATI_STATUS[iatiStatusCode(s) as keyof typeof IATI_STATUS]).toBe(s);
    expect(PARTNER_ROLES.map(iatiRoleCode)).toEqual(['1', '2', '3', '4']);
    for (const r of PARTNER_ROLES) expect(IATI_ORG_ROLE[iatiRoleCode(r) as keyof typeof IATI_ORG_ROLE]).toBe(r);
  });

  test('an unknown status or role falls back to implementation and implementing', () => {
    expect(iatiStatusCode('unknown' as never)).toBe('2');
    expect(iatiRoleCode('unknown' as never)).toBe('4');
  });

  test('transaction types: 2, 3, 4 and the letters C, D, E; the codes written back', () => {
    expect(IATI_TRANSACTION_KIND).toEqual({ '2': 'commitment', '3': 'disbursement', '4': 'expenditure', C: 'commitment', D: 'disbursement', E: 'expenditure' });
    expect(IATI_TRANSACTION_KIND['1']).toBeUndefined();
    expect(iatiTransactionCode('commitment')).toBe('2');
    expect(iatiTransactionCode('disbursement')).toBe('3');
    expect(iatiTransactionCode('expenditure')).toBe('4');
  });
});

describe('rates', () => {
  const rates: UsdRate[] = [
    { currency: 'EUR', year: 2018, usdPerUnit: 1.18 },
    { currency: 'EUR', year: 2020, usdPerUnit: 1.14 },
    { currency: 'EUR', year: 2019, usdPerUnit: 1.12 },
    { currency: 'PEN', year: 2025, usdPerUnit: 0.27 },
    { currency: 'PEN', year: 2023, usdPerUnit: 0.26 },
    { currency: 'PEN', year: 2024, usdPerUnit: 0.265 },
  ];

  test('the nearest earlier year wins whatever the table order', () => {
    expect(rateFor(rates, 'EUR', 2021)).toBe(1.14);
    expect(rateFor(rates, 'EUR', 2019)).toBe(1.12);
    expect(rateFor(rates, 'EUR', 2018)).toBe(1.18);
    expect(rateFor([...rates].reverse(), 'EUR', 2021)).toBe(1.14);
  });

  test('before the table begins: the nearest later year, whatever the table order', () => {
    expect(rateFor(rates, 'PEN', 2020)).toBe(0.26);
    expect(rateFor([...rates].reverse(), 'PEN', 2020)).toBe(0.26);
    expect(rateFor(rates, 'EUR', 2000)).toBe(1.18);
  });

  test('amounts are converted and rounded to cents', () => {
    expect(toUsd(rates, 1234.567, 'EUR', 2020)).toBe(1407.41);
    expect(toUsd(rates, 10, 'USD', 2020)).toBe(10);
    expect(toUsd(rates, 0.004, 'USD', 2020)).toBe(0);
  });
});

describe('activity window', () => {
  const p = (startDate: string | null, endDate: string | null) => ({ status: 'implementation' as const, startDate, endDate });
  test('starting on the last day of the year or ending on the first counts for the year', () => {
    expect(isActiveIn(p('2024-12-31', null), 2024)).toBe(true);
    expect(isActiveIn(p('2025-01-01', null), 2024)).toBe(false);
    expect(isActiveIn(p(null, '2024-01-01'), 2024)).toBe(true);
    expect(isActiveIn(p(null, '2023-12-31'), 2024)).toBe(false);
    expect(isActiveIn({ status: 'suspended', startDate: null, endDate: null }, 2024)).toBe(true);
    expect(isActiveIn({ status: 'finalisation', startDate: '2024-06-01', endDate: '2024-06-30' }, 2024)).toBe(true);
  });
});

describe('policy codes', () => {
  test('objectiveOf accepts only whole CEPLAN codes', () => {
    expect(objectiveOf('SS.01.02.03')).toBe('OP.01');
    expect(objectiveOf('LN.12.01')).toBe('OP.12');
    expect(objectiveOf('OP.01x')).toBeNull();
    expect(objectiveOf('LN.01.02 ')).toBeNull();
    expect(objectiveOf('XOP.01')).toBeNull();
  });

  test('a project references objectives, guidelines and services, each with its digits', () => {
    for (const ok of ['OP.1', 'OP.01', 'OP.123', 'LN.01.02', 'LN.10.20', 'SS.01.02.03', 'SS.10.20.30']) expect(POLICY_CODE_PATTERN.test(ok), ok).toBe(true);
    for (const bad of [
      'OP.',
      'OP.x',
      'OP.01.02',
      'LN.01',
      'LN.01.',
      'LN.a.01',
      'LN.01.b',
      'SS.01.02',
      'SS.x.01.02',
      'SS.01.x.02',
      'SS.01.02.x',
      'xOP.01',
      'OP.01x',
      'IOP.01.01',
    ])
      expect(POLICY_CODE_PATTERN.test(bad), bad).toBe(false);
  });

  test('the department of a UBIGEO code is its first two digits', () => {
    expect(departmentOf('210101')).toBe('21');
    expect(departmentOf('0401')).toBe('04');
    expect(departmentOf('17')).toBe('17');
  });
});
