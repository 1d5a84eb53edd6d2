import {
  agrees,
  avance,
  clampPercent,
  invertedAvance,
  objectiveAggregate,
  type AvanceInput,
} from './ceplan.domain.ts';
import type {
  Discrepancy,
  IndicatorResult,
  ObjectiveResult,
} from './monitoring.domain.ts';
import type { AvanceField, PolicyMatrix } from './monitoring.schema.ts';

/**
 * Audit of a published follow-up report: every published Avance that differs from the
 * recomputed one by more than 0.05 (the display rounding), or is a number where the method
 * gives ND, with the first explanation that fits:
 * 1. ND_AS_NUMBER — the method gives ND, a number was published;
 * 2. TARGET_YEAR — it matches the avance computed against another year's target (the
 *    earliest such year is named);
 * 3. INVERTED_FORMULA — it matches the reciprocal formula;
 * 4. CLAMPED — it is the computed value clamped to [0, 100] on an indicator (the method
 *    clamps only inside objective aggregates);
 * 5. AGGREGATE_OF_PUBLISHED — an objective's figure that follows from the published
 *    indicator figures but not from the recomputed ones;
 * 6. UNEXPLAINED.
 * Kinds 2–4 apply to indicators, kind 5 to objectives. A published ND is no figure and is
 * not listed, even where the method gives a number.
 */

export interface AuditInput {
  matrix: PolicyMatrix;
  year: number;
  targetYear: number;
  indicators: readonly IndicatorResult[];
  objectives: readonly ObjectiveResult[];
}

const FIELDS: readonly AvanceField[] = ['avance1', 'avance2'];
const FIELD_LABEL: Record<AvanceField, string> = {
  avance1: 'Avance Tipo 1',
  avance2: 'Avance Tipo 2',
};

function fmt(value: number): string {
  return value.toFixed(2);
}

/** Why the method gives ND for an indicator (for the reason sentence). */
function ndCause(field: AvanceField, input: AvanceInput, year: number, targetYear: number): string {
  if (input.value === null) return `no hay valor obtenido ${year}`;
  if (input.target === null) return `no hay logro esperado ${targetYear}`;
  if (field === 'avance2' && input.baseline === null) return 'no hay valor de línea base';
  return 'faltan datos';
}

/** The formula the method uses and its reciprocal, for the reason sentence. */
function formulas(field: AvanceField, input: AvanceInput): [string, string] {
  const descending = input.direction === 'descendente' || input.aggregation === 'maximo_permisible';
  if (field === 'avance2' && input.aggregation === 'no_acumulado') {
    return descending
      ? ['(LB−VO)/(LB−LE)', '(LB−LE)/(LB−VO)']
      : ['(VO−LB)/(LE−LB)', '(LE−LB)/(VO−LB)'];
  }
  return descending ? ['LE/VO', 'VO/LE'] : ['VO/LE', 'LE/VO'];
}

/** Target years other than T, ascending, whose target is a number. */
function otherTargetYears(result: IndicatorResult, targetYear: number): number[] {
  return Object.entries(result.row.targets)
    .filter(([year, target]) => Number(year) !== targetYear && target !== null)
    .map(([year]) => Number(year))
    .sort((a, b) => a - b);
}

