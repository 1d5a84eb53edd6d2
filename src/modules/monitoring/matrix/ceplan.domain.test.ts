import { describe, expect, it } from 'vitest';
import {
  agrees,
  avance,
  avanceTipo1,
  avanceTipo2,
  ceplanMethod,
  countBands,
  invertedAvance,
  managementIndex,
  objectiveAggregate,
  trafficLight,
  type AvanceInput,
} from './ceplan.domain.ts';
import type { Aggregation, Direction } from '../monitoring.schema.ts';

const asc = (value: number | null, target: number | null, baseline: number | null = 0): AvanceInput => ({
  direction: 'ascendente',
  aggregation: 'no_acumulado',
  value,
  target,
  baseline,
});
const desc = (value: number | null, target: number | null, baseline: number | null = 100): AvanceInput => ({
  direction: 'descendente',
  aggregation: 'no_acumulado',
  value,
  target,
  baseline,
});
const permisible = (aggregation: Aggregation, value: number | null, target: number | null): AvanceInput => ({
  direction: 'no_definido',
  aggregation,
  value,
  target,
  baseline: null,
});

describe('Avance Tipo 1', () => {
  it('is VO/LE for an ascending indicator (IOP.01.01 of the 2024 report: 87 / 63.9)', () => {
    expect(avanceTipo1(asc(87, 63.9))).toBeCloseTo(136.150235, 5);
  });

  it('is LE/VO for a descending indicator (IOP.01.02: 7.5 / 8.21)', () => {
    expect(avanceTipo1(desc(8.21, 7.5))).toBeCloseTo(91.3520097, 6);
  });

  it('caps mínimo permisible at 100 once VO ≥ LE, else VO/LE', () => {
    expect(avanceTipo1(permisible('minimo_permisible', 50, 50))).toBe(100);
    expect(avanceTipo1(permisible('minimo_permisible', 80, 50))).toBe(100);
    expect(avanceTipo1(permisible('minimo_permisible', 40, 50))).toBeCloseTo(80, 10);
  });

  it('caps máximo permisible at 100 once VO ≤ LE, else LE/VO', () => {
    expect(avanceTipo1(permisible('maximo_permisible', 10, 20))).toBe(100);
    expect(avanceTipo1(permisible('maximo_permisible', 20, 20))).toBe(100);
    expect(avanceTipo1(permisible('maximo_permisible', 25, 20))).toBeCloseTo(80, 10);
  });

  it('gives ND, never 0, when VO or LE is missing', () => {
    for (const input of [asc(null, 10), asc(10, null), desc(null, 5), permisible('minimo_permisible', null, 50)]) {
      expect(avanceTipo1(input)).toBeNull();
      expect(avanceTipo2(input)).toBeNull();
    }
  });

  it('gives 100 or 0 on a zero denominator, by whether VO reaches LE', () => {
    expect(avanceTipo1(asc(5, 0))).toBe(100);
    expect(avanceTipo1(asc(0, 0))).toBe(100);
    expect(avanceTipo1(asc(-1, 0))).toBe(0);
    expect(avanceTipo1(desc(0, 2))).toBe(100);
    expect(avanceTipo1(desc(0, 0))).toBe(100);
    expect(avanceTipo1(permisible('minimo_permisible', -3, 0))).toBe(0);
    expect(avanceTipo1(permisible('maximo_permisible', 0, -1))).toBe(0);
  });

  it('gives 100 or 0 for a descending indicator with VO ≤ 0, not a negative or infinite ratio', () => {
    expect(avanceTipo1(desc(-2, 1))).toBe(100);
    expect(avanceTipo1(desc(-2, -5))).toBe(0);
    expect(avanceTipo1(desc(-5, -2))).toBe(100);
  });
});

