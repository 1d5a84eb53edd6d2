import { z } from 'zod';

/**
 * Shapes of the policy monitoring module (CEPLAN follow-up of a national policy).
 *
 * A policy matrix is a list of rows in the order of the official table:
 * priority objectives (OP) with their indicators (IOP), guidelines (LN), services (SS)
 * and service indicators (ISS). Years are the keys of the yearly records ("2024").
 * `null` is ND (no data); an absent key is a cell nobody filled in.
 */

export const levelSchema = z.enum(['OP', 'IOP', 'LN', 'SS', 'ISS']);
export type Level = z.infer<typeof levelSchema>;

export const indicatorLevelSchema = z.enum(['IOP', 'ISS']);
export type IndicatorLevel = z.infer<typeof indicatorLevelSchema>;

export const elementLevelSchema = z.enum(['OP', 'LN', 'SS']);
export type ElementLevel = z.infer<typeof elementLevelSchema>;

/** Sentido esperado of an indicator. */
export const directionSchema = z.enum(['ascendente', 'descendente', 'no_definido']);
export type Direction = z.infer<typeof directionSchema>;

/** Tipo de agregación of an indicator. */
export const aggregationSchema = z.enum(['acumulado', 'no_acumulado', 'minimo_permisible', 'maximo_permisible']);
export type Aggregation = z.infer<typeof aggregationSchema>;

/** Traffic light of the Avance Tipo 1; `nd` is the grey light of ND. */
export const bandSchema = z.enum(['red', 'yellow', 'green', 'nd']);
export type Band = z.infer<typeof bandSchema>;

export const discrepancyKindSchema = z.enum(['ND_AS_NUMBER', 'TARGET_YEAR', 'INVERTED_FORMULA', 'CLAMPED', 'AGGREGATE_OF_PUBLISHED', 'UNEXPLAINED']);
export type DiscrepancyKind = z.infer<typeof discrepancyKindSchema>;

export const avanceFieldSchema = z.enum(['avance1', 'avance2']);
export type AvanceField = z.infer<typeof avanceFieldSchema>;

/** A measured quantity: a finite number, or `null` for ND. */
export const measureSchema = z.number().finite().nullable();
export type Measure = z.infer<typeof measureSchema>;

const yearKeySchema = z.string().regex(/^\d{4}$/, 'a four-digit year');
const codeSchema = z.string().regex(/^(OP|IOP|LN|SS|ISS)(\.\d+)+$/, 'a CEPLAN element code');

/** Ficha técnica of an indicator. */
export const indicatorSheetSchema = z
  .object({
    name: z.string(),
    justification: z.string().optional(),
    limitations: z.string().optional(),
    responsible: z.string().optional(),
    calculationMethod: z.string().optional(),
    dataSource: z.string().optional(),
    unit: z.string().optional(),
    /** "Tipo de indicador / Estándar de cumplimiento" (e.g. Calidad). */
    indicatorType: z.string().optional(),
    direction: directionSchema,
    aggregation: aggregationSchema,
  })
  .refine((sheet) => sheet.aggregation.endsWith('_permisible') === (sheet.direction === 'no_definido'), {
    message: 'a permisible aggregation goes with direction no_definido, and no_definido only with a permisible aggregation',
    path: ['aggregation'],
  });
export type IndicatorSheet = z.infer<typeof indicatorSheetSchema>;

export const baselineSchema = z.object({
  year: z.number().int().nullable(),
  value: measureSchema,
});
export type Baseline = z.infer<typeof baselineSchema>;

/** A value obtained in one year, with who entered it and from where. */
export const observedValueSchema = z.object({
  value: measureSchema,
  source: z.string().optional(),
  date: z.string().optional(),
  enteredBy: z.string().optional(),
});
export type ObservedValue = z.infer<typeof observedValueSchema>;

/** Alert and measures of one year. */
export const yearNoteSchema = z.object({
  alert: z.string().optional(),
  measures: z.string().optional(),
});
export type YearNote = z.infer<typeof yearNoteSchema>;

/** Figures printed in a published follow-up report (for the audit). */
export const publishedAdvanceSchema = z.object({
  avance1: measureSchema.optional(),
  avance2: measureSchema.optional(),
});
export type PublishedAdvance = z.infer<typeof publishedAdvanceSchema>;

export const indicatorRowSchema = z.object({
  code: codeSchema,
  level: indicatorLevelSchema,
  sheet: indicatorSheetSchema,
  baseline: baselineSchema,
  targets: z.record(yearKeySchema, measureSchema),
  values: z.record(yearKeySchema, observedValueSchema),
  notes: z.record(yearKeySchema, yearNoteSchema),
  published: z.record(yearKeySchema, publishedAdvanceSchema),
});
export type IndicatorRow = z.infer<typeof indicatorRowSchema>;

export const elementRowSchema = z.object({
  code: codeSchema,
  level: elementLevelSchema,
  name: z.string(),
  /** Only objectives carry published figures (their aggregates). */
  published: z.record(yearKeySchema, publishedAdvanceSchema),
});
export type ElementRow = z.infer<typeof elementRowSchema>;

export const matrixRowSchema = z.union([indicatorRowSchema, elementRowSchema]);
export type MatrixRow = z.infer<typeof matrixRowSchema>;

export const policyInfoSchema = z.object({
  code: z.string().optional(),
  name: z.string().optional(),
  sector: z.string().optional(),
  leadEntity: z.string().optional(),
  policyType: z.string().optional(),
});
export type PolicyInfo = z.infer<typeof policyInfoSchema>;

/** The follow-up matrix of a policy, as loaded from a file or from the database. */
export const policyMatrixSchema = z.object({
  policy: policyInfoSchema,
  rows: z.array(matrixRowSchema),
});
export type PolicyMatrix = z.infer<typeof policyMatrixSchema>;

// ---------------------------------------------------------------------------
// Output of `veta policy evaluate --json` (scripts depend on it).

const bandCountsSchema = z.object({
  red: z.number().int(),
  yellow: z.number().int(),
  green: z.number().int(),
  nd: z.number().int(),
});
export type BandCounts = z.infer<typeof bandCountsSchema>;

export const bandSummarySchema = z.object({
  objectives: bandCountsSchema,
  objectiveIndicators: bandCountsSchema,
  serviceIndicators: bandCountsSchema,
});
export type BandSummary = z.infer<typeof bandSummarySchema>;

export const discrepancyJsonSchema = z.object({
  code: z.string(),
  field: avanceFieldSchema,
  published: z.number(),
  computed: z.number().nullable(),
  kind: discrepancyKindSchema,
  reason: z.string(),
});
export type DiscrepancyJson = z.infer<typeof discrepancyJsonSchema>;

export const evaluationJsonSchema = z.object({
  year: z.number().int(),
  targetYear: z.number().int(),
  indicators: z.array(
    z.object({
      code: z.string(),
      /** The indicator's name, from its technical sheet. */
      name: z.string(),
      level: indicatorLevelSchema,
      avance1: z.number().nullable(),
      avance2: z.number().nullable(),
      band: bandSchema,
    }),
  ),
  objectives: z.array(
    z.object({
      code: z.string(),
      /** The priority objective's statement. */
      name: z.string(),
      avance1: z.number().nullable(),
      avance2: z.number().nullable(),
      band: bandSchema,
    }),
  ),
  bands: bandSummarySchema,
  managementIndex: z.number().nullable(),
  discrepancies: z.array(discrepancyJsonSchema),
});
export type EvaluationJson = z.infer<typeof evaluationJsonSchema>;