function classifyIndicator(
  result: IndicatorResult,
  field: AvanceField,
  published: number,
  year: number,
  targetYear: number,
): Discrepancy {
  const computed = result[field];
  const base = { code: result.code, field, published, computed };
  const label = FIELD_LABEL[field];
  if (computed === null) {
    const cause = ndCause(field, result.input, year, targetYear);
    return {
      ...base,
      kind: 'ND_AS_NUMBER',
      reason: `Se publicó ${label} ${fmt(published)}, pero el método da ND: ${cause}.`,
    };
  }
  for (const other of otherTargetYears(result, targetYear)) {
    const target = result.row.targets[String(other)] ?? null;
    const candidate = avance(field, { ...result.input, target });
    if (candidate !== null && agrees(published, candidate)) {
      return {
        ...base,
        kind: 'TARGET_YEAR',
        matchedTargetYear: other,
        reason:
          `${label} publicado ${fmt(published)} es el calculado contra el logro esperado de ` +
          `${other} (${fmt(candidate)}), no contra el de ${targetYear} (${fmt(computed)}).`,
      };
    }
  }
  const inverted = invertedAvance(field, result.input);
  if (inverted !== null && agrees(published, inverted)) {
    const [formula, reciprocal] = formulas(field, result.input);
    return {
      ...base,
      kind: 'INVERTED_FORMULA',
      reason:
        `${label} publicado ${fmt(published)} resulta de la fórmula invertida ${reciprocal} ` +
        `(${fmt(inverted)}); el método usa ${formula} (${fmt(computed)}).`,
    };
  }
  const clamped = clampPercent(computed);
  if (clamped !== computed && agrees(published, clamped)) {
    return {
      ...base,
      kind: 'CLAMPED',
      reason:
        `${label} publicado ${fmt(published)} es el calculado (${fmt(computed)}) recortado a ` +
        '[0, 100]; el avance de un indicador no se recorta (solo dentro del promedio de un objetivo).',
    };
  }
  return {
    ...base,
    kind: 'UNEXPLAINED',
    reason: `${label} publicado ${fmt(published)} difiere del calculado (${fmt(computed)}) sin causa conocida.`,
  };
}

/**
 * The objective aggregate that the published figures of its IOP indicators imply (ND and
 * unpublished figures left out), or `null` when none of them was published.
 */
function aggregateOfPublished(
  objective: ObjectiveResult,
  indicators: readonly IndicatorResult[],
  field: AvanceField,
  year: number,
): number | null {
  const figures = indicators
    .filter((i) => objective.indicatorCodes.includes(i.code))
    .map((i) => i.row.published[String(year)]?.[field] ?? null);
  return objectiveAggregate(figures);
}

function classifyObjective(
  objective: ObjectiveResult,
  indicators: readonly IndicatorResult[],
  field: AvanceField,
  published: number,
  year: number,
): Discrepancy {
  const computed = objective[field];
  const base = { code: objective.code, field, published, computed };
  const label = FIELD_LABEL[field];
  if (computed === null) {
    return {
      ...base,
      kind: 'ND_AS_NUMBER',
      reason:
        `Se publicó ${label} ${fmt(published)}, pero el método da ND: ningún indicador del ` +
        'objetivo prioritario tiene avance calculable.',
    };
  }
  const fromPublished = aggregateOfPublished(objective, indicators, field, year);
  if (fromPublished !== null && agrees(published, fromPublished)) {
    return {
      ...base,
      kind: 'AGGREGATE_OF_PUBLISHED',
      reason:
        `${label} publicado ${fmt(published)} es el promedio de los avances publicados de sus ` +
        `indicadores (${fmt(fromPublished)}), no de los recalculados (${fmt(computed)}).`,
    };
  }
  return {
    ...base,
    kind: 'UNEXPLAINED',
    reason: `${label} publicado ${fmt(published)} difiere del calculado (${fmt(computed)}) sin causa conocida.`,
  };
}

/** The discrepancies between the figures published for year Y and the method, in file order. */
export function auditPublished(input: AuditInput): Discrepancy[] {
  const { matrix, year, targetYear, indicators, objectives } = input;
  const indicatorsByCode = new Map(indicators.map((i) => [i.code, i]));
  const objectivesByCode = new Map(objectives.map((o) => [o.code, o]));
  const discrepancies: Discrepancy[] = [];
  for (const row of matrix.rows) {
    const published = row.published[String(year)];
    if (published === undefined) continue;
    for (const field of FIELDS) {
      const figure = published[field];
      if (figure === undefined || figure === null) continue;
      const indicator = indicatorsByCode.get(row.code);
      const objective = objectivesByCode.get(row.code);
      const computed = indicator?.[field] ?? objective?.[field] ?? null;
      if (agrees(figure, computed)) continue;
      if (indicator !== undefined) {
        discrepancies.push(classifyIndicator(indicator, field, figure, year, targetYear));
      } else if (objective !== undefined) {
        discrepancies.push(classifyObjective(objective, indicators, field, figure, year));
      }
    }
  }
  return discrepancies;
}