describe('Avance Tipo 2', () => {
  it('is (VO−LB)/(LE−LB) for ascending no acumulado (IOP.01.01: 25 / 1.9)', () => {
    expect(avanceTipo2(asc(87, 63.9, 62))).toBeCloseTo(1315.789474, 5);
  });

  it('is (LB−VO)/(LB−LE) for descending no acumulado (IOP.01.02: 5.09 / 5.8)', () => {
    expect(avanceTipo2(desc(8.21, 7.5, 13.3))).toBeCloseTo(87.7586207, 6);
  });

  it('can be negative: the method does not clamp an indicator (IOP.03.02)', () => {
    expect(avanceTipo2(asc(12, 13.3, 12.1))).toBeCloseTo(-8.3333333, 6);
  });

  it('equals Tipo 1 for acumulado and the permisible aggregations, whatever LB', () => {
    const cases: AvanceInput[] = [
      { ...asc(3.1, 4, 1), aggregation: 'acumulado' },
      { ...desc(30, 20, 90), aggregation: 'acumulado' },
      { ...permisible('minimo_permisible', 40, 50), baseline: 12 },
      { ...permisible('maximo_permisible', 25, 20), baseline: null },
    ];
    for (const input of cases) expect(avanceTipo2(input)).toBe(avanceTipo1(input));
  });

  it('is ND for no acumulado without a baseline, while Tipo 1 is not', () => {
    expect(avanceTipo2(asc(5, 10, null))).toBeNull();
    expect(avanceTipo1(asc(5, 10, null))).toBe(50);
    expect(avanceTipo2({ ...asc(5, 10, null), aggregation: 'acumulado' })).toBe(50);
  });

  it('gives 100 or 0 when LE = LB', () => {
    expect(avanceTipo2(asc(8, 8, 8))).toBe(100);
    expect(avanceTipo2(asc(9, 8, 8))).toBe(100);
    expect(avanceTipo2(asc(7, 8, 8))).toBe(0);
    expect(avanceTipo2(desc(4, 5, 5))).toBe(100);
    expect(avanceTipo2(desc(6, 5, 5))).toBe(0);
  });
});

describe('direction × aggregation', () => {
  const directions: Direction[] = ['ascendente', 'descendente', 'no_definido'];
  const aggregations: Aggregation[] = ['acumulado', 'no_acumulado', 'minimo_permisible', 'maximo_permisible'];
  const allowed = new Set([
    'ascendente/acumulado',
    'ascendente/no_acumulado',
    'descendente/acumulado',
    'descendente/no_acumulado',
    'no_definido/minimo_permisible',
    'no_definido/maximo_permisible',
  ]);

  for (const direction of directions) {
    for (const aggregation of aggregations) {
      const key = `${direction}/${aggregation}`;
      it(`${key} is ${allowed.has(key) ? 'computed' : 'rejected'}`, () => {
        const input: AvanceInput = { direction, aggregation, value: 40, target: 50, baseline: 10 };
        if (allowed.has(key)) {
          expect(ceplanMethod(direction, aggregation)).not.toBeNull();
          expect(avanceTipo1(input)).toEqual(expect.any(Number));
          expect(avanceTipo2(input)).toEqual(expect.any(Number));
        } else {
          expect(ceplanMethod(direction, aggregation)).toBeNull();
          expect(() => avanceTipo1(input)).toThrow(RangeError);
          expect(() => avanceTipo2(input)).toThrow(RangeError);
        }
      });
    }
  }
});

describe('traffic light', () => {
  it('reads the unrounded Avance Tipo 1: < 75 red, [75, 95) yellow, ≥ 95 green, ND grey', () => {
    expect(trafficLight(74.999)).toBe('red');
    expect(trafficLight(75)).toBe('yellow');
    expect(trafficLight(94.96)).toBe('yellow'); // displays as 95.0
    expect(trafficLight(94.9999)).toBe('yellow');
    expect(trafficLight(95)).toBe('green');
    expect(trafficLight(1315.8)).toBe('green');
    expect(trafficLight(-8)).toBe('red');
    expect(trafficLight(null)).toBe('nd');
  });

  it('counts lights by colour', () => {
    expect(countBands(['red', 'green', 'green', 'nd'])).toEqual({ red: 1, yellow: 0, green: 2, nd: 1 });
  });
});

