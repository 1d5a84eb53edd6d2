import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  dniOfRuc,
  insidePeruBox,
  isNaturalPersonRuc,
  isValidRuc,
  maskRuc,
  normalizeRuc,
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
  {
    stratum: 'PPM',
    substance: 'metallic',
    maxHectares: 2000,
    maxCapacity: 350,
    capacityUnit: 't/day',
    validFrom: '2002-01-24',
    validTo: null,
    legalSource: 'Ley 27651',
  },
  {
    stratum: 'PMA',
    substance: 'metallic',
    maxHectares: 1000,
    maxCapacity: 25,
    capacityUnit: 't/day',
    validFrom: '2002-01-24',
    validTo: null,
    legalSource: 'Ley 27651',
  },
  {
    stratum: 'PMA',
    substance: 'placer',
    maxHectares: 1000,
    maxCapacity: 200,
    capacityUnit: 'm3/day',
    validFrom: '2002-01-24',
    validTo: null,
    legalSource: 'Ley 27651',
  },
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
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 100 }),
        (h, c, dh, dc) => {
          const big = order[at(h + dh, c + dc)];
          const small = order[at(h, c)];
          expect(small).toBeLessThanOrEqual(big);
        },
      ),
    );
  });
});

describe('identifiers: each rule of a RUC, a DNI and what spreadsheets do to them', () => {
  test('a RUC needs one of the SUNAT prefixes, exactly 11 digits, and nothing around it', () => {
    for (const p of ['10', '15', '16', '17', '20']) expect(isValidRuc(withCheckDigit(`${p}12345678`))).toBe(true);
    for (const p of ['11', '12', '21', '30', '00']) expect(isValidRuc(withCheckDigit(`${p}12345678`))).toBe(false);
    const ruc = withCheckDigit('2010007097');
    expect(isValidRuc(`${ruc}0`)).toBe(false); // 12 digits
    expect(isValidRuc(`9${ruc}`)).toBe(false); // prefix not at the start
    expect(isValidRuc(ruc.slice(0, 10))).toBe(false);
    expect(isValidRuc(`${ruc} `)).toBe(false);
  });
  test('the check digit uses SUNAT weights on the first ten digits and maps 10 → 0, 11 → 1', () => {
    // 20100070970: 2·5+0·4+1·3+0·2+0·7+0·6+7·5+0·4+9·3+7·2 = 89; 11 − 89 mod 11 = 10 → 0
    expect(rucCheckDigit('2010007097')).toBe(0);
    // 1000000000: 1·5 = 5 → 11 − 5 = 6
    expect(rucCheckDigit('1000000000')).toBe(6);
    // 1000000020: 5 + 2·3 = 11, 11 mod 11 = 0 → 11 → 1
    expect(rucCheckDigit('1000000020')).toBe(1);
    // 1500000000: 5 + 5·4 = 25 ≡ 3 → 8; the weight of every position counts
    expect(rucCheckDigit('1500000000')).toBe(8);
    expect(rucCheckDigit('1000000006')).toBe(5); // 5 + 6·2 = 17 ≡ 6 → 5
  });
  test('a natural person RUC embeds the DNI in digits 3–10', () => {
    expect(dniOfRuc('10412345675')).toBe('41234567');
    expect(isNaturalPersonRuc('10412345675')).toBe(true);
    expect(isNaturalPersonRuc('20412345675')).toBe(false);
    expect(normalizeRuc(' 20.100.070-970 ')).toBe('20100070970');
    expect(normalizeRuc('20100070970')).toBe('20100070970');
  });
  test('right codes: only digit-only codes shorter than 9 are padded; letters and long codes stay', () => {
    expect(normalizeRightCode('12345678')).toBe('012345678');
    expect(normalizeRightCode('123456789')).toBe('123456789');
    expect(normalizeRightCode('1234567890')).toBe('1234567890');
    expect(normalizeRightCode('1234A')).toBe('1234A');
    expect(normalizeRightCode('A1234')).toBe('A1234');
  });
});

