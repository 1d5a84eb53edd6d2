import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agrees,
  avanceTipo1,
  avanceTipo2,
  ceplanMethod,
  clampPercent,
  countBands,
  invertedAvance,
  managementIndex,
  objectiveAggregate,
  trafficLight,
  type AvanceInput,
} from './ceplan.domain.ts';
import type { Aggregation, Direction } from '../monitoring.schema.ts';

const VALID: readonly [Direction, Aggregation][] = [
  ['ascendente', 'acumulado'],
  ['ascendente', 'no_acumulado'],
  ['descendente', 'acumulado'],
  ['descendente', 'no_acumulado'],
  ['no_definido', 'minimo_permisible'],
  ['no_definido', 'maximo_permisible'],
];

/**
 * Quantities as indicators carry them: percentages, counts, rates typed with at most
 * four decimals; zero is common.
 */
const quantity = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -50, max: 5000 }),
  fc.double({ min: -1e4, max: 1e6, noNaN: true }).map((x) => Math.round(x * 1e4) / 1e4 || 0),
);
const maybe = fc.option(quantity, { nil: null, freq: 5 });

const input = fc
  .record({ pair: fc.constantFrom(...VALID), value: maybe, target: maybe, baseline: maybe })
  .map(({ pair, ...rest }): AvanceInput => ({ direction: pair[0], aggregation: pair[1], ...rest }));

function reaches(i: AvanceInput): boolean {
  const up = i.direction === 'ascendente' || i.aggregation === 'minimo_permisible';
  return up ? (i.value ?? 0) >= (i.target ?? 0) : (i.value ?? 0) <= (i.target ?? 0);
}