describe('objective aggregate and management index', () => {
  it('averages the IOP avances clamped to [0, 100], ND left out (OP.01: 136.15 → 100, 91.35)', () => {
    expect(objectiveAggregate([136.150235, 91.3520097])).toBeCloseTo(95.676005, 5);
    expect(objectiveAggregate([100, -8.33])).toBe(50);
    expect(objectiveAggregate([null, 80])).toBe(80);
  });

  it('is ND when every indicator is ND, or there is none', () => {
    expect(objectiveAggregate([null, null])).toBeNull();
    expect(objectiveAggregate([])).toBeNull();
  });

  it('the index is the mean of the objectives’ Tipo 2, ND objectives left out', () => {
    expect(managementIndex([93.879, 45.833, 50, 100])).toBeCloseTo(72.428, 3);
    expect(managementIndex([100, 45.8, 50, 100])).toBeCloseTo(73.95, 10); // published: 74.0
    expect(managementIndex([null, 60, 80])).toBe(70);
    expect(managementIndex([null])).toBeNull();
  });
});

describe('reciprocal formulas (for the audit)', () => {
  it('inverts each ratio', () => {
    expect(invertedAvance('avance1', asc(87, 63.9))).toBeCloseTo((63.9 / 87) * 100, 10);
    expect(invertedAvance('avance1', desc(8.21, 7.5))).toBeCloseTo((8.21 / 7.5) * 100, 10);
    expect(invertedAvance('avance2', asc(87, 63.9, 62))).toBeCloseTo((1.9 / 25) * 100, 10);
    expect(invertedAvance('avance2', desc(8.21, 7.5, 13.3))).toBeCloseTo((5.8 / 5.09) * 100, 10);
    expect(invertedAvance('avance1', permisible('minimo_permisible', 40, 50))).toBeCloseTo(125, 10);
    expect(invertedAvance('avance1', permisible('maximo_permisible', 25, 20))).toBeCloseTo(125, 10);
  });

  it('is ND on a zero denominator or missing data', () => {
    expect(invertedAvance('avance1', asc(0, 10))).toBeNull();
    expect(invertedAvance('avance2', asc(5, 10, 5))).toBeNull();
    expect(invertedAvance('avance1', asc(null, 10))).toBeNull();
    expect(invertedAvance('avance2', asc(5, 10, null))).toBeNull();
  });
});

describe('CEPLAN: the field picks the formula; the audit tolerance is inclusive', () => {
  const noAcum = (direction: Direction, value: number, target: number, baseline: number): AvanceInput => ({
    direction,
    aggregation: 'no_acumulado',
    value,
    target,
    baseline,
  });
  it('Tipo 2 of a descending no_acumulado indicator is (LB−VO)/(LB−LE)×100, and avance() picks Tipo 1 or 2 by name', () => {
    const down = noAcum('descendente', 80, 60, 100); // (100−80)/(100−60) = 50 %; Tipo 1: 60/80 = 75 %
    expect(avanceTipo2(down)).toBeCloseTo(50, 9);
    expect(avance('avance1', down)).toBeCloseTo(75, 9);
    expect(avance('avance2', down)).toBeCloseTo(50, 9);
    const up = noAcum('ascendente', 30, 50, 10); // (30−10)/(50−10) = 50 %; Tipo 1: 60 %
    expect(avanceTipo2(up)).toBeCloseTo(50, 9);
    expect(invertedAvance('avance2', up)).toBeCloseTo(200, 9); // (50−10)/(30−10)
    expect(invertedAvance('avance2', down)).toBeCloseTo(200, 9); // (100−60)/(100−80)
    expect(() => avanceTipo1({ direction: 'no_definido', aggregation: 'acumulado', value: 1, target: 1, baseline: 0 })).toThrow(
      'direction no_definido cannot go with aggregation acumulado',
    );
  });
  it('a published figure agrees up to 0.05 either way, not beyond; an ND computed never agrees', () => {
    expect(agrees(100, 99.95)).toBe(true);
    expect(agrees(99.9, 99.95)).toBe(true);
    expect(agrees(100, 99.94)).toBe(false);
    expect(agrees(50, null)).toBe(false);
    expect(agrees(0, null)).toBe(false); // a published 0 is not "agreed" by a missing figure
    expect(invertedAvance('avance1', { direction: 'ascendente', aggregation: 'acumulado', value: 10, target: null, baseline: 0 })).toBeNull();
    expect(invertedAvance('avance1', { direction: 'ascendente', aggregation: 'acumulado', value: null, target: 10, baseline: 0 })).toBeNull();
  });
});
