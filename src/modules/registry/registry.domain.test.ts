import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  isValidRuc,
  maskRuc,
  normalizeRightCode,
  organizationTypeFromName,
  parseCalendarDate,
  rucCheckDigit,
  utmToLonLat,
  withCheckDigit,
} from './registry.domain.ts';
import { deriveStratum, type StratumRule } from './strata.domain.ts';

describe('RUC', () => {
  test('SUNAT check digit of known RUCs', () => {
    expect(isValidRuc('20100070970')).toBe(true); // a published company RUC
    expect(isValidRuc('20131312955')).toBe(true);
    expect(isValidRuc('20100070971')).toBe(false);
    expect(rucCheckDigit('2010007097')).toBe(0);
  });
  test('every completed RUC is valid and any other last digit is not', () => {
    fc.assert(
      fc.property(fc.constantFrom('10', '15', '17', '20'), fc.stringMatching(/^\d{8}$/), fc.integer({ min: 0, max: 9 }), (p, body, d) => {
        const ruc = withCheckDigit(p + body);
        expect(isValidRuc(ruc)).toBe(true);
        const other = ruc.slice(0, 10) + String(d);
        expect(isValidRuc(other)).toBe(other === ruc);
      }),
    );
  });
  test('natural persons are masked, companies are not', () => {
    expect(maskRuc('10412345675')).toBe('10********5');
    expect(maskRuc('20100070970')).toBe('20100070970');
  });
});

describe('codes and dates', () => {
  test('mining right codes lose spaces and dashes; digits-only get their leading zeros back', () => {
    expect(normalizeRightCode('1-234-567')).toBe('001234567');
    expect(normalizeRightCode(' 01 0012305 ')).toBe('010012305');
    expect(normalizeRightCode('p0100123')).toBe('P0100123');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => {
        expect(normalizeRightCode(String(n))).toBe(String(n).padStart(9, '0'));
      }),
    );
  });
  test('dates: dd/mm/yyyy and ISO, real calendar days only', () => {
    expect(parseCalendarDate('15/03/2021')).toBe('2021-03-15');
    expect(parseCalendarDate('5/3/2021')).toBe('2021-03-05');
    expect(parseCalendarDate('2021-03-15')).toBe('2021-03-15');
    expect(parseCalendarDate('29/02/2023')).toBeNull();
    expect(parseCalendarDate('29/02/2024')).toBe('2024-02-29');
    expect(parseCalendarDate('2021/03/15')).toBeNull();
    expect(parseCalendarDate('ayer')).toBeNull();
  });
  test('organization type from its name', () => {
    expect(organizationTypeFromName('Cooperativa Minera Oro Puno')).toBe('cooperative');
    expect(organizationTypeFromName('ASOCIACIÓN DE PALLAQUERAS')).toBe('association');
    expect(organizationTypeFromName('COMUNIDAD CAMPESINA DE ANANEA')).toBe('community');
    expect(organizationTypeFromName('MINERA AURIFERA CUATRO DE ENERO S.A.')).toBe('company');
  });

  test('plurals and centrals: a central of cooperatives is a cooperative organization; a legal form decides first', () => {
    expect(organizationTypeFromName('CENTRAL DE COOPERATIVAS MINERAS DE PUNO - CECOMIP')).toBe('cooperative');
    expect(organizationTypeFromName('Central de Cooperativas Mineras - CENCOMIN')).toBe('cooperative');
    expect(organizationTypeFromName('CENTRAL DE ASOCIACIONES DE MINEROS ARTESANALES')).toBe('association');
    expect(organizationTypeFromName('FEDERACION DE COMUNIDADES CAMPESINAS')).toBe('community');
    expect(organizationTypeFromName('COOP. MINERA SAN JUAN')).toBe('cooperative');
    expect(organizationTypeFromName('SERVICIOS A COOPERATIVAS MINERAS S.A.C.')).toBe('company');
    expect(organizationTypeFromName('ASOCIADOS DEL SUR E.I.R.L.')).toBe('company');
    expect(organizationTypeFromName('MINERA AURIFERA CUATRO DE ENERO S.A. - MACDESA')).toBe('company');
    expect(organizationTypeFromName('EMPRESA MINERA ARTESANAL QUIRUVILCA SAC')).toBe('company');
    expect(organizationTypeFromName('SOCIEDAD DE TRABAJADORES MINEROS S.A. - SOTRAMI')).toBe('company');
  });
});

