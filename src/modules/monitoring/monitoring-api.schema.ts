import { z } from 'zod';
import { isoDateSchema } from '../../kernel/date.schema.ts';
import { RECORD_KINDS } from './bindings/binding.contract.ts';

/** Request and response shapes of the monitoring routes (validation, types, OpenAPI). */

const year = z.coerce.number().int().min(1900).max(2200);
const isoDate = isoDateSchema.describe('calendar date, YYYY-MM-DD');

export const policyParams = z.object({ code: z.string().min(1).max(40).describe('policy code, e.g. PNMPMMA-2030') });

export const reportParams = policyParams.extend({ format: z.enum(['html', 'pdf', 'xlsx']) });

export const indicatorParams = policyParams.extend({
  indicator: z.string().min(1).max(40).describe('indicator code, e.g. IOP.03.02'),
});

export const evaluationQuery = z.object({
  year: year.describe('year of the values obtained'),
  targetYear: year.optional().describe('year of the targets they are compared with (default: year)'),
});

export const measureQuery = z.object({ year: year.describe('year measured: records as of 31 December') });

export const policySummary = z.object({
  code: z.string(),
  name: z.string().optional(),
  sector: z.string().optional(),
  leadEntity: z.string().optional(),
  policyType: z.string().optional(),
  indicators: z.number().int(),
  valueYears: z.array(z.number().int()),
  targetYears: z.array(z.number().int()),
});

export const storedValue = z.object({
  id: z.number(),
  year: z.number().int(),
  status: z.enum(['measured', 'nd', 'withdrawn']),
  value: z.number().nullable(),
  source: z.string().nullable(),
  date: isoDate.nullable(),
  enteredBy: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  importId: z.number().nullable(),
});

export const boundRecord = z.object({
  kind: z.enum(RECORD_KINDS),
  id: z.number(),
  label: z.string().describe('declarant name and mining right code; never a DNI or RUC'),
  departmentCode: z.string().nullable(),
});

export const measurement = z.object({
  policy: z.string(),
  indicator: z.string(),
  name: z.string(),
  year: z.number().int(),
  description: z.string().describe('the exact definition of the measurement'),
  value: z.number().nullable().describe('national value, in the unit; null is ND'),
  unit: z.enum(['percent', 'number', 'index']),
  numerator: z.number().int(),
  denominator: z.number().int(),
  regions: z
    .array(z.object({ code: z.string(), value: z.number().nullable(), numerator: z.number().int(), denominator: z.number().int() }))
    .describe('national figures per department'),
  availability: z.enum(['complete', 'partial', 'unavailable']),
  note: z.string().nullable(),
  stored: storedValue.nullable().describe('the value stored for the year'),
  scope: z.object({
    scoped: z.boolean().describe('true when row-level security limited the drill-down to a region'),
    regionCode: z.string().nullable(),
    value: z.number().nullable(),
    numerator: z.number().int(),
    denominator: z.number().int(),
    note: z.string(),
  }),
  records: z.array(boundRecord),
});

export const recordValueBody = z.object({
  indicator: z.string().min(1).max(40),
  year: z.number().int().min(1900).max(2200),
  value: z.number().finite().nullable().describe('null records ND'),
  source: z.string().trim().min(1).max(500).optional(),
  date: isoDate.optional().describe('when the value was obtained'),
  enteredBy: z.string().trim().min(1).max(200).optional().describe('who produced the value (default: you)'),
});
