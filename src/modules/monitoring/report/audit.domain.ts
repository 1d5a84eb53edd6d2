import { agrees, avance, clampPercent, invertedAvance, objectiveAggregate, type AvanceInput } from '../matrix/ceplan.domain.ts';
import type { Discrepancy, IndicatorResult, ObjectiveResult } from '../monitoring.domain.ts';
import type { AvanceField, PolicyMatrix } from '../monitoring.schema.ts';

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
    return descending ? ['(LB−VO)/(LB−LE)', '(LB−LE)/(LB−VO)'] : ['(VO−LB)/(LE−LB)', '(LE−LB)/(VO−LB)'];
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

function classifyIndicator(result: IndicatorResult, field: AvanceField, published: number, year: number, targetYear: number): Discrepancy {
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
function aggregateOfPublished(objective: ObjectiveResult, indicators: readonly IndicatorResult[], field: AvanceField, year: number): number | null {
  const figures = indicators.filter((i) => objective.indicatorCodes.includes(i.code)).map((i) => i.row.published[String(year)]?.[field] ?? null);
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
      reason: `Se publicó ${label} ${fmt(published)}, pero el método da ND: ningún indicador del ` + 'objetivo prioritario tiene avance calculable.',
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

/** The published management index against the recomputed one (CEPLAN: mean of the objectives' Avance Tipo 2). */
export interface ManagementIndexAudit {
  published: number;
  computed: number | null;
  reason: string;
}

/**
 * The management index a published report printed is the mean of the objectives'
 * published Avance Tipo 2 (the 2024 MAPE report: 74.0); recomputed with the method from
 * the matrix it differs (72.4 with the 2023 targets). Listed when they differ by more
 * than the display rounding (0.05), or when one is ND and the other is not.
 */
export function auditManagementIndex(matrix: PolicyMatrix, year: number, computed: number | null, published?: number | null): ManagementIndexAudit | null {
  const figures = matrix.rows
    .filter((r) => r.level === 'OP')
    .map((r) => r.published[String(year)]?.avance2 ?? null)
    .filter((v): v is number => v !== null);
  const implied = published ?? (figures.length === 0 ? null : figures.reduce((a, b) => a + b, 0) / figures.length);
  if (implied === null || agrees(implied, computed)) return null;
  const reason =
    computed === null
      ? `Se publicó un índice de gestión de ${implied.toFixed(1)}, pero el método da ND: ningún objetivo prioritario tiene Avance Tipo 2 calculable.`
      : `El índice de gestión publicado (${implied.toFixed(1)}) es el promedio de los Avance Tipo 2 publicados de los objetivos prioritarios; ` +
        `recalculado con el método desde la matriz es ${computed.toFixed(1)}: la diferencia viene de los avances de objetivos observados arriba.`;
  return { published: Math.round(implied * 100) / 100, computed, reason };
}

/** An alert the rules raise where the matrix records none for the year. */
export interface RuleAlert {
  code: string;
  rule: 'NO_DATA' | 'BELOW_75' | 'AGAINST_DIRECTION';
  alert: string;
}

/**
 * Alerts generated from rules for the indicators whose matrix has no alert for year Y
 * (CEPLAN's follow-up guide asks for an alert wherever the indicator is at risk):
 * NO_DATA — no value obtained for Y (ND); BELOW_75 — Avance Tipo 1 below 75 % (red
 * light); AGAINST_DIRECTION — the value moved from Y-1 to Y against the expected
 * direction (down on an ascending indicator, up on a descending one). One alert per
 * indicator, the first rule that applies.
 */
export function ruleAlerts(indicators: readonly IndicatorResult[], year: number, alreadyAlerted: ReadonlySet<string>): RuleAlert[] {
  const out: RuleAlert[] = [];
  for (const i of indicators) {
    if (alreadyAlerted.has(i.code)) continue;
    const value = i.row.values[String(year)]?.value ?? null;
    const previous = i.row.values[String(year - 1)]?.value ?? null;
    const direction = i.row.sheet.direction;
    if (value === null) {
      out.push({ code: i.code, rule: 'NO_DATA', alert: `Sin dato: no hay valor obtenido para ${year}; el avance no puede medirse.` });
    } else if (i.avance1 !== null && i.avance1 < 75) {
      out.push({ code: i.code, rule: 'BELOW_75', alert: `Avance Tipo 1 de ${i.avance1.toFixed(1)} %, por debajo de 75 % (semáforo rojo).` });
    } else if (previous !== null && ((direction === 'ascendente' && value < previous) || (direction === 'descendente' && value > previous))) {
      out.push({
        code: i.code,
        rule: 'AGAINST_DIRECTION',
        alert: `El valor se movió en sentido contrario al esperado (${direction}): de ${previous} en ${year - 1} a ${value} en ${year}.`,
      });
    }
  }
  return out;
}
