import { auditManagementIndex, ruleAlerts, type ManagementIndexAudit, type RuleAlert } from './audit.domain.ts';
import { isIndicatorRow, rowName } from '../matrix/hierarchy.domain.ts';
import type { Evaluation, IndicatorResult, ObjectiveResult } from '../monitoring.domain.ts';
import type { Aggregation, Band, BandCounts, Direction, DiscrepancyKind, Level, Measure } from '../monitoring.schema.ts';

/**
 * What the three report formats (HTML, PDF, XLSX) show, in the official layout of the
 * CEPLAN follow-up report, with its Spanish (es-PE) labels. Figures are rounded to one
 * decimal here, for display only.
 */

export const DIRECTION_LABEL: Record<Direction, string> = {
  ascendente: 'ascendente',
  descendente: 'descendente',
  no_definido: 'no definido',
};

export const AGGREGATION_LABEL: Record<Aggregation, string> = {
  acumulado: 'acumulado',
  no_acumulado: 'no acumulado',
  minimo_permisible: 'mínimo permisible',
  maximo_permisible: 'máximo permisible',
};

/** Column headers of the traffic-light summary, as in the official report. */
export const BAND_RANGE_LABEL: Record<Band, string> = {
  red: '[0-75%>',
  yellow: '[75-95%>',
  green: '≥95%',
  nd: 'ND',
};

export const BAND_NAME: Record<Band, string> = {
  red: 'Rojo',
  yellow: 'Amarillo',
  green: 'Verde',
  nd: 'Gris (ND)',
};

export const BAND_COLOR: Record<Band, string> = {
  red: '#d32f2f',
  yellow: '#f9a825',
  green: '#388e3c',
  nd: '#9e9e9e',
};

export const BAND_ORDER: readonly Band[] = ['red', 'yellow', 'green', 'nd'];

export const LEVEL_LABEL: Record<Level, string> = {
  OP: 'Objetivo prioritario',
  IOP: 'Indicador de objetivo prioritario',
  LN: 'Lineamiento',
  SS: 'Servicio',
  ISS: 'Indicador de servicio',
};

export const KIND_LABEL: Record<DiscrepancyKind, string> = {
  ND_AS_NUMBER: 'ND publicado como número',
  TARGET_YEAR: 'Logro esperado de otro año',
  INVERTED_FORMULA: 'Fórmula invertida',
  CLAMPED: 'Recortado a [0, 100]',
  AGGREGATE_OF_PUBLISHED: 'Promedio de cifras publicadas',
  UNEXPLAINED: 'Sin explicación',
};

export const FIELD_LABEL = { avance1: 'Avance Tipo 1', avance2: 'Avance Tipo 2' } as const;

export const SUMMARY_TITLE = 'Semáforo del nivel de cumplimiento del Avance Tipo 1, por elemento';
export const INDEX_LABEL = 'Índice de gestión de la política nacional';
export const TABLE_HEADERS = {
  code: 'Código',
  name: 'Objetivo prioritario / Lineamiento / Servicio / Indicador',
  responsible: 'Responsable de indicador',
  indicatorType: 'Tipo de indicador / Estándar de cumplimiento',
  direction: 'Sentido esperado',
  aggregation: 'Tipo de agregación',
  baseline: 'Línea base',
  baselineYear: 'Año',
  baselineValue: 'Valor',
  targets: 'Logros esperados',
  values: 'Valores obtenidos',
  avance1: 'Avance Tipo 1 (%)',
  avance2: 'Avance Tipo 2 (%)',
  band: 'Semáforo',
} as const;

/** An avance for display: one decimal, `ND` for ND (never `-0.0`). */
export function formatAvance(value: number | null): string {
  if (value === null) return 'ND';
  const text = value.toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}

/** A baseline, target or value for display, with the indicator's percent sign. */
export function formatQuantity(value: Measure | undefined, unit: string | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'ND';
  return unit === '%' ? `${value}%` : String(value);
}

export interface SummaryLine {
  label: string;
  counts: BandCounts;
  total: number;
}