describe('dates: only whole strings that name a real day', () => {
  test('surrounding spaces are trimmed; other text before or after is refused', () => {
    expect(parseCalendarDate('  15/03/2021 ')).toBe('2021-03-15');
    expect(parseCalendarDate(' 2021-03-15 ')).toBe('2021-03-15');
    expect(parseCalendarDate('x2021-03-15')).toBeNull();
    expect(parseCalendarDate('2021-03-15x')).toBeNull();
    expect(parseCalendarDate('x15/03/2021')).toBeNull();
    expect(parseCalendarDate('15/03/20210')).toBeNull();
    expect(parseCalendarDate('15-03-2021')).toBe('2021-03-15');
  });
  test('an ISO timestamp keeps its date; a bare suffix is not a timestamp', () => {
    expect(parseCalendarDate('2021-03-15T10:20:00Z')).toBe('2021-03-15');
    expect(parseCalendarDate('2021-03-15 10:20')).toBe('2021-03-15');
    expect(parseCalendarDate('2021-03-15T')).toBe('2021-03-15');
    expect(parseCalendarDate('2021-03-1510')).toBeNull();
  });
  test('day, month and year must each survive the calendar', () => {
    expect(parseCalendarDate('2021-13-01')).toBeNull(); // month rolls over into the next year
    expect(parseCalendarDate('2021-00-10')).toBeNull();
    expect(parseCalendarDate('2021-04-31')).toBeNull(); // day rolls into May
    expect(parseCalendarDate('31/12/2021')).toBe('2021-12-31');
    expect(parseCalendarDate('32/12/2021')).toBeNull(); // rolls into the next year and month
    expect(parseCalendarDate('2021-12-32')).toBeNull();
    expect(parseCalendarDate('0/01/2021')).toBeNull();
    expect(parseCalendarDate('0050-01-01')).toBeNull(); // not moved into 1950 as Date.UTC does with two-digit years
  });
});

describe('the cheap box around Peru', () => {
  test('bounds are inclusive on every side and each side counts', () => {
    expect(insidePeruBox(-75, -12)).toBe(true);
    expect(insidePeruBox(-81.5, -12)).toBe(true);
    expect(insidePeruBox(-68.5, -12)).toBe(true);
    expect(insidePeruBox(-75, -18.5)).toBe(true);
    expect(insidePeruBox(-75, 0.1)).toBe(true);
    expect(insidePeruBox(-81.51, -12)).toBe(false);
    expect(insidePeruBox(-68.49, -12)).toBe(false);
    expect(insidePeruBox(-75, -18.51)).toBe(false);
    expect(insidePeruBox(-75, 0.11)).toBe(false);
    expect(insidePeruBox(-12, -75)).toBe(false); // swapped lon/lat
  });
});

describe('organization type: each keyword and its abbreviation', () => {
  test('abbreviations, plurals, accents and case', () => {
    expect(organizationTypeFromName('asoc. de mineros san juan')).toBe('association');
    expect(organizationTypeFromName('ASOCIACIONES UNIDAS')).toBe('association');
    expect(organizationTypeFromName('coop minera')).toBe('cooperative');
    expect(organizationTypeFromName('COOPERATIVAS DEL SUR')).toBe('cooperative');
    expect(organizationTypeFromName('Comunidad Campesina Ánimas')).toBe('community');
    expect(organizationTypeFromName('  comunidades nativas  ')).toBe('community');
    expect(organizationTypeFromName('COOPERATIVA SERVICIOS S.A.C.   ')).toBe('company'); // trailing spaces of a spreadsheet cell
    expect(organizationTypeFromName('cooperativa servicios s.a.c.')).toBe('company');
    expect(organizationTypeFromName('COOPERATIVA SERVICIOS S. A. C.')).toBe('company');
    expect(organizationTypeFromName('ASOCIACION MINERA S.A.A.')).toBe('company');
  });
  test('no keyword, or a keyword inside a longer word, is a company', () => {
    expect(organizationTypeFromName('MINERA LOS ANDES')).toBe('company');
    expect(organizationTypeFromName('COOPERATIVISMO MINERO')).toBe('company');
    expect(organizationTypeFromName('ASOCIACIONISTAS')).toBe('company');
    expect(organizationTypeFromName('COMUNIDADANA')).toBe('company');
  });
  test('a legal form at the end decides before any keyword, with or without dots', () => {
    expect(organizationTypeFromName('COOPERATIVA SERVICIOS S.R.L.')).toBe('company');
    expect(organizationTypeFromName('ASOCIACION MINERA SRLTDA')).toBe('company');
    expect(organizationTypeFromName('COMUNIDAD MINERA S.C.R.L.')).toBe('company');
    expect(organizationTypeFromName('ASOCIACION MINERA SAA')).toBe('company');
    expect(organizationTypeFromName('ASOCIACION S.A. CENTRAL')).toBe('association'); // the form is not at the end
  });
});
