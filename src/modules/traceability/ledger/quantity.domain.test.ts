import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, daysOfMonth, isIsoDate, toPeruDate } from '../../../kernel/peru-date.ts';
import { apportion, decimalOf, grossFineMg, gramsToMg, mgToGrams, oreFineMg, recoveredMg, roundHalfUp, significantDigits } from './quantity.domain.ts';

describe('exact quantities', () => {
  it('reads a number at its shortest decimal, exponents included', () => {
    expect(decimalOf(0.85)).toEqual({ units: 85n, scale: 2 });
    expect(decimalOf(1e-7)).toEqual({ units: 1n, scale: 7 });
    expect(decimalOf(1.5e21)).toEqual({ units: 1_500_000_000_000_000_000_000n, scale: 0 });
    expect(decimalOf(-2.5)).toEqual({ units: -25n, scale: 1 });
  });

  it('counts significant digits, so that float artefacts are caught', () => {
    expect(significantDigits(0.1 + 0.2)).toBe(17);
    expect(significantDigits(0.3)).toBe(1);
    expect(significantDigits(1200)).toBe(2);
    expect(significantDigits(0.00105)).toBe(3);
  });

  it('rounds half away from zero, like PostgreSQL round(numeric)', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(7n, 2n)).toBe(4n);
    expect(roundHalfUp(-5n, 2n)).toBe(-3n);
    expect(roundHalfUp(4n, 3n)).toBe(1n);
    expect(roundHalfUp(5n, 3n)).toBe(2n);
  });

  it('converts ore and weighed material to mg of fine gold, rounding once', () => {
    expect(oreFineMg(10, 8)).toBe(80_000n);
    expect(grossFineMg(100, 0.85)).toBe(85_000n);
    // 0.1 × 0.3 = 0.03 g exactly, not 0.030000000000000002
    expect(grossFineMg(0.1, 0.3)).toBe(30n);
    // 1.5 t × 0.333 g/t = 0.4995 g = 499.5 mg → 500
    expect(oreFineMg(1.5, 0.333)).toBe(500n);
    expect(gramsToMg(0.0005)).toBe(1n);
    expect(gramsToMg(0.0004)).toBe(0n);
  });

  it('rounds a recovery once on the total', () => {
    expect(recoveredMg(5n, 0.9)).toBe(5n); // 4.5 → 5
    expect(recoveredMg(15n, 0.9)).toBe(14n); // 13.5 → 14
    expect(recoveredMg(100_000n, 1)).toBe(100_000n);
    expect(recoveredMg(123_457n, 0.333)).toBe(41_111n); // 41111.181
  });

  it('prints mg as grams exactly', () => {
    expect(mgToGrams(123_456n)).toBe(123.456);
    expect(mgToGrams(1n)).toBe(0.001);
  });
});

describe('apportion', () => {
  it('gives the missing units to the largest remainders, ties to the smaller key', () => {
    const weights = new Map([
      ['b', 1n],
      ['a', 1n],
      ['c', 1n],
    ]);
    expect(apportion(10n, weights)).toEqual(
      new Map([
        ['b', 3n],
        ['a', 4n],
        ['c', 3n],
      ]),
    );
    expect(apportion(11n, weights)).toEqual(
      new Map([
        ['b', 4n],
        ['a', 4n],
        ['c', 3n],
      ]),
    );
  });

  it('gives nothing to a zero weight and refuses to spread over nothing', () => {
    expect(
      apportion(
        5n,
        new Map([
          ['a', 0n],
          ['b', 3n],
        ]),
      ),
    ).toEqual(
      new Map([
        ['a', 0n],
        ['b', 5n],
      ]),
    );
    expect(apportion(0n, new Map([['a', 0n]]))).toEqual(new Map([['a', 0n]]));
    expect(() => apportion(1n, new Map([['a', 0n]]))).toThrow(RangeError);
  });

  it('sums exactly to the total and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.bigInt({ min: 0n, max: 10n ** 9n })), {
          minLength: 1,
          maxLength: 6,
          selector: ([key]) => key,
        }),
        (total, pairs) => {
          const weights = new Map(pairs);
          const whole = pairs.reduce((sum, [, w]) => sum + w, 0n);
          fc.pre(whole > 0n);
          const shares = apportion(total, weights);
          expect([...shares.values()].reduce((a, b) => a + b, 0n)).toBe(total);
          for (const [key, weight] of weights) {
            const share = shares.get(key) ?? -1n;
            const floor = (total * weight) / whole;
            expect(share === floor || share === floor + 1n).toBe(true);
          }
        },
      ),
    );
  });
});

describe('calendar', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-3-01')).toBe(false);
    expect(isIsoDate('2024-03-01T00:00:00Z')).toBe(false);
  });

  it('counts days and month lengths', () => {
    expect(daysBetween('2024-02-27', '2024-03-01')).toBe(3);
    expect(daysOfMonth('2024-02')).toBe(29);
    expect(daysOfMonth('2023-02')).toBe(28);
  });

  it('dates an instant in Peru (UTC−5)', () => {
    expect(toPeruDate(new Date('2024-03-02T04:59:59Z'))).toBe('2024-03-01');
    expect(toPeruDate(new Date('2024-03-02T05:00:00Z'))).toBe('2024-03-02');
  });
});