export interface TableLine {
  code: string;
  level: Level;
  name: string;
  responsible: string;
  indicatorType: string;
  direction: string;
  aggregation: string;
  baselineYear: string;
  baselineValue: string;
  targets: string[];
  values: string[];
  avance1: string;
  avance2: string;
  /** Raw avances (for spreadsheets), `null` for ND or rows without avance. */
  avance1Value: number | null;
  avance2Value: number | null;
  band: Band | null;
  /** Raw baseline, targets and values (for spreadsheets: numbers, not text); `undefined` when empty, `null` for ND. */
  quantities: { unit: string | null; baseline: Measure | undefined; targets: (Measure | undefined)[]; values: (Measure | undefined)[] };
}

/** A bound indicator's value measured from Veta's records next to the matrix's. */
export interface MeasuredComparison {
  code: string;
  unit: string;
  /** The value the matrix (a published report) gives for the year; undefined when it gives none. */
  matrix: Measure | undefined;
  measured: number | null;
  /** The matrix's value differs from the records by more than the display rounding. */
  differs: boolean;
  /** How it is measured (numerator, denominator, sources). */
  description: string;
}

/** What a report may show besides the evaluation. */
export interface ReportExtras {
  /** Where the values obtained come from: the matrix as typed, or Veta's records. */
  valuesSource: 'matrix' | 'measured';
  comparisons?: MeasuredComparison[];
}

/** The indicator's technical sheet (ficha técnica), for the annex. */
export interface SheetView {
  code: string;
  name: string;
  fields: [label: string, value: string][];
}

export interface ReportView {
  title: string;
  subtitle: string;
  policyLines: string[];
  year: number;
  targetYear: number;
  alignmentNote: string | null;
  summary: SummaryLine[];
  targetYears: number[];
  valueYears: number[];
  lines: TableLine[];
  objectives: ObjectiveResult[];
  indicators: IndicatorResult[];
  managementIndex: string;
  valuesNote: string;
  comparisons: MeasuredComparison[];
  managementIndexAudit: ManagementIndexAudit | null;
  generatedAlerts: RuleAlert[];
  sheets: SheetView[];
}

function total(counts: BandCounts): number {
  return counts.red + counts.yellow + counts.green + counts.nd;
}

function sortedYears(keys: string[]): number[] {
  return [...new Set(keys.map(Number))].sort((a, b) => a - b);
}

const orDash = (v: string | undefined): string => (v === undefined || v.trim() === '' ? '—' : v);

function sheetOf(result: IndicatorResult, measuredBy: string | undefined): SheetView {
  const { sheet, baseline } = result.row;
  return {
    code: result.code,
    name: sheet.name,
    fields: [
      ['Nivel', LEVEL_LABEL[result.level]],
      ['Responsable', orDash(sheet.responsible)],
      ['Tipo de indicador', orDash(sheet.indicatorType)],
      ['Sentido esperado', DIRECTION_LABEL[sheet.direction]],
      ['Tipo de agregación', AGGREGATION_LABEL[sheet.aggregation]],
      ['Unidad de medida', orDash(sheet.unit)],
      ['Línea base', baseline.year === null ? '—' : `${formatQuantity(baseline.value, sheet.unit)} (${baseline.year})`],
      ['Método de cálculo', orDash(sheet.calculationMethod)],
      ['Fuente de datos', orDash(sheet.dataSource)],
      ['Justificación', orDash(sheet.justification)],
      ['Limitaciones', orDash(sheet.limitations)],
      ['Medición desde los registros de Veta', orDash(measuredBy)],
    ],
  };
}

