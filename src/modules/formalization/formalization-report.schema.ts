/** Shape of the formalization report (JSON of the API and the CLI; CSV and XLSX are renderings of it). */
import { z } from 'zod';
import { requirementCodeSchema } from './formalization.schema.ts';
import { requirementStatusSchema, stageSchema } from './formalization-state.schema.ts';
import { regionCode } from './formalization-api.schema.ts';
import { isoDateSchema } from '../../kernel/date.schema.ts';

export const STEPS = ['awaiting_filing', 'filed', 'under_review', 'observed', 'corrected', 'rejected'] as const;
const stepSchema = z.enum(STEPS);
export const POSITIONS = ['not_available', ...STEPS, 'approved'] as const;
export const MILESTONE_NAMES = [
  'inscribed',
  'igafom_approved',
  'mining_right_access_approved',
  'surface_land_approved',
  'technical_file_approved',
  'start_authorization_approved',
  'formalized',
] as const;
const milestoneSchema = z.enum(MILESTONE_NAMES);

export const DEFAULT_STALLED_DAYS = 90;
export const STALLED_ITEMS_LIMIT = 1000;

export const reportQuery = z.object({
  region: regionCode.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  stalledDays: z.coerce.number().int().min(1).max(3650).default(DEFAULT_STALLED_DAYS),
});

const crossTabSchema = z.object({
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(z.object({ row: z.string(), column: z.string(), count: z.number() })),
});

export const TYPOLOGY_DIMENSIONS = ['stratum', 'activity', 'organizationType', 'sex', 'region'] as const;

export const scopeReportSchema = z.object({
  /** UBIGEO department code, or 'national'. */
  scope: z.string(),
  name: z.string(),
  /** Expedientes opened by the cut-off. */
  expedientes: z.number(),
  byStage: z.record(stageSchema, z.number()),
  funnel: z.object({
    /** Expedientes reaching each milestone within the months of the period. */
    totals: z.array(z.object({ milestone: milestoneSchema, count: z.number() })),
    byMonth: z.array(z.object({ month: z.string(), milestone: milestoneSchema, count: z.number(), cumulative: z.number() })),
  }),
  /** Where each requirement stands at the cut-off (files not excluded). */
  pipeline: z.array(z.object({ requirement: requirementCodeSchema, position: z.enum(POSITIONS), count: z.number() })),
  /** Finished steps that ended within the period: calendar days. */
  timeInSteps: z.array(z.object({ requirement: requirementCodeSchema, step: stepSchema, count: z.number(), medianDays: z.number(), p90Days: z.number() })),
  stalled: z.object({
    thresholdDays: z.number(),
    count: z.number(),
    /** Stalled requirements per step ('awaiting_filing': available, never filed). */
    byStep: z.array(z.object({ requirement: requirementCodeSchema, step: stepSchema, count: z.number() })),
    /** The longest waits first, at most STALLED_ITEMS_LIMIT of them. */
    items: z.array(
      z.object({
        expedienteId: z.number(),
        inscriptionId: z.number(),
        requirement: requirementCodeSchema,
        status: requirementStatusSchema,
        since: z.string(),
        days: z.number(),
        reviewer: z.string().nullable(),
      }),
    ),
  }),
  /** Under review per reviewer; `reviewer: null` is the queue nobody took up. */
  backlog: z.array(z.object({ reviewer: z.string().nullable(), pending: z.number(), oldestSince: z.string() })),
  typology: z.object({
    /** Expedientes by every typology dimension and stage together. */
    cube: z.array(
      z.object({
        region: z.string(),
        stratum: z.string(),
        activity: z.string(),
        organizationType: z.string(),
        sex: z.string(),
        stage: stageSchema,
        count: z.number(),
      }),
    ),
    /** Stage × one dimension at a time. */
    byStage: z.record(z.enum(TYPOLOGY_DIMENSIONS), crossTabSchema),
  }),
});
export type ScopeReport = z.infer<typeof scopeReportSchema>;

export const formalizationReportSchema = z.object({
  generatedAt: z.string(),
  /** The cut-off: actions after it are not counted (the end of `to`, or now). */
  cutoff: z.string(),
  filters: z.object({
    region: z.string().nullable(),
    from: isoDateSchema.nullable(),
    to: isoDateSchema.nullable(),
    stalledDays: z.number(),
  }),
  regions: z.array(scopeReportSchema),
  /** All regions together: for national officials, auditors and administrators without a region filter. */
  national: scopeReportSchema.nullable(),
});
export type FormalizationReport = z.infer<typeof formalizationReportSchema>;

const milestoneTotals = z.array(z.object({ milestone: milestoneSchema, count: z.number() }));
/** The public funnel: milestone counts, national and per region (aggregates only). */
export const publicFunnelSchema = z.object({
  cutoff: z.string(),
  national: z.object({ totals: milestoneTotals }),
  regions: z.array(z.object({ code: z.string(), name: z.string(), totals: milestoneTotals })),
});
