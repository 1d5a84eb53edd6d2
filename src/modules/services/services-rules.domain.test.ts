/** The services rules at their edges: the mercury table, default services, timeliness and the sample's shuffle. */
import { describe, expect, test } from 'vitest';
import { DEFAULT_SERVICE, SAMPLE_METHOD, USES_MERCURY, ageBand, hadAccess, isTimely, mulberry32, seededSample } from './services.domain.ts';

describe('vocabularies', () => {
  test('amalgamation uses mercury; gravimetry, cyanidation and mercury-free do not', () => {
    expect(USES_MERCURY).toEqual({
      whole_ore_amalgamation: true,
      concentrate_amalgamation: true,
      amalgamation_with_retort: true,
      gravimetric: false,
      cyanidation: false,
      mercury_free: false,
    });
  });

  test('each delivery kind serves its PNMPMMA-2030 service by default', () => {
    expect(DEFAULT_SERVICE).toEqual({
      training: 'SS.01.06.01',
      technical_assistance: 'SS.02.01.01',
      labour_advice: 'SS.01.05.01',
      business_advice: 'SS.01.04.01',
      lab_analysis: 'SS.02.05.02',
      fondo_minero: 'SS.02.05.01',
      credit: 'SS.02.02.01',
    });
  });

  test('the sample method says how it is drawn', () => {
    expect(SAMPLE_METHOD).toContain('Fisher–Yates');
    expect(SAMPLE_METHOD).toContain('mulberry32');
    expect(SAMPLE_METHOD).toContain('max(1, ceil(10 % of the population))');
  });
});

describe('edges', () => {
  test('access is attendance, passed or not', () => {
    expect(hadAccess({ attended: true, passed: false })).toBe(true);
    expect(hadAccess({ attended: false, passed: true })).toBe(false);
  });

  test('delivered the day the sample arrived is timely; before it (a typo) is not', () => {
    expect(isTimely('2024-05-10', '2024-05-10', 0)).toBe(true);
    expect(isTimely('2024-05-10', '2024-05-09', 5)).toBe(false);
    expect(isTimely('2024-05-10', '2024-05-15', 5)).toBe(true);
    expect(isTimely('2024-05-10', '2024-05-16', 5)).toBe(false);
  });

  test('age bands change at 18, 30, 45 and 60', () => {
    expect([17, 18, 29, 30, 44, 45, 59, 60].map(ageBand)).toEqual(['<18', '18-29', '18-29', '30-44', '30-44', '45-59', '45-59', '60+']);
  });
});

describe('seededSample is Fisher–Yates over the sorted population', () => {
  const fisherYates = (ids: number[], seed: number): number[] => {
    const out = [...ids];
    const random = mulberry32(seed);
    for (let i = out.length - 1; i >= 1; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  };

  test('the whole shuffle, for several seeds', () => {
    for (const seed of [1, 7, 2024, 99999]) {
      expect(seededSample([5, 3, 9, 1, 7, 2], seed, 6)).toEqual(fisherYates([1, 2, 3, 5, 7, 9], seed));
    }
  });

  test('two ids: both orders occur across seeds (the first position can be swapped)', () => {
    const firsts = new Set(Array.from({ length: 40 }, (_, seed) => seededSample([10, 20], seed, 1)[0]));
    expect(firsts).toEqual(new Set([10, 20]));
  });
});