/** The report's content from an evaluation. */
export function buildReportView(evaluation: Evaluation, extras: ReportExtras = { valuesSource: 'matrix' }): ReportView {
  const { matrix, year, targetYear } = evaluation;
  const indicatorRows = matrix.rows.filter(isIndicatorRow);
  const targetYears = sortedYears(indicatorRows.flatMap((r) => Object.keys(r.targets)));
  const valueYears = sortedYears(indicatorRows.flatMap((r) => Object.keys(r.values))).filter((y) => y <= year);
  const byCode = new Map<string, IndicatorResult | ObjectiveResult>([
    ...evaluation.indicators.map((i) => [i.code, i] as const),
    ...evaluation.objectives.map((o) => [o.code, o] as const),
  ]);
  const lines = matrix.rows.map((row): TableLine => {
    const result = byCode.get(row.code);
    const base = {
      code: row.code,
      level: row.level,
      name: rowName(row),
      avance1: result ? formatAvance(result.avance1) : '',
      avance2: result ? formatAvance(result.avance2) : '',
      avance1Value: result?.avance1 ?? null,
      avance2Value: result?.avance2 ?? null,
      band: result?.band ?? null,
    };
    if (!isIndicatorRow(row)) {
      return {
        ...base,
        responsible: '',
        indicatorType: '',
        direction: '',
        aggregation: '',
        baselineYear: '',
        baselineValue: '',
        targets: targetYears.map(() => ''),
        values: valueYears.map(() => ''),
        quantities: { unit: null, baseline: undefined, targets: targetYears.map(() => undefined), values: valueYears.map(() => undefined) },
      };
    }
    const unit = row.sheet.unit;
    return {
      ...base,
      responsible: row.sheet.responsible ?? '',
      indicatorType: row.sheet.indicatorType ?? '',
      direction: DIRECTION_LABEL[row.sheet.direction],
      aggregation: AGGREGATION_LABEL[row.sheet.aggregation],
      baselineYear: row.baseline.year === null ? '' : String(row.baseline.year),
      baselineValue: formatQuantity(row.baseline.value, unit),
      targets: targetYears.map((y) => formatQuantity(row.targets[String(y)], unit)),
      values: valueYears.map((y) => formatQuantity(row.values[String(y)]?.value, unit)),
      quantities: {
        unit: unit ?? null,
        baseline: row.baseline.value,
        targets: targetYears.map((y) => row.targets[String(y)]),
        values: valueYears.map((y) => row.values[String(y)]?.value),
      },
    };
  });
  const { bands } = evaluation;
  const policy = matrix.policy;
  const policyName = policy.name ?? 'Política Nacional';
  return {
    title: `Reporte de seguimiento de la ${policyName}`,
    subtitle: `Reporte de seguimiento ${year}`,
    policyLines: [
      policy.sector ? `Sector: ${policy.sector}` : null,
      policy.leadEntity ? `Ministerio conductor: ${policy.leadEntity}` : null,
      policy.policyType ? `Tipo: ${policy.policyType}` : null,
    ].filter((l): l is string => l !== null),
    year,
    targetYear,
    alignmentNote: targetYear === year ? null : `Los valores obtenidos de ${year} se comparan con los logros esperados de ${targetYear}.`,
    summary: [
      { label: 'Objetivos prioritarios', counts: bands.objectives, total: total(bands.objectives) },
      {
        label: 'Indicadores de objetivos prioritarios',
        counts: bands.objectiveIndicators,
        total: total(bands.objectiveIndicators),
      },
      { label: 'Indicadores de servicios', counts: bands.serviceIndicators, total: total(bands.serviceIndicators) },
    ],
    targetYears,
    valueYears,
    lines,
    objectives: evaluation.objectives,
    indicators: evaluation.indicators,
    managementIndex: formatAvance(evaluation.managementIndex),
    valuesNote:
      extras.valuesSource === 'measured'
        ? `Valores obtenidos ${year}: medidos desde los registros de Veta para los indicadores vinculados; los demás, los de la matriz.`
        : `Valores obtenidos ${year}: los de la matriz.`,
    comparisons: extras.comparisons ?? [],
    managementIndexAudit: auditManagementIndex(matrix, year, evaluation.managementIndex),
    generatedAlerts: ruleAlerts(evaluation.indicators, year, new Set(evaluation.alerts.map((a) => a.code))),
    sheets: evaluation.indicators.map((i) => sheetOf(i, extras.comparisons?.find((c) => c.code === i.code)?.description)),
  };
}
