import type { Aggregation, AvanceField, Band, BandCounts, Direction } from '../monitoring.schema.ts';

/**
 * CEPLAN arithmetic of the follow-up of national policies (Guía para el seguimiento y
 * evaluación de políticas nacionales y planes del Sinaplan, approved by Resolución de
 * Presidencia de Consejo Directivo N° 0061-2023-CEPLAN/PCD, and the follow-up reports made
 * with it): Avance Tipo 1 and Tipo 2, traffic light, objective aggregates and the
 * management index. VO = value obtained, LE = target (logro esperado), LB = baseline
 * (línea base). `null` is ND. Everything is computed on unrounded values; rounding is for
 * display only.
 *
 * Two readings of the rules where they are silent, both documented at the function:
 * the "VO ≤ 0" fallback applies wherever VO is the denominator of Tipo 1 (descending and
 * máximo permisible), not to Tipo 2's (LB−VO)/(LB−LE), whose denominator is not VO.
 */

/** What an indicator's direction and aggregation mean for the arithmetic. */
export type CeplanMethod = 'ascending' | 'descending' | 'minimum' | 'maximum';

export interface AvanceInput {
  direction: Direction;
  aggregation: Aggregation;
  /** VO of the evaluated year. */
  value: number | null;
  /** LE of the target year. */
  target: number | null;
  /** LB. */
  baseline: number | null;
}

/**
 * The method of a direction × aggregation pair, or `null` when CEPLAN does not allow it:
 * a permisible aggregation goes with direction `no_definido`, and `no_definido` only with
 * a permisible aggregation.
 */
export function ceplanMethod(direction: Direction, aggregation: Aggregation): CeplanMethod | null {
  if (aggregation === 'minimo_permisible') return direction === 'no_definido' ? 'minimum' : null;
  if (aggregation === 'maximo_permisible') return direction === 'no_definido' ? 'maximum' : null;
  if (direction === 'ascendente') return 'ascending';
  if (direction === 'descendente') return 'descending';
  return null;
}

function methodOf(input: AvanceInput): CeplanMethod {
  const method = ceplanMethod(input.direction, input.aggregation);
  if (method === null) {
    throw new RangeError(`direction ${input.direction} cannot go with aggregation ${input.aggregation}`);
  }
  return method;
}

/** Whether VO reaches LE in the expected direction of the method. */
function reaches(method: CeplanMethod, value: number, target: number): boolean {
  return method === 'ascending' || method === 'minimum' ? value >= target : value <= target;
}

/**
 * `numerator / denominator × 100`, or the CEPLAN fallback when the denominator is zero
 * (or, for reciprocal ratios, not positive): 100 when VO reaches LE in the expected
 * direction, else 0.
 */
function ratio(numerator: number, denominator: number, fallback: boolean, reached: boolean): number {
  if (fallback) return reached ? 100 : 0;
  return (numerator / denominator) * 100;
}

/**
 * Avance Tipo 1 (CEPLAN): ascending VO/LE×100; descending LE/VO×100; mínimo permisible 100
 * if VO ≥ LE else VO/LE×100; máximo permisible 100 if VO ≤ LE else LE/VO×100.
 * A zero denominator — and VO ≤ 0 where VO is the denominator (descending; máximo
 * permisible likewise, where LE/VO with VO ≤ 0 has no meaning either) — gives 100 when VO
 * reaches LE in the expected direction, else 0. Missing VO or LE gives ND (`null`), never 0.
 * @throws RangeError for a direction × aggregation pair CEPLAN does not allow.
 */
export function avanceTipo1(input: AvanceInput): number | null {
  const method = methodOf(input);
  const { value: vo, target: le } = input;
  if (vo === null || le === null) return null;
  const reached = reaches(method, vo, le);
  switch (method) {
    case 'ascending':
      return ratio(vo, le, le === 0, reached);
    case 'descending':
      return ratio(le, vo, vo <= 0, reached);
    case 'minimum':
      return reached ? 100 : ratio(vo, le, le === 0, reached);
    case 'maximum':
      return reached ? 100 : ratio(le, vo, vo <= 0, reached);
  }
}