describe('CEPLAN arithmetic, properties', () => {
  it('ND in, ND out: Tipo 1 is ND exactly when VO or LE is missing', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(avanceTipo1(i) === null).toBe(i.value === null || i.target === null);
      }),
    );
  });

  it('Tipo 2 is ND exactly when VO or LE is missing, or LB for no acumulado', () => {
    fc.assert(
      fc.property(input, (i) => {
        const nd = i.value === null || i.target === null || (i.aggregation === 'no_acumulado' && i.baseline === null);
        expect(avanceTipo2(i) === null).toBe(nd);
      }),
    );
  });

  it('every computed avance is a finite number', () => {
    fc.assert(
      fc.property(input, (i) => {
        for (const a of [avanceTipo1(i), avanceTipo2(i)]) if (a !== null) expect(Number.isFinite(a)).toBe(true);
      }),
    );
  });

  it('Tipo 2 equals Tipo 1 for acumulado and permisible aggregations', () => {
    fc.assert(
      fc.property(input, (i) => {
        if (i.aggregation !== 'no_acumulado') expect(avanceTipo2(i)).toBe(avanceTipo1(i));
      }),
    );
  });

  it('a zero denominator gives 100 when VO reaches LE in the expected direction, else 0', () => {
    const zeroDenominator = fc
      .record({ pair: fc.constantFrom(...VALID), value: quantity, baseline: quantity })
      .map(({ pair, value, baseline }): AvanceInput => {
        const [direction, aggregation] = pair;
        // Tipo 1's denominator: LE for VO/LE, VO for LE/VO (VO = 0 then).
        const reciprocal = direction === 'descendente' || aggregation === 'maximo_permisible';
        return reciprocal ? { direction, aggregation, value: 0, target: value, baseline } : { direction, aggregation, value, target: 0, baseline };
      });
    fc.assert(
      fc.property(zeroDenominator, (i) => {
        expect(avanceTipo1(i)).toBe(reaches(i) ? 100 : 0);
      }),
    );
  });

  it('Tipo 2 of no acumulado with LE = LB gives 100 when VO reaches LE, else 0', () => {
    fc.assert(
      fc.property(fc.boolean(), quantity, quantity, (up, value, level) => {
        const i: AvanceInput = {
          direction: up ? 'ascendente' : 'descendente',
          aggregation: 'no_acumulado',
          value,
          target: level,
          baseline: level,
        };
        expect(avanceTipo2(i)).toBe(reaches(i) ? 100 : 0);
      }),
    );
  });

  it('descending with VO ≤ 0 gives 100 or 0, never a negative or huge ratio', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 0, noNaN: true }), quantity, (value, target) => {
        const i: AvanceInput = { direction: 'descendente', aggregation: 'acumulado', value, target, baseline: null };
        expect(avanceTipo1(i)).toBe(value <= target ? 100 : 0);
      }),
    );
  });

  it('with positive VO and LE, Tipo 1 ≥ 100 exactly when VO reaches LE', () => {
    const positive = fc.double({ min: 0.01, max: 1e5, noNaN: true });
    fc.assert(
      fc.property(fc.constantFrom(...VALID), positive, positive, ([direction, aggregation], value, target) => {
        const i: AvanceInput = { direction, aggregation, value, target, baseline: 0 };
        const a = avanceTipo1(i) ?? Number.NaN;
        // Compare the ratio itself: VO/LE ≥ 1 may round to 100 − ε when VO ≈ LE.
        if (Math.abs(value - target) > 1e-9 * target) expect(a >= 100).toBe(reaches(i));
        if (aggregation.endsWith('permisible')) expect(a).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('Tipo 1 grows with VO for ascending indicators and falls with VO for descending ones', () => {
    const positive = fc.double({ min: 0.01, max: 1e5, noNaN: true });
    fc.assert(
      fc.property(fc.constantFrom(...VALID), positive, positive, positive, ([direction, aggregation], a, b, target) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const at = (value: number): number => avanceTipo1({ direction, aggregation, value, target, baseline: 0 }) ?? Number.NaN;
        if (direction === 'ascendente' || aggregation === 'minimo_permisible') {
          expect(at(high)).toBeGreaterThanOrEqual(at(low));
        } else {
          expect(at(high)).toBeLessThanOrEqual(at(low));
        }
      }),
    );
  });

  it('an avance times its reciprocal is 100 × 100 where both are ratios', () => {
    const positive = fc.double({ min: 0.5, max: 1e4, noNaN: true });
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID.filter(([, a]) => !a.endsWith('permisible'))),
        positive,
        positive,
        positive,
        ([direction, aggregation], value, target, baseline) => {
          const i: AvanceInput = { direction, aggregation, value, target, baseline };
          for (const field of ['avance1', 'avance2'] as const) {
            const a = field === 'avance1' ? avanceTipo1(i) : avanceTipo2(i);
            const r = invertedAvance(field, i);
            if (a === null || r === null || a === 0 || a === 100) continue;
            expect((a * r) / 10000).toBeCloseTo(1, 6);
          }
        },
      ),
    );
  });

  it('the light is a function of Tipo 1 with the CEPLAN thresholds, monotone', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true }), (a, b) => {
        const rank = { nd: -1, red: 0, yellow: 1, green: 2 } as const;
        const band = trafficLight(a);
        expect(band).toBe(a < 75 ? 'red' : a < 95 ? 'yellow' : 'green');
        if (a <= b) expect(rank[trafficLight(a)]).toBeLessThanOrEqual(rank[trafficLight(b)]);
      }),
    );
  });

  it('objective aggregates lie in [0, 100], ignore ND and the order of indicators', () => {
    fc.assert(
      fc.property(fc.array(maybe, { maxLength: 8 }), (avances) => {
        const aggregate = objectiveAggregate(avances);
        const numbers = avances.filter((a): a is number => a !== null);
        if (numbers.length === 0) {
          expect(aggregate).toBeNull();
          return;
        }
        expect(aggregate).not.toBeNull();
        expect(aggregate ?? -1).toBeGreaterThanOrEqual(0);
        expect(aggregate ?? 101).toBeLessThanOrEqual(100 + 1e-9);
        expect(objectiveAggregate([...avances].reverse())).toBeCloseTo(aggregate ?? 0, 9);
        const mean = numbers.map(clampPercent).reduce((s, v) => s + v, 0) / numbers.length;
        expect(aggregate).toBeCloseTo(mean, 9);
      }),
    );
  });

  it('the management index lies between the lowest and highest objective', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), { maxLength: 6 }), (objectives) => {
        const index = managementIndex(objectives);
        const numbers = objectives.filter((o): o is number => o !== null);
        if (numbers.length === 0) {
          expect(index).toBeNull();
        } else {
          expect(index ?? Number.NaN).toBeGreaterThanOrEqual(Math.min(...numbers) - 1e-9);
          expect(index ?? Number.NaN).toBeLessThanOrEqual(Math.max(...numbers) + 1e-9);
        }
      }),
    );
  });

  it('band counts add up to the number of elements', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('red', 'yellow', 'green', 'nd' as const)), (bands) => {
        const c = countBands(bands);
        expect(c.red + c.yellow + c.green + c.nd).toBe(bands.length);
      }),
    );
  });

  it('only the six CEPLAN pairs are accepted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Direction>('ascendente', 'descendente', 'no_definido'),
        fc.constantFrom<Aggregation>('acumulado', 'no_acumulado', 'minimo_permisible', 'maximo_permisible'),
        (direction, aggregation) => {
          const valid = VALID.some(([d, a]) => d === direction && a === aggregation);
          expect(ceplanMethod(direction, aggregation) !== null).toBe(valid);
        },
      ),
    );
  });

  it('agreement is symmetric around the published one-decimal figure', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), (value) => {
        expect(agrees(Math.round(value * 10) / 10, value)).toBe(true);
        expect(agrees(value + 0.06, value)).toBe(false);
      }),
    );
  });
});
