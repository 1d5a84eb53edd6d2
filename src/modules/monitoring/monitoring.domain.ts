import { auditPublished } from './report/audit.domain.ts';
import {
  avanceTipo1,
  avanceTipo2,
  ceplanMethod,
  countBands,
  managementIndex,
  objectiveAggregate,
  trafficLight,
  type AvanceInput,
} from './matrix/ceplan.domain.ts';
import { isIndicatorRow, missingParents, objectiveCodeOf } from './matrix/hierarchy.domain.ts';
import type {
  AvanceField,
  Band,
  BandSummary,
  DiscrepancyKind,
  ElementRow,
  EvaluationJson,
  IndicatorLevel,
  IndicatorRow,
  PolicyMatrix,
} from './monitoring.schema.ts';

export interface EvaluationOptions {
  /** Year Y of the values obtained. */
  year: number;
  /**
   * Year T of the targets they are compared with; T = Y by default. The published 2024
   * report of the MAPE policy compared 2024 values with the 2023 targets (its first
   * "Logros esperados" column): T = 2023 reproduces it.
   */
  targetYear?: number;
}

export interface IndicatorResult {
  code: string;
  level: IndicatorLevel;
  objectiveCode: string;
  row: IndicatorRow;
  /** VO (year Y), LE (year T) and LB used. */
  input: AvanceInput;
  avance1: number | null;
  avance2: number | null;
  band: Band;
}

export interface ObjectiveResult {
  code: string;
  row: ElementRow;
  /** The IOP indicators whose avances make the aggregate. */
  indicatorCodes: string[];
  avance1: number | null;
  avance2: number | null;
  band: Band;
}

export interface Discrepancy {
  code: string;
  field: AvanceField;
  published: number;
  computed: number | null;
  kind: DiscrepancyKind;
  /** A sentence for people (Spanish, as the report). */
  reason: string;
  /** For TARGET_YEAR: the earliest target year whose target reproduces the figure. */
  matchedTargetYear?: number;
}

export interface AlertEntry {
  code: string;
  alert?: string;
  measures?: string;
}

export interface Evaluation {
  year: number;
  targetYear: number;
  matrix: PolicyMatrix;
  /** IOP and ISS results in file order. */
  indicators: IndicatorResult[];
  objectives: ObjectiveResult[];
  bands: BandSummary;
  managementIndex: number | null;
  discrepancies: Discrepancy[];
  alerts: AlertEntry[];
}

/**
 * Structural problems of a matrix however it was loaded (file or database): duplicate
 * codes, elements whose parent is missing (the parent follows from the code), and
 * direction × aggregation pairs CEPLAN does not allow. Empty when the matrix can be
 * evaluated.
 */
export function matrixProblems(matrix: PolicyMatrix): { code: string; message: string }[] {
  const problems: { code: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const row of matrix.rows) {
    if (seen.has(row.code)) problems.push({ code: row.code, message: 'duplicate code' });
    seen.add(row.code);
    if (isIndicatorRow(row) && ceplanMethod(row.sheet.direction, row.sheet.aggregation) === null) {
      problems.push({
        code: row.code,
        message: `aggregation ${row.sheet.aggregation} cannot go with direction ${row.sheet.direction}`,
      });
    }
  }
  for (const { code, parent } of missingParents(matrix.rows.map((r) => r.code))) {
    problems.push({ code, message: `its parent ${parent} is not in the matrix` });
  }
  return problems;
}

/** VO of year Y, LE of year T and LB of an indicator, ready for the CEPLAN arithmetic. */
export function indicatorInput(row: IndicatorRow, year: number, targetYear: number): AvanceInput {
  return {
    direction: row.sheet.direction,
    aggregation: row.sheet.aggregation,
    value: row.values[String(year)]?.value ?? null,
    target: row.targets[String(targetYear)] ?? null,
    baseline: row.baseline.value,
  };
}