/**
 * Avance Tipo 2 (CEPLAN): for `no_acumulado` ascending (VO−LB)/(LE−LB)×100, descending
 * (LB−VO)/(LB−LE)×100, 100 or 0 on a zero denominator as for Tipo 1; for `acumulado` and
 * the permisible aggregations Tipo 2 equals Tipo 1. Missing VO or LE gives ND; a missing LB
 * gives ND for `no_acumulado` indicators only.
 * @throws RangeError for a direction × aggregation pair CEPLAN does not allow.
 */
export function avanceTipo2(input: AvanceInput): number | null {
  const method = methodOf(input);
  if (input.aggregation !== 'no_acumulado') return avanceTipo1(input);
  const { value: vo, target: le, baseline: lb } = input;
  if (vo === null || le === null || lb === null) return null;
  const reached = reaches(method, vo, le);
  if (method === 'ascending') return ratio(vo - lb, le - lb, le - lb === 0, reached);
  return ratio(lb - vo, lb - le, lb - le === 0, reached);
}

/** Avance Tipo 1 or Tipo 2 by field name. */
export function avance(field: AvanceField, input: AvanceInput): number | null {
  return field === 'avance1' ? avanceTipo1(input) : avanceTipo2(input);
}

/**
 * The reciprocal of the formula the method uses (for the audit of published reports):
 * LE/VO for VO/LE, VO/LE for LE/VO, (LE−LB)/(VO−LB) for (VO−LB)/(LE−LB) and
 * (LB−LE)/(LB−VO) for (LB−VO)/(LB−LE), ×100. The permisible aggregations invert their
 * ratio whichever branch applies. `null` when an input is missing or the reciprocal's
 * denominator is zero (a reciprocal never explains anything there).
 */
export function invertedAvance(field: AvanceField, input: AvanceInput): number | null {
  const method = methodOf(input);
  const { value: vo, target: le, baseline: lb } = input;
  if (vo === null || le === null) return null;
  const safe = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : (numerator / denominator) * 100);
  if (field === 'avance2' && input.aggregation === 'no_acumulado') {
    if (lb === null) return null;
    return method === 'ascending' ? safe(le - lb, vo - lb) : safe(lb - le, lb - vo);
  }
  return method === 'ascending' || method === 'minimum' ? safe(le, vo) : safe(vo, le);
}

/**
 * Traffic light (semáforo) from the unrounded Avance Tipo 1: < 75 red, [75, 95) yellow,
 * ≥ 95 green, ND grey. 94.96 is yellow although it displays as 95.0.
 */
export function trafficLight(avance1: number | null): Band {
  if (avance1 === null) return 'nd';
  if (avance1 < 75) return 'red';
  if (avance1 < 95) return 'yellow';
  return 'green';
}

/** A percentage clamped to [0, 100], as objective aggregates take their indicators. */
export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * Aggregate Avance (Tipo 1 or Tipo 2) of a priority objective (CEPLAN): the mean over the
 * objective's IOP indicators of their avance clamped to [0, 100], ND left out; all ND → ND.
 */
export function objectiveAggregate(indicatorAvances: readonly (number | null)[]): number | null {
  return mean(indicatorAvances.filter((v): v is number => v !== null).map(clampPercent));
}

/**
 * Índice de gestión of the policy (CEPLAN): the mean of the priority objectives' aggregate
 * Avance Tipo 2, ND objectives left out; all ND → ND.
 */
export function managementIndex(objectiveAvances2: readonly (number | null)[]): number | null {
  return mean(objectiveAvances2.filter((v): v is number => v !== null));
}

/** Counts of each traffic light, as in the summary table of the report. */
export function countBands(bands: readonly Band[]): BandCounts {
  const counts: BandCounts = { red: 0, yellow: 0, green: 0, nd: 0 };
  for (const band of bands) counts[band] += 1;
  return counts;
}

/** Published figures carry one decimal: a difference up to this is not a discrepancy. */
export const PUBLISHED_TOLERANCE = 0.05;

/** Whether a published figure and a computed one agree within the display rounding. */
export function agrees(published: number, computed: number | null): boolean {
  // The epsilon absorbs binary noise: 100.0 vs 99.95 must count as within 0.05.
  return computed !== null && Math.abs(published - computed) <= PUBLISHED_TOLERANCE + 1e-9;
}