describe('UTM', () => {
  test('WGS84 zone 18S central meridian maps to 75°W', () => {
    const [lon, lat] = utmToLonLat(18, 'WGS84', 500000, 8500000);
    expect(lon).toBeCloseTo(-75, 9);
    expect(lat).toBeCloseTo(-13.56845, 4);
  });
  test('PSAD56 is a few hundred metres off WGS84, as expected of that datum', () => {
    const [a, b] = utmToLonLat(18, 'WGS84', 500000, 8500000);
    const [c, d] = utmToLonLat(18, 'PSAD56', 500000, 8500000);
    const metres = Math.hypot((a - c) * 108_000, (b - d) * 110_600);
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(600);
  });
});

const RULES: StratumRule[] = [
  { stratum: 'PPM', substance: 'metallic', maxHectares: 2000, maxCapacity: 350, capacityUnit: 't/day', validFrom: '2002-01-24', validTo: null, legalSource: 'Ley 27651' },
  { stratum: 'PMA', substance: 'metallic', maxHectares: 1000, maxCapacity: 25, capacityUnit: 't/day', validFrom: '2002-01-24', validTo: null, legalSource: 'Ley 27651' },
  { stratum: 'PMA', substance: 'placer', maxHectares: 1000, maxCapacity: 200, capacityUnit: 'm3/day', validFrom: '2002-01-24', validTo: null, legalSource: 'Ley 27651' },
];

describe('Law 27651 strata', () => {
  const at = (hectares: number | null, capacity: number | null, substance: 'metallic' | 'placer' = 'metallic') =>
    deriveStratum(RULES, { hectares, capacity, substance, date: '2025-01-01' }).stratum;
  test('limits are inclusive and both criteria count', () => {
    expect(at(1000, 25)).toBe('PMA');
    expect(at(1000.01, 25)).toBe('PPM');
    expect(at(500, 26)).toBe('PPM');
    expect(at(2000, 350)).toBe('PPM');
    expect(at(2001, 10)).toBe('NOT_SMALL_SCALE');
    expect(at(100, 351)).toBe('NOT_SMALL_SCALE');
    expect(at(100, 150, 'placer')).toBe('PMA');
  });
  test('unknown figures leave the stratum undetermined unless a limit is already exceeded', () => {
    expect(at(null, 10)).toBe('UNDETERMINED');
    expect(at(500, null)).toBe('UNDETERMINED');
    expect(at(5000, null)).toBe('NOT_SMALL_SCALE');
  });
  test('rules are dated: none in force before the law', () => {
    expect(deriveStratum(RULES, { hectares: 10, capacity: 1, substance: 'metallic', date: '2001-01-01' }).stratum).toBe('UNDETERMINED');
  });
  test('the explanation states the figures against the limits', () => {
    const r = deriveStratum(RULES, { hectares: 420, capacity: 20, substance: 'metallic', date: '2025-01-01' });
    expect(r.explanation.join(' ')).toContain('420 ha ≤ 1,000 ha y 20 t/day ≤ 25 t/day: PMA');
  });
  test('monotone: a smaller holding is never in a larger stratum', () => {
    const order = { PMA: 0, PPM: 1, NOT_SMALL_SCALE: 2, UNDETERMINED: -1 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 100 }), (h, c, dh, dc) => {
        const big = order[at(h + dh, c + dc)];
        const small = order[at(h, c)];
        expect(small).toBeLessThanOrEqual(big);
      }),
    );
  });
});