/** Avance Tipo 1, Tipo 2 and traffic light of one indicator (CEPLAN). */
export function evaluateIndicator(row: IndicatorRow, year: number, targetYear: number): IndicatorResult {
  const input = indicatorInput(row, year, targetYear);
  const avance1 = avanceTipo1(input);
  return {
    code: row.code,
    level: row.level,
    objectiveCode: objectiveCodeOf(row.code) ?? row.code,
    row,
    input,
    avance1,
    avance2: avanceTipo2(input),
    band: trafficLight(avance1),
  };
}

/**
 * Follow-up of a policy for year Y against the targets of year T (CEPLAN): every
 * indicator's Avance Tipo 1 / Tipo 2 and light, each priority objective's aggregate (mean
 * of its IOP avances clamped to [0, 100]) and light, the management index (mean of the
 * objectives' aggregate Tipo 2), the counts of lights by element type, the alerts of year
 * Y, and the audit of the figures the matrix says were published for year Y.
 */
export function evaluateMatrix(matrix: PolicyMatrix, options: EvaluationOptions): Evaluation {
  const { year } = options;
  const targetYear = options.targetYear ?? year;
  const indicators = matrix.rows.filter(isIndicatorRow).map((row) => evaluateIndicator(row, year, targetYear));
  const objectives = matrix.rows
    .filter((row): row is ElementRow => row.level === 'OP')
    .map((row) => {
      const own = indicators.filter((i) => i.level === 'IOP' && i.objectiveCode === row.code);
      const avance1 = objectiveAggregate(own.map((i) => i.avance1));
      return {
        code: row.code,
        row,
        indicatorCodes: own.map((i) => i.code),
        avance1,
        avance2: objectiveAggregate(own.map((i) => i.avance2)),
        band: trafficLight(avance1),
      };
    });
  const bands: BandSummary = {
    objectives: countBands(objectives.map((o) => o.band)),
    objectiveIndicators: countBands(indicators.filter((i) => i.level === 'IOP').map((i) => i.band)),
    serviceIndicators: countBands(indicators.filter((i) => i.level === 'ISS').map((i) => i.band)),
  };
  const alerts: AlertEntry[] = [];
  for (const { row } of indicators) {
    const note = row.notes[String(year)];
    if (note?.alert !== undefined || note?.measures !== undefined) alerts.push({ code: row.code, ...note });
  }
  return {
    year,
    targetYear,
    matrix,
    indicators,
    objectives,
    bands,
    managementIndex: managementIndex(objectives.map((o) => o.avance2)),
    discrepancies: auditPublished({ matrix, year, targetYear, indicators, objectives }),
    alerts,
  };
}

/** The `veta policy evaluate --json` document: full precision, `null` for ND. */
export function toEvaluationJson(evaluation: Evaluation): EvaluationJson {
  return {
    year: evaluation.year,
    targetYear: evaluation.targetYear,
    indicators: evaluation.indicators.map((i) => ({
      code: i.code,
      name: i.row.sheet.name,
      level: i.level,
      avance1: i.avance1,
      avance2: i.avance2,
      band: i.band,
    })),
    objectives: evaluation.objectives.map((o) => ({
      code: o.code,
      name: o.row.name,
      avance1: o.avance1,
      avance2: o.avance2,
      band: o.band,
    })),
    bands: evaluation.bands,
    managementIndex: evaluation.managementIndex,
    discrepancies: evaluation.discrepancies.map((d) => ({
      code: d.code,
      field: d.field,
      published: d.published,
      computed: d.computed,
      kind: d.kind,
      reason: d.reason,
    })),
  };
}

/**
 * The management index a published report implies: the mean of the objectives' published
 * Avance Tipo 2 of year Y (the published 2024 MAPE report: 74.0).
 */
export function publishedManagementIndex(matrix: PolicyMatrix, year: number): number | null {
  const figures = matrix.rows.filter((row) => row.level === 'OP').map((row) => row.published[String(year)]?.avance2 ?? null);
  return managementIndex(figures);
}
